#include "schedule/comfort_bound.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "schedule/availability.hpp"

namespace relief::schedule {
namespace {

constexpr long long kNone = 1LL << 50;
constexpr int kMostMixes = 4096;  // see child_day_costs

// Starts of a session of rx on `day` that the child and enough qualified leads (a trainee with
// the supervisor) are free for, and that some room could hold. Other sessions are ignored.
std::vector<bool> possible_starts(const Instance& in, const Patient& p, int day, const Prescription& rx) {
  const auto& act = in.activities[in.activity_index(rx.activity)];
  std::vector<bool> ok(in.slots_per_day, false);
  if (suitable_rooms(in, rx).empty()) return ok;
  std::vector<int> leads(in.slots_per_day, 0);
  for (int s : qualified_staff(in, rx.activity)) {
    const auto& st = in.staff[s];
    if (!staff_works_on(st, day)) continue;
    std::vector<int> starts = staff_starts(in, st, day, act.duration);
    if (st.trainee()) {
      int sup = in.staff_index(st.supervisor);
      if (sup < 0 || !staff_works_on(in.staff[sup], day)) continue;
      auto theirs = staff_starts(in, in.staff[sup], day, act.duration);
      std::vector<int> both;
      std::set_intersection(starts.begin(), starts.end(), theirs.begin(), theirs.end(), std::back_inserter(both));
      starts.swap(both);
    }
    for (int t : starts) ++leads[t];
  }
  for (int t : patient_starts(in, p, day, act.duration)) ok[t] = leads[t] >= act.staff_needed;
  return ok;
}

}  // namespace

long long ChildDayCosts::at(const std::vector<int>& counts) const {
  int index = 0;
  for (int k = static_cast<int>(most.size()) - 1; k >= 0; --k) index = index * (most[k] + 1) + counts[k];
  return least[index];
}

ChildDayCosts child_day_costs(const Instance& in, int patient, int day, const std::vector<int>& tasks) {
  const auto& p = in.patients[patient];
  const int S = in.slots_per_day;
  ChildDayCosts out;
  for (std::size_t r = 0; r < in.prescriptions.size(); ++r) {
    const auto& ids = in.prescriptions[r].patients;
    if (tasks[r] > 0 && std::find(ids.begin(), ids.end(), p.id) != ids.end())
      out.rxs.push_back(static_cast<int>(r)), out.most.push_back(tasks[r]);
  }
  const int K = static_cast<int>(out.rxs.size());
  std::vector<int> radix(K + 1, 1), duration(K);
  for (int k = 0; k < K; ++k) radix[k + 1] = radix[k] * (out.most[k] + 1);
  const int box = radix[K];
  // A child with very many prescriptions: the table would be too large to fill in the time of a
  // solve, so nothing is claimed for it (0 is a lower bound on any cost, and every mix may fit).
  if (box > kMostMixes) {
    out.least.assign(box, 0);
    return out;
  }
  std::vector<std::vector<bool>> allowed(K);
  std::vector<std::vector<long long>> preference(K, std::vector<long long>(S, 0));
  for (int k = 0; k < K; ++k) {
    const auto& rx = in.prescriptions[out.rxs[k]];
    duration[k] = in.activities[in.activity_index(rx.activity)].duration;
    allowed[k] = possible_starts(in, p, day, rx);
    // The child's windows for the activity are alternatives (the validator's rule): a start
    // inside any of them costs nothing.
    bool wanted = false;
    std::vector<bool> inside(S, false);
    for (auto& pref : p.preferences)
      if (pref.activity == rx.activity) {
        wanted = true;
        for (int t = pref.from; t >= 0 && t < S && t + duration[k] <= pref.to; ++t) inside[t] = true;
      }
    if (wanted)
      for (int t = 0; t < S; ++t) preference[k][t] = inside[t] ? 0 : kWeightPreference;
  }
  // Slot by slot, from the child's first session to its last: the cost so far by slot, sessions
  // placed (index) and status. Status 0..runs-1: a session ended exactly here, the (status+1)-th
  // of a run; runs..runs+waits-1: (status-runs+1) slots since the last session ended (capped at
  // the rest gap). Every free empty slot costs one idle slot; a block costs nothing. The child's
  // day may end after any session: `least` takes the best over every slot and status.
  const int g = p.min_gap, mc = p.max_consecutive;
  const int runs = mc > 0 ? mc : 1, waits = std::max(g, 1), statuses = runs + waits;
  std::vector<long long> cost(static_cast<std::size_t>(S + 1) * box * statuses, kNone);
  auto cell = [&](int t, int v, int s) -> long long& { return cost[(static_cast<std::size_t>(t) * box + v) * statuses + s]; };
  out.least.assign(box, kNone);
  out.least[0] = 0;
  for (int t = 0; t < S; ++t) {
    // The first session of the day may start at any t.
    for (int k = 0; k < K; ++k)
      if (allowed[k][t] && t + duration[k] <= S)
        cell(t + duration[k], radix[k], 0) = std::min(cell(t + duration[k], radix[k], 0), preference[k][t]);
    const long long idle = patient_blocked_at(in, p, day, t) ? 0 : kWeightIdle;
    for (int v = 1; v < box; ++v)
      for (int s = 0; s < statuses; ++s) {
        long long c = cell(t, v, s);
        if (c >= kNone) continue;
        out.least[v] = std::min(out.least[v], c);
        int waited = s < runs ? 0 : s - runs + 1;
        int wait_next = std::min(waits, waited + 1);
        cell(t + 1, v, runs + wait_next - 1) = std::min(cell(t + 1, v, runs + wait_next - 1), c + idle);
        // Another session at t: the rest gap kept; back to back only within the limit.
        bool adjacent = s < runs;
        if (adjacent ? g > 0 || (mc > 0 && s + 1 >= mc) : waited < g) continue;
        int next_status = adjacent && mc > 0 ? s + 1 : 0;
        for (int k = 0; k < K; ++k) {
          if (!allowed[k][t] || t + duration[k] > S || (v / radix[k]) % (out.most[k] + 1) == out.most[k]) continue;
          long long& to = cell(t + duration[k], v + radix[k], next_status);
          to = std::min(to, c + preference[k][t]);
        }
      }
  }
  for (int v = 1; v < box; ++v)
    for (int s = 0; s < statuses; ++s) out.least[v] = std::min(out.least[v], cell(S, v, s));
  for (auto& c : out.least)
    if (c >= kNone) c = -1;
  return out;
}

long long day_comfort_bound(const Instance& in, int day, const std::vector<int>& tasks, int missing,
                            long long max_choices) {
  const int R = static_cast<int>(in.prescriptions.size());
  const int P = static_cast<int>(in.patients.size());
  missing = std::max(0, missing);

  std::vector<ChildDayCosts> child(P);
  std::vector<std::vector<int>> counts(P);
  std::vector<std::vector<std::pair<int, int>>> member(R);  // rx -> (patient, entry in its rxs)
  for (int p = 0; p < P; ++p) {
    child[p] = child_day_costs(in, p, day, tasks);
    counts[p] = child[p].most;
    for (std::size_t k = 0; k < child[p].rxs.size(); ++k) member[child[p].rxs[k]].push_back({p, static_cast<int>(k)});
  }

  // Disciplines whose day load is fixed by the sessions placed: the staff on duty of that
  // discipline, the activities they lead, nobody else leading those, and no trainee about.
  struct Closed {
    int staff_on_duty = 0;
    std::vector<int> rxs;  // prescriptions whose sessions load this discipline
    std::vector<int> per_session;
  };
  std::vector<Closed> closed;
  {
    std::map<std::string, std::set<std::string>> leads;  // discipline -> activities its staff lead
    std::map<std::string, int> on_duty;
    std::set<std::string> open;  // disciplines whose load is not fixed
    for (auto& st : in.staff) {
      if (!staff_on_unit(in, st, day)) continue;  // whose load the validator counts
      ++on_duty[st.discipline];
      leads[st.discipline].insert(st.qualifications.begin(), st.qualifications.end());
      if (st.trainee()) {
        open.insert(st.discipline);
        int sup = in.staff_index(st.supervisor);
        if (sup >= 0) open.insert(in.staff[sup].discipline);
      }
    }
    for (auto& [discipline, acts] : leads) {
      for (auto& [other, other_acts] : leads)
        if (other != discipline && std::any_of(acts.begin(), acts.end(), [&](auto& a) { return other_acts.count(a); }))
          open.insert(discipline);
      if (open.count(discipline)) continue;
      Closed c;
      c.staff_on_duty = on_duty[discipline];
      for (int r = 0; r < R; ++r) {
        const auto& act = in.activities[in.activity_index(in.prescriptions[r].activity)];
        if (acts.count(act.id)) c.rxs.push_back(r), c.per_session.push_back(act.staff_needed);
      }
      if (c.staff_on_duty > 1 && !c.rxs.empty()) closed.push_back(c);
    }
  }

  // Number of ways to leave out `missing` child-sessions (capped), to choose exact or per-child.
  // Leaving out d sessions of r leaves out d * dose_weight(r) child-sessions.
  std::vector<int> weight(R);
  for (int r = 0; r < R; ++r) weight[r] = dose_weight(in.prescriptions[r]);
  std::vector<long long> ways(missing + 1, 0);
  ways[0] = 1;
  for (int r = 0; r < R; ++r) {
    std::vector<long long> next(missing + 1, 0);
    for (int m = 0; m <= missing; ++m)
      for (int d = 0; d <= tasks[r] && d * weight[r] <= m; ++d)
        next[m] = std::min(max_choices + 1, next[m] + ways[m - d * weight[r]]);
    ways.swap(next);
  }

  if (ways[missing] > max_choices) {
    // Too many choices: each child separately loses the number of its own sessions that suits it
    // best, the numbers adding up to `missing` (each session a child loses is one of the missing
    // child-sessions), without the load spread.
    std::vector<long long> spread(missing + 1, kNone);  // least cost of the children so far, by sessions lost
    spread[0] = 0;
    for (int p = 0; p < P; ++p) {
      const auto& c = child[p];
      std::vector<long long> alone(missing + 1, kNone);  // this child, by sessions it loses
      for (int v = 0; v < static_cast<int>(c.least.size()); ++v) {
        int dropped = 0;
        for (int k = 0, rest = v; k < static_cast<int>(c.most.size()); ++k) {
          dropped += c.most[k] - rest % (c.most[k] + 1);
          rest /= c.most[k] + 1;
        }
        if (dropped <= missing && c.least[v] >= 0) alone[dropped] = std::min(alone[dropped], c.least[v]);
      }
      std::vector<long long> next(missing + 1, kNone);
      for (int m = 0; m <= missing; ++m)
        for (int d = 0; d <= m; ++d)
          if (spread[m - d] < kNone && alone[d] < kNone) next[m] = std::min(next[m], spread[m - d] + alone[d]);
      spread.swap(next);
    }
    return spread[missing] < kNone ? spread[missing] : -1;
  }

  // Every way of leaving out exactly `missing` child-sessions.
  std::vector<int> drop(R, 0);
  long long least = -1;
  auto leaf = [&]() {
    long long cost = 0;
    for (int p = 0; p < P; ++p) {
      long long c = child[p].at(counts[p]);
      if (c < 0) return;  // this child's day cannot hold what is left
      cost += c;
    }
    for (auto& c : closed) {
      long long load = 0;
      for (std::size_t i = 0; i < c.rxs.size(); ++i) load += 1LL * (tasks[c.rxs[i]] - drop[c.rxs[i]]) * c.per_session[i];
      if (load % c.staff_on_duty != 0) cost += kWeightLoadSpread;
    }
    if (least < 0 || cost < least) least = cost;
  };
  auto walk = [&](auto& self, int r, int left) -> void {
    if (r == R) {
      if (left == 0) leaf();
      return;
    }
    for (int d = 0; d <= tasks[r] && d * weight[r] <= left; ++d) {
      drop[r] = d;
      for (auto [p, k] : member[r]) counts[p][k] -= d;
      self(self, r + 1, left - d * weight[r]);
      for (auto [p, k] : member[r]) counts[p][k] += d;
    }
    drop[r] = 0;
  };
  walk(walk, 0, missing);
  return least;
}

}  // namespace relief::schedule
