#include "schedule/instance_check.hpp"

#include <algorithm>
#include <set>

namespace relief::schedule {
namespace {
template <class T>
void check_unique(const std::vector<T>& items, const std::string& what, std::vector<std::string>& problems) {
  std::set<std::string> seen;
  for (auto& item : items) {
    if (item.id.empty()) problems.push_back(what + ": an entry has an empty id");
    if (!seen.insert(item.id).second) problems.push_back(what + ": id \"" + item.id + "\" appears twice");
  }
}
}  // namespace

std::vector<std::string> instance_problems(const Instance& in) {
  std::vector<std::string> problems;
  check_unique(in.activities, "activities", problems);
  check_unique(in.rooms, "rooms", problems);
  check_unique(in.staff, "staff", problems);
  check_unique(in.patients, "patients", problems);
  check_unique(in.prescriptions, "prescriptions", problems);

  for (auto& a : in.activities) {
    if (a.duration < 1 || a.duration > in.slots_per_day)
      problems.push_back("activity " + a.id + ": its length must be at least one slot and fit in the day");
    if (a.room_kinds.empty()) problems.push_back("activity " + a.id + ": name at least one room kind");
  }
  for (auto& s : in.staff) {
    for (auto& q : s.qualifications)
      if (in.activity_index(q) < 0) problems.push_back("staff " + s.id + ": qualification \"" + q + "\" is no activity");
    if (s.trainee()) {
      int sup = in.staff_index(s.supervisor);
      if (sup < 0)
        problems.push_back("staff " + s.id + ": supervisor \"" + s.supervisor + "\" is not on the staff list");
      else if (in.staff[sup].trainee())
        problems.push_back("staff " + s.id + ": supervisor " + s.supervisor + " is a trainee too");
    }
  }
  for (auto& p : in.patients)
    for (auto& pref : p.preferences)
      if (in.activity_index(pref.activity) < 0)
        problems.push_back("patient " + p.id + ": preference for unknown activity \"" + pref.activity + "\"");
  for (auto& rx : in.prescriptions) {
    int a = in.activity_index(rx.activity);
    if (a < 0) problems.push_back("prescription " + rx.id + ": unknown activity \"" + rx.activity + "\"");
    if (rx.patients.empty()) problems.push_back("prescription " + rx.id + ": names no patient");
    std::set<std::string> members;
    for (auto& p : rx.patients) {
      if (in.patient_index(p) < 0) problems.push_back("prescription " + rx.id + ": unknown patient \"" + p + "\"");
      if (!members.insert(p).second) problems.push_back("prescription " + rx.id + ": patient " + p + " listed twice");
    }
    if (!rx.primary_staff.empty() && in.staff_index(rx.primary_staff) < 0)
      problems.push_back("prescription " + rx.id + ": unknown primary_staff \"" + rx.primary_staff + "\"");
    if (a >= 0) {
      auto& kinds = in.activities[a].room_kinds;
      bool room_fits = std::any_of(in.rooms.begin(), in.rooms.end(), [&](const Room& r) {
        return std::find(kinds.begin(), kinds.end(), r.kind) != kinds.end() &&
               r.capacity >= static_cast<int>(rx.patients.size());
      });
      if (!room_fits)
        problems.push_back("prescription " + rx.id + ": no room of a kind its activity uses holds " +
                           std::to_string(rx.patients.size()) + " patients");
    }
  }
  return problems;
}

}  // namespace relief::schedule
