#include "schedule/model.hpp"

#include <cctype>
#include <cstdio>
#include <stdexcept>

namespace relief::schedule {
namespace {
template <class T>
int index_of(const std::vector<T>& items, const std::string& id) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return static_cast<int>(i);
  return -1;
}
}  // namespace

int Instance::activity_index(const std::string& id) const { return index_of(activities, id); }
int Instance::room_index(const std::string& id) const { return index_of(rooms, id); }
int Instance::staff_index(const std::string& id) const { return index_of(staff, id); }
int Instance::patient_index(const std::string& id) const { return index_of(patients, id); }
int Instance::prescription_index(const std::string& id) const { return index_of(prescriptions, id); }

std::string Instance::day_name(int day) const {
  if (day >= 0 && day < static_cast<int>(day_names.size())) return day_names[day];
  return "day " + std::to_string(day + 1);
}

long long SoftCosts::weighted() const {
  return 1LL * kWeightDose * dose_shortfall + 1LL * kWeightContinuity * continuity +
         1LL * kWeightPreference * preference + 1LL * kWeightLoadSpread * load_spread +
         1LL * kWeightIdle * idle_slots;
}

std::string format_clock(int minutes) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", (minutes / 60) % 100, minutes % 60);
  return text;
}

int parse_clock(const std::string& text) {
  if (text.size() != 5 || text[2] != ':' || !isdigit(text[0]) || !isdigit(text[1]) || !isdigit(text[3]) ||
      !isdigit(text[4]))
    throw std::invalid_argument("expected a time as HH:MM, got \"" + text + "\"");
  int hours = (text[0] - '0') * 10 + (text[1] - '0');
  int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 24 || minutes > 59 || (hours == 24 && minutes != 0))
    throw std::invalid_argument("\"" + text + "\" is not a time of day");
  return hours * 60 + minutes;
}

int slot_of_clock(const Instance& in, const std::string& text) {
  int offset = parse_clock(text) - in.day_start_minutes;
  if (offset < 0 || offset % in.slot_minutes != 0 || offset / in.slot_minutes > in.slots_per_day)
    throw std::invalid_argument("\"" + text + "\" is not a slot boundary inside the day window " +
                                format_clock(in.day_start_minutes) + "-" +
                                format_clock(in.day_start_minutes + in.slots_per_day * in.slot_minutes));
  return offset / in.slot_minutes;
}

std::string clock_of_slot(const Instance& in, int slot) {
  return format_clock(in.day_start_minutes + slot * in.slot_minutes);
}

}  // namespace relief::schedule
