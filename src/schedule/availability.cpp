#include "schedule/availability.hpp"

#include <algorithm>

namespace relief::schedule {

bool staff_works_on(const Staff& s, int day) {
  return std::any_of(s.hours.begin(), s.hours.end(), [&](const Window& w) { return w.day == kEveryDay || w.day == day; });
}

bool staff_on_unit(const Instance& in, const Staff& s, int day) {
  for (int t = 0; t < in.slots_per_day; ++t)
    if (staff_free_at(s, day, t)) return true;
  return false;
}

bool staff_free_at(const Staff& s, int day, int slot) {
  auto hit = [&](const Window& w) { return w.covers(day, slot); };
  return std::any_of(s.hours.begin(), s.hours.end(), hit) && std::none_of(s.breaks.begin(), s.breaks.end(), hit);
}

bool patient_blocked_at(const Instance& in, const Patient& p, int day, int slot) {
  auto hit = [&](const Window& w) { return w.covers(day, slot); };
  return std::any_of(in.unit_blocks.begin(), in.unit_blocks.end(), hit) ||
         std::any_of(p.blocks.begin(), p.blocks.end(), hit);
}

namespace {
template <class Free>
std::vector<int> starts_where(int slots, int duration, Free free) {
  std::vector<int> out;
  int run = 0;  // free slots ending at t
  std::vector<int> run_at(slots);
  for (int t = 0; t < slots; ++t) {
    run = free(t) ? run + 1 : 0;
    run_at[t] = run;
  }
  for (int t = 0; t + duration <= slots; ++t)
    if (run_at[t + duration - 1] >= duration) out.push_back(t);
  return out;
}
}  // namespace

std::vector<int> staff_starts(const Instance& in, const Staff& s, int day, int duration) {
  return starts_where(in.slots_per_day, duration, [&](int t) { return staff_free_at(s, day, t); });
}

std::vector<int> patient_starts(const Instance& in, const Patient& p, int day, int duration) {
  return starts_where(in.slots_per_day, duration, [&](int t) { return !patient_blocked_at(in, p, day, t); });
}

int staff_free_slots(const Instance& in, const Staff& s, int day) {
  int n = 0;
  for (int t = 0; t < in.slots_per_day; ++t) n += staff_free_at(s, day, t);
  return n;
}

int patient_free_slots(const Instance& in, const Patient& p, int day) {
  int n = 0;
  for (int t = 0; t < in.slots_per_day; ++t) n += !patient_blocked_at(in, p, day, t);
  return n;
}

std::vector<int> qualified_staff(const Instance& in, const std::string& activity) {
  std::vector<int> out;
  for (std::size_t k = 0; k < in.staff.size(); ++k) {
    const auto& q = in.staff[k].qualifications;
    if (std::find(q.begin(), q.end(), activity) != q.end()) out.push_back(static_cast<int>(k));
  }
  return out;
}

std::vector<int> suitable_rooms(const Instance& in, const Prescription& rx) {
  std::vector<int> out;
  const auto& kinds = in.activities[in.activity_index(rx.activity)].room_kinds;
  for (std::size_t r = 0; r < in.rooms.size(); ++r)
    if (std::find(kinds.begin(), kinds.end(), in.rooms[r].kind) != kinds.end() &&
        in.rooms[r].capacity >= static_cast<int>(rx.patients.size()))
      out.push_back(static_cast<int>(r));
  return out;
}

}  // namespace relief::schedule
