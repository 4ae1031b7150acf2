#pragma once
// Hand-made units small enough to know their optimal plans by reasoning, for the tests.
#include "schedule/model.hpp"

namespace relief::schedule::testing {

// One day 08:00-11:00 (12 slots of 15 min), no unit blocks, one gym (capacity 2), one therapy
// room, activities PT and OT of 60 min. No staff, patients or prescriptions: tests add them.
inline Instance tiny_day() {
  Instance in;
  in.slot_minutes = 15;
  in.day_start_minutes = 8 * 60;
  in.slots_per_day = 12;
  in.days = 1;
  in.day_names = {"Mon"};
  in.continuity_disciplines = {"PT", "OT"};
  in.activities = {{"PT", "PT", 4, 1, {"gym"}}, {"OT", "OT", 4, 1, {"therapy"}}};
  in.rooms = {{"gym", "gym", 2}, {"therapy", "therapy", 1}};
  return in;
}

inline Staff staff(const std::string& id, const std::string& activity, int from, int to) {
  Staff s;
  s.id = id;
  s.name = id;
  s.discipline = activity;
  s.qualifications = {activity};
  s.hours = {Window{kEveryDay, from, to, ""}};
  return s;
}

inline Patient patient(const std::string& id) {
  Patient p;
  p.id = id;
  p.name = id;
  return p;
}

inline Prescription rx(const std::string& id, const std::string& activity, std::vector<std::string> patients,
                       int per_week, int max_per_day = 1) {
  return Prescription{id, activity, std::move(patients), per_week, max_per_day, ""};
}

}  // namespace relief::schedule::testing
