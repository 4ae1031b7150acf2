#include "schedule/main_therapists.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

#include "schedule/availability.hpp"

namespace relief::schedule {
namespace {

bool tracked(const Instance& in, const std::string& discipline) {
  return std::find(in.continuity_disciplines.begin(), in.continuity_disciplines.end(), discipline) !=
         in.continuity_disciplines.end();
}

// The key of a prescription that continuity applies to, or nullopt.
std::optional<PrimaryKey> key_of(const Instance& in, const Prescription& rx) {
  const auto& act = in.activities[in.activity_index(rx.activity)];
  if (rx.patients.size() != 1 || !tracked(in, act.discipline)) return std::nullopt;
  int patient = in.patient_index(rx.patients[0]);
  if (patient < 0) return std::nullopt;
  return PrimaryKey{patient, act.discipline};
}

// Whether the therapist can lead on day d: at work, and a trainee's supervisor too.
bool leads_on(const Instance& in, const Staff& s, int d) {
  if (!staff_works_on(s, d)) return false;
  if (!s.trainee()) return true;
  int sup = in.staff_index(s.supervisor);
  return sup >= 0 && staff_works_on(in.staff[sup], d);
}

// The sessions a therapist can lead in the week (their daily limit on each day they can lead).
int weekly_sessions(const Instance& in, const Staff& s) {
  int total = 0;
  for (int d = 0; d < in.days; ++d)
    if (leads_on(in, s, d)) total += std::max(0, s.max_sessions_per_day);
  return total;
}

}  // namespace

std::map<PrimaryKey, int> named_main_therapists(const Instance& in, const std::map<PrimaryKey, int>& kept) {
  std::map<PrimaryKey, int> named;
  for (auto& rx : in.prescriptions) {
    auto key = key_of(in, rx);
    int staff = rx.primary_staff.empty() ? -1 : in.staff_index(rx.primary_staff);
    if (key && staff >= 0) named[*key] = staff;
  }
  for (auto& [key, staff] : kept)
    if (staff >= 0) named.emplace(key, staff);
  return named;
}

std::map<PrimaryKey, int> choose_main_therapists(const Instance& in, const std::map<PrimaryKey, int>& kept) {
  auto chosen = named_main_therapists(in, kept);
  struct Need {
    PrimaryKey key;
    int sessions = 0;         // in the week
    int per_day = 0;          // at most on one day
    std::set<int> qualified;  // for every one of the child's prescriptions of the discipline
  };
  std::map<PrimaryKey, Need> needs;
  for (auto& rx : in.prescriptions) {
    auto key = key_of(in, rx);
    // Sessions with several leads have no one main therapist (the validator counts none).
    if (!key || in.activities[in.activity_index(rx.activity)].staff_needed != 1) continue;
    auto staff = qualified_staff(in, rx.activity);
    auto [it, fresh] = needs.try_emplace(*key);
    Need& need = it->second;
    need.key = *key;
    need.sessions += rx.per_week;
    need.per_day += rx.max_per_day;
    if (fresh) {
      need.qualified.insert(staff.begin(), staff.end());
    } else {
      std::set<int> both;
      for (int s : staff)
        if (need.qualified.count(s)) both.insert(s);
      if (!both.empty()) need.qualified = both;  // nobody leads all of them: keep the earlier set
    }
  }

  std::vector<int> promised(in.staff.size(), 0);
  std::vector<const Need*> order;
  for (auto& [key, need] : needs) {
    if (auto it = chosen.find(key); it != chosen.end()) {
      promised[it->second] += need.sessions;
    } else {
      order.push_back(&need);
    }
  }
  std::stable_sort(order.begin(), order.end(), [](const Need* a, const Need* b) { return a->sessions > b->sessions; });
  for (const Need* need : order) {
    auto works = [&](int s) { return weekly_sessions(in, in.staff[s]) > 0; };
    bool others = std::any_of(need->qualified.begin(), need->qualified.end(),
                              [&](int s) { return !in.staff[s].trainee() && works(s); });
    int best = -1;
    std::tuple<int, double> best_rank;
    for (int s : need->qualified) {
      if ((others && in.staff[s].trainee()) || !works(s)) continue;
      const auto& st = in.staff[s];
      int capacity = weekly_sessions(in, st), can_give = 0;
      for (int d = 0; d < in.days; ++d)
        if (leads_on(in, st, d)) can_give += std::min(need->per_day, std::max(0, st.max_sessions_per_day));
      can_give = std::min({can_give, need->sessions, std::max(0, capacity - promised[s])});
      // Sessions this therapist could not give the child, then the share of their week promised.
      std::tuple<int, double> rank{need->sessions - can_give,
                                   static_cast<double>(promised[s] + need->sessions) / capacity};
      if (best < 0 || rank < best_rank) best = s, best_rank = rank;
    }
    if (best < 0) continue;  // nobody qualified works this week: every session misses continuity
    chosen[need->key] = best;
    promised[best] += need->sessions;
  }
  return chosen;
}

std::map<PrimaryKey, int> main_therapists_of(const Instance& in, const Plan& plan) {
  std::map<PrimaryKey, std::map<int, int>> led;  // key -> staff -> sessions
  auto chosen = named_main_therapists(in);
  for (auto& s : plan.sessions) {
    int r = in.prescription_index(s.prescription);
    if (r < 0 || s.staff.size() != 1) continue;
    auto key = key_of(in, in.prescriptions[r]);
    int lead = in.staff_index(s.staff[0]);
    if (key && lead >= 0) ++led[*key][lead];
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
