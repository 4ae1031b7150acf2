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

  // Each problem names its place in the file ("instance.prescriptions[3].patients[1]"), so the
  // board shows it beside what it is about; the record's id follows in words.
  auto at = [](const char* list, std::size_t i, const std::string& rest = "") {
    return "instance." + std::string(list) + "[" + std::to_string(i) + "]" + rest + ": ";
  };
  for (std::size_t i = 0; i < in.activities.size(); ++i) {
    const auto& a = in.activities[i];
    if (a.duration < 1 || a.duration > in.slots_per_day)
      problems.push_back(at("activities", i, ".minutes") + "activity " + a.id + " must last at least one slot and fit in the day");
    if (a.room_kinds.empty()) problems.push_back(at("activities", i, ".rooms") + "activity " + a.id + ": name at least one room kind");
  }
  for (std::size_t i = 0; i < in.staff.size(); ++i) {
    const auto& s = in.staff[i];
    for (std::size_t q = 0; q < s.qualifications.size(); ++q)
      if (in.activity_index(s.qualifications[q]) < 0)
        problems.push_back(at("staff", i, ".qualifications[" + std::to_string(q) + "]") + "staff " + s.id +
                           ": qualification \"" + s.qualifications[q] + "\" is no activity");
    if (s.trainee()) {
      int sup = in.staff_index(s.supervisor);
      if (sup < 0)
        problems.push_back(at("staff", i, ".supervisor") + "staff " + s.id + ": supervisor \"" + s.supervisor +
                           "\" is not on the staff list");
      else if (in.staff[sup].trainee())
        problems.push_back(at("staff", i, ".supervisor") + "staff " + s.id + ": supervisor " + s.supervisor + " is a trainee too");
    }
  }
  for (std::size_t i = 0; i < in.patients.size(); ++i)
    for (std::size_t k = 0; k < in.patients[i].preferences.size(); ++k) {
      const auto& pref = in.patients[i].preferences[k];
      if (in.activity_index(pref.activity) < 0)
        problems.push_back(at("patients", i, ".preferences[" + std::to_string(k) + "].activity") + "patient " +
                           in.patients[i].id + ": preference for unknown activity \"" + pref.activity + "\"");
      // Reversed hours were accepted and then charged every session (blocks and hours refuse them).
      if (pref.to <= pref.from)
        problems.push_back(at("patients", i, ".preferences[" + std::to_string(k) + "].to") + "patient " +
                           in.patients[i].id + ": a preferred window must end after it starts");
    }
  for (std::size_t i = 0; i < in.prescriptions.size(); ++i) {
    const auto& rx = in.prescriptions[i];
    int a = in.activity_index(rx.activity);
    if (a < 0) problems.push_back(at("prescriptions", i, ".activity") + "prescription " + rx.id + ": unknown activity \"" + rx.activity + "\"");
    if (rx.patients.empty()) problems.push_back(at("prescriptions", i, ".patients") + "prescription " + rx.id + ": names no patient");
    std::set<std::string> members;
    for (std::size_t k = 0; k < rx.patients.size(); ++k) {
      const auto& p = rx.patients[k];
      const auto place = at("prescriptions", i, ".patients[" + std::to_string(k) + "]");
      if (in.patient_index(p) < 0) problems.push_back(place + "prescription " + rx.id + ": unknown patient \"" + p + "\"");
      if (!members.insert(p).second) problems.push_back(place + "prescription " + rx.id + ": patient " + p + " listed twice");
    }
    if (!rx.primary_staff.empty() && in.staff_index(rx.primary_staff) < 0)
      problems.push_back(at("prescriptions", i, ".primary_staff") + "prescription " + rx.id + ": unknown primary_staff \"" +
                         rx.primary_staff + "\"");
    if (a >= 0) {
      auto& kinds = in.activities[a].room_kinds;
      bool room_fits = std::any_of(in.rooms.begin(), in.rooms.end(), [&](const Room& r) {
        return std::find(kinds.begin(), kinds.end(), r.kind) != kinds.end() &&
               r.capacity >= static_cast<int>(rx.patients.size());
      });
      const auto children = rx.patients.size();
      if (!room_fits)
        problems.push_back(at("prescriptions", i) + "prescription " + rx.id + ": no room of a kind its activity uses holds " +
                           std::to_string(children) + (children == 1 ? " patient" : " patients"));
    }
  }
  return problems;
}

}  // namespace relief::schedule
