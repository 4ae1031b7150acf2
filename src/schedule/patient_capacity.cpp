#include "schedule/patient_capacity.hpp"

#include <algorithm>
#include <set>

#include "schedule/availability.hpp"

namespace relief::schedule {

std::vector<std::pair<int, int>> patient_free_stretches(const Instance& in, const Patient& p, int day) {
  std::vector<std::pair<int, int>> out;
  int from = -1;
  for (int t = 0; t <= in.slots_per_day; ++t) {
    bool free = t < in.slots_per_day && !patient_blocked_at(in, p, day, t);
    if (free && from < 0) from = t;
    if (!free && from >= 0) {
      out.push_back({from, t});
      from = -1;
    }
  }
  return out;
}

bool stretch_holds(int length, int slots, int count, int gap, int max_consecutive) {
  if (count == 0) return true;
  if (gap > 0) return slots + (count - 1) * gap <= length;  // nothing is ever back to back
  if (max_consecutive <= 0) return slots <= length;
  int runs = (count + max_consecutive - 1) / max_consecutive;
  return slots + (runs - 1) <= length;  // one free slot between runs
}

std::pair<int, int> core_hours(const Instance& in, int day) {
  std::vector<int> on(in.slots_per_day, 0);
  int working = 0;
  for (auto& s : in.staff) {
    if (!staff_works_on(s, day)) continue;
    ++working;
    for (int t = 0; t < in.slots_per_day; ++t) on[t] += staff_free_at(s, day, t);
  }
  int from = in.slots_per_day, to = 0;
  for (int t = 0; t < in.slots_per_day; ++t)
    if (working > 0 && 2 * on[t] >= working) from = std::min(from, t), to = t + 1;
  if (from >= to) return {0, in.slots_per_day};
  return {from, to};
}

std::pair<int, int> lead_hours(const Instance& in, const Patient& p, int day) {
  int from = in.slots_per_day, to = 0;
  for (const auto& rx : in.prescriptions) {
    if (std::find(rx.patients.begin(), rx.patients.end(), p.id) == rx.patients.end()) continue;
    if (in.activities[in.activity_index(rx.activity)].staff_needed == 0) return {0, in.slots_per_day};
    for (int s : qualified_staff(in, rx.activity))
      for (int t = 0; t < in.slots_per_day; ++t)
        if (staff_free_at(in.staff[s], day, t)) from = std::min(from, t), to = std::max(to, t + 1);
  }
  return {from, std::max(from, to)};
}

DayCapacity patient_day_capacity(const Instance& in, const Patient& p, int day, const std::vector<int>& durations,
                                 const std::vector<int>& most, std::pair<int, int> core) {
  DayCapacity out;
  out.durations = durations;
  const int K = static_cast<int>(durations.size());
  // All vectors of the box [0, most], as mixed-radix indexes.
  int box = 1;
  for (int m : most) box *= m + 1;
  auto decode = [&](int index) {
    std::vector<int> v(K);
    for (int k = 0; k < K; ++k) v[k] = index % (most[k] + 1), index /= most[k] + 1;
    return v;
  };
  auto encode = [&](const std::vector<int>& v) {
    int index = 0;
    for (int k = K - 1; k >= 0; --k) index = index * (most[k] + 1) + v[k];
    return index;
  };
  // Reachable[i]: vector i can be shared out over the stretches seen so far (a relaxation: the
  // rest gap across a block between two stretches is not required, so this only over-approximates).
  std::vector<char> reachable(box, 0);
  reachable[0] = 1;
  for (auto [from, to] : patient_free_stretches(in, p, day)) {
    from = std::max(from, core.first);
    to = std::min(to, core.second);
    if (from >= to) continue;
    std::vector<int> fits;  // vectors one stretch holds
    for (int i = 0; i < box; ++i) {
      auto v = decode(i);
      int slots = 0, count = 0;
      for (int k = 0; k < K; ++k) slots += v[k] * durations[k], count += v[k];
      if (stretch_holds(to - from, slots, count, p.min_gap, p.max_consecutive)) fits.push_back(i);
    }
    std::vector<char> next(box, 0);
    for (int a = 0; a < box; ++a) {
      if (!reachable[a]) continue;
      auto va = decode(a);
      for (int b : fits) {
        auto vb = decode(b);
        bool inside = true;
        for (int k = 0; k < K && inside; ++k) inside = va[k] + vb[k] <= most[k], vb[k] += va[k];
        if (inside) next[encode(vb)] = 1;
      }
    }
    reachable.swap(next);
  }
  for (int i = 0; i < box; ++i)
    if (reachable[i]) out.feasible.push_back(decode(i));
  return out;
}

}  // namespace relief::schedule
