#include "schedule/plan_assembly.hpp"

namespace relief::schedule {

Session session_of(const Instance& in, int rx, int day, const Placement& p, bool pinned) {
  Session s;
  s.prescription = in.prescriptions[rx].id;
  s.day = day;
  s.start = p.start;
  for (int k : p.leads) s.staff.push_back(in.staff[k].id);
  s.supervisors = supervisors_for(in, p.leads);
  s.room = p.room >= 0 ? in.rooms[p.room].id : "";
  s.pinned = pinned;
  return s;
}

std::optional<Placement> placement_of(const Instance& in, const Session& s) {
  if (in.prescription_index(s.prescription) < 0 || s.day < 0 || s.day >= in.days) return std::nullopt;
  Placement p;
  p.start = s.start;
  for (auto& id : s.staff) {
    int k = in.staff_index(id);
    if (k < 0) return std::nullopt;
    p.leads.push_back(k);
  }
  p.room = in.room_index(s.room);
  if (p.room < 0) return std::nullopt;
  return p;
}

}  // namespace relief::schedule
