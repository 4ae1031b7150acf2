#include "schedule/main_therapists.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include "schedule/availability.hpp"

namespace relief::schedule {
namespace {

bool tracked(const Instance& in, const std::string& discipline) {
  return std::find(in.continuity_disciplines.begin(), in.continuity_disciplines.end(), discipline) !=
         in.continuity_disciplines.end();
}

// The sessions a therapist can lead in the week (their daily limit on each working day).
int weekly_sessions(const Instance& in, const Staff& s) {
  int total = 0;
  for (int d = 0; d < in.days; ++d)
    if (staff_works_on(s, d)) total += std::max(0, s.max_sessions_per_day);
  return total;
}

}  // namespace

std::map<PrimaryKey, int> choose_main_therapists(const Instance& in, const std::map<PrimaryKey, int>& kept) {
  struct Need {
    PrimaryKey key;
    int sessions = 0;
    std::set<int> qualified;  // for every one of the child's prescriptions of the discipline
    int named = -1;
  };
  std::map<PrimaryKey, Need> needs;
  for (auto& rx : in.prescriptions) {
    const auto& act = in.activities[in.activity_index(rx.activity)];
    if (rx.patients.size() != 1 || act.staff_needed != 1 || !tracked(in, act.discipline)) continue;
    PrimaryKey key{in.patient_index(rx.patients[0]), act.discipline};
    auto staff = qualified_staff(in, rx.activity);
    auto [it, fresh] = needs.try_emplace(key);
    Need& need = it->second;
    need.key = key;
    need.sessions += rx.per_week;
    if (fresh) {
      need.qualified.insert(staff.begin(), staff.end());
    } else {
      std::set<int> both;
      for (int s : staff)
        if (need.qualified.count(s)) both.insert(s);
      if (!both.empty()) need.qualified = both;  // nobody leads all of them: keep the earlier set
    }
    if (!rx.primary_staff.empty()) need.named = in.staff_index(rx.primary_staff);
  }
  for (auto& [key, staff] : kept)
    if (auto it = needs.find(key); it != needs.end() && it->second.named < 0 && staff >= 0) it->second.named = staff;

  std::map<PrimaryKey, int> chosen;
  std::vector<int> promised(in.staff.size(), 0);
  std::vector<const Need*> order;
  for (auto& [key, need] : needs) {
    if (need.named >= 0) {
      chosen[key] = need.named;
      promised[need.named] += need.sessions;
    } else {
      order.push_back(&need);
    }
  }
  std::stable_sort(order.begin(), order.end(), [](const Need* a, const Need* b) { return a->sessions > b->sessions; });
  for (const Need* need : order) {
    bool any_qualified_non_trainee = std::any_of(need->qualified.begin(), need->qualified.end(),
                                                 [&](int s) { return !in.staff[s].trainee(); });
    int best = -1;
    double best_share = 0;
    for (int s : need->qualified) {
      if (any_qualified_non_trainee && in.staff[s].trainee()) continue;
      int capacity = weekly_sessions(in, in.staff[s]);
      if (capacity <= 0) continue;
      double share = static_cast<double>(promised[s] + need->sessions) / capacity;
      if (best < 0 || share < best_share) best = s, best_share = share;
    }
    if (best < 0) continue;  // nobody qualified works this week: every session misses continuity
    chosen[need->key] = best;
    promised[best] += need->sessions;
  }
  return chosen;
}

std::map<PrimaryKey, int> main_therapists_of(const Instance& in, const Plan& plan) {
  std::map<PrimaryKey, std::map<int, int>> led;  // key -> staff -> sessions
  std::map<PrimaryKey, int> chosen;
  for (auto& rx : in.prescriptions) {
    const auto& act = in.activities[in.activity_index(rx.activity)];
    if (rx.patients.size() == 1 && !rx.primary_staff.empty() && tracked(in, act.discipline))
      chosen[{in.patient_index(rx.patients[0]), act.discipline}] = in.staff_index(rx.primary_staff);
  }
  for (auto& s : plan.sessions) {
    int r = in.prescription_index(s.prescription);
    if (r < 0 || s.staff.size() != 1) continue;
    const auto& rx = in.prescriptions[r];
    const auto& act = in.activities[in.activity_index(rx.activity)];
    int lead = in.staff_index(s.staff[0]);
    if (rx.patients.size() != 1 || lead < 0 || !tracked(in, act.discipline)) continue;
    ++led[{in.patient_index(rx.patients[0]), act.discipline}][lead];
  }
  for (auto& [key, counts] : led) {
    if (chosen.count(key)) continue;
    int best = -1, most = 0;
    for (auto& [staff, n] : counts)
      if (n > most) best = staff, most = n;
    chosen[key] = best;
  }
  return chosen;
}

}  // namespace relief::schedule
