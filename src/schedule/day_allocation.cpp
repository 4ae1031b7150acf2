#include "schedule/day_allocation.hpp"

#include <gecode/int.hh>
#include <gecode/minimodel.hh>
#include <gecode/search.hh>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <random>
#include <set>

#include "schedule/availability.hpp"
#include "schedule/patient_capacity.hpp"
#include "schedule/search_cancel.hpp"

namespace relief::schedule {
namespace {
using namespace Gecode;

class AllocationModel : public IntMinimizeSpace {
 public:
  IntVarArray n;  // [rx * days + day]
  IntVar total;
  int days = 0;
  // The spread phase's LNS (see slave): the counts to start from, and each patient's
  // prescriptions, shared between copies.
  std::shared_ptr<const std::vector<int>> seed;
  std::shared_ptr<const std::vector<std::vector<int>>> rows_of_patient;
  unsigned restarts = 0;  // LNS restarts so far (see master)

  // shortfall < 0: minimise the shortfall. Otherwise keep it exactly and come as near the
  // target counts as it can (sum of |count - target| over prescriptions and days).
  bool planning = false;
  AllocationModel(const Instance& in, const std::vector<std::vector<int>>& at_least,
                  const std::vector<std::vector<int>>& target,
                  int shortfall, bool plan = false)
      : days(in.days), planning(plan) {
    const int R = static_cast<int>(in.prescriptions.size());
    n = IntVarArray(*this, R * days);
    auto rows = std::make_shared<std::vector<std::vector<int>>>(in.patients.size());
    for (int r = 0; r < R; ++r)
      for (auto& id : in.prescriptions[r].patients) (*rows)[in.patient_index(id)].push_back(r);
    rows_of_patient = rows;
    for (int r = 0; r < R; ++r) {
      const auto& rx = in.prescriptions[r];
      const auto& act = in.activities[in.activity_index(rx.activity)];
      auto staff = qualified_staff(in, rx.activity);
      for (int d = 0; d < days; ++d) {
        // A day is possible only if every member has room for it and someone qualified works.
        bool possible = std::any_of(staff.begin(), staff.end(), [&](int s) {
          return !staff_starts(in, in.staff[s], d, act.duration).empty();
        }) || act.staff_needed == 0;
        for (auto& pid : rx.patients)
          possible = possible && !patient_starts(in, in.patients[in.patient_index(pid)], d, act.duration).empty();
        int low = at_least.empty() ? 0 : at_least[r][d];
        int high = possible ? std::max(low, rx.max_per_day) : low;
        n[r * days + d] = IntVar(*this, low, high);
      }
    }
    IntVarArgs short_by;
    IntArgs weight;  // child-sessions per missing session (dose_weight)
    for (int r = 0; r < R; ++r) {
      IntVarArgs row;
      for (int d = 0; d < days; ++d) row << n[r * days + d];
      short_by << expr(*this, in.prescriptions[r].per_week - sum(row));
      rel(*this, short_by[short_by.size() - 1] >= 0);
      weight << dose_weight(in.prescriptions[r]);
    }
    for (int d = 0; d < days; ++d) {
      // Patient time.
      for (auto& p : in.patients) {
        IntArgs dur;
        IntVarArgs x;
        for (int r = 0; r < R; ++r) {
          const auto& rx = in.prescriptions[r];
          if (std::find(rx.patients.begin(), rx.patients.end(), p.id) == rx.patients.end()) continue;
          dur << in.activities[in.activity_index(rx.activity)].duration;
          x << n[r * days + d];
        }
        if (x.size()) linear(*this, dur, x, IRT_LQ, patient_free_slots(in, p, d));
        if (x.size()) post_packing(in, p, d, dur, x);
      }
      // Staff time and session counts, per activity and per discipline (any qualified person counts).
      std::map<std::string, std::vector<int>> by_group;  // "a:ID" / "d:DISC" -> prescriptions
      for (int r = 0; r < R; ++r) {
        const auto& act = in.activities[in.activity_index(in.prescriptions[r].activity)];
        by_group["a:" + act.id].push_back(r);
        by_group["d:" + act.discipline].push_back(r);
      }
      for (auto& [group, rxs] : by_group) {
        std::set<int> people;
        for (int r : rxs)
          for (int s : qualified_staff(in, in.prescriptions[r].activity)) people.insert(s);
        int slots = 0, sessions = 0;
        // Every lead is a person of its own in the session, trainees included: their time is
        // what bounds the sessions. (Trainees were left out as if their supervisor, who must be
        // there too, were always among the qualified; one who is not left no capacity at all, and
        // a plan that placed everything was given a bound of a session missing.)
        for (int s : people) {
          slots += staff_free_slots(in, in.staff[s], d);
          if (staff_works_on(in.staff[s], d)) sessions += in.staff[s].max_sessions_per_day;
        }
        IntArgs minutes, heads;
        IntVarArgs x;
        for (int r : rxs) {
          const auto& act = in.activities[in.activity_index(in.prescriptions[r].activity)];
          minutes << act.duration * act.staff_needed;
          heads << act.staff_needed;
          x << n[r * days + d];
        }
        linear(*this, minutes, x, IRT_LQ, slots);
        linear(*this, heads, x, IRT_LQ, sessions);
      }
    }
    // Cost: the shortfall; then, with it fixed, the distance from an even spread over the week.
    if (shortfall < 0) {
      total = expr(*this, sum(weight, short_by));
    } else {
      rel(*this, sum(weight, short_by) == shortfall);
      IntVarArgs uneven;
      for (int r = 0; r < R; ++r)
        for (int d = 0; d < days; ++d) uneven << expr(*this, abs(n[r * days + d] - target[r][d]));
      total = expr(*this, sum(uneven));
    }
    // Group prescriptions first: a group session left out costs a child-session per member, so
    // the first plans the search finds should already hold them.
    std::vector<int> order(R);
    for (int r = 0; r < R; ++r) order[r] = r;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return weight[a] > weight[b]; });
    for (int r : order) {
      IntVarArgs row;
      for (int d = 0; d < days; ++d) row << n[r * days + d];
      std::vector<int> aims = target[r];
      branch(*this, row, INT_VAR_NONE(), INT_VAL([aims](const Space&, IntVar x, int i) {
               int aim = aims[i];
               return aim < x.min() ? x.min() : aim > x.max() ? x.max() : (x.in(aim) ? aim : x.max());
             }));
    }
  }
  AllocationModel(AllocationModel& other)
      : IntMinimizeSpace(other), days(other.days), seed(other.seed), rows_of_patient(other.rows_of_patient),
        restarts(other.restarts), planning(other.planning) {
    n.update(*this, other.n);
    total.update(*this, other.total);
  }
  Space* copy() override { return new AllocationModel(*this); }

  // The patient's day holds only some mixes of session lengths (patient_capacity.hpp): the
  // sessions of each length on the day, counted over the patient's prescriptions, must be one.
  void post_packing(const Instance& in, const Patient& p, int d, const IntArgs& dur, const IntVarArgs& x) {
    std::vector<int> durations;
    for (int k = 0; k < dur.size(); ++k)
      if (std::find(durations.begin(), durations.end(), dur[k]) == durations.end()) durations.push_back(dur[k]);
    std::vector<int> most(durations.size(), 0);
    IntVarArgs counts;
    for (std::size_t j = 0; j < durations.size(); ++j) {
      IntVarArgs same;
      for (int k = 0; k < dur.size(); ++k)
        if (dur[k] == durations[j]) same << x[k], most[j] += x[k].max();
      counts << expr(*this, sum(same));
    }
    auto hours = lead_hours(in, p, d);
    if (planning) {
      auto core = core_hours(in, d);
      if (std::max(hours.first, core.first) < std::min(hours.second, core.second))
        hours = {std::max(hours.first, core.first), std::min(hours.second, core.second)};
    }
    auto capacity = patient_day_capacity(in, p, d, durations, most, hours);
    TupleSet fits(static_cast<int>(durations.size()));
    for (auto& v : capacity.feasible) fits.add(IntArgs(v));
    fits.finalize();
    extensional(*this, counts, fits);
  }
  IntVar cost() const override { return total; }

  // The spread phase as large-neighbourhood search from the shortfall phase's counts: a
  // complete search from scratch rarely even finds counts with that shortfall again in its
  // time. Each restart keeps every count except the prescriptions of a few patients.
  bool master(const MetaInfo& mi) override {
    if (mi.type() != MetaInfo::RESTART) return true;
    ++restarts;  // counted here: MetaInfo::restart() misses some restarts (see day_model.cpp)
    if (mi.last() != nullptr) constrain(*mi.last());
    return true;
  }
  bool slave(const MetaInfo& mi) override {
    if (mi.type() != MetaInfo::RESTART || !seed) return true;
    std::vector<int> inc;
    if (mi.last()) {
      const auto& last = static_cast<const AllocationModel&>(*mi.last());
      for (int i = 0; i < last.n.size(); ++i) inc.push_back(last.n[i].val());
    } else {
      inc = *seed;
    }
    std::mt19937 rng(restarts * 7919 + 17);
    const auto& rows = *rows_of_patient;
    const int want = 2 + static_cast<int>(rng() % 3);
    // A unit this small is searched whole: a complete search that finishes proves the spread.
    if (static_cast<int>(rows.size()) <= want) return true;
    std::vector<bool> free(n.size() / days, false);
    for (int k = 0; k < want; ++k)
      for (int r : rows[rng() % rows.size()]) free[r] = true;
    for (int i = 0; i < n.size(); ++i)
      if (!free[i / days]) rel(*this, n[i], IRT_EQ, inc[i]);
    return false;
  }
};

}  // namespace

namespace {
// Stops at the time limit, or once a plan has gone `window` seconds without a better one: on
// the generated weeks the counts are final after about 0.3 s and the search then ran out its
// whole limit (9 of a 60 s solve over the passes) without proving them, time the days need.
struct TimeOrStall : Search::Stop {
  using Clock = std::chrono::steady_clock;
  Clock::time_point began = Clock::now(), last_plan = began;
  bool have_plan = false;
  double limit = 0, window = 0;
  static double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
  bool stop(const Search::Statistics&, const Search::Options&) override {
    return searches_cancelled() || since(began) > limit || (have_plan && since(last_plan) > window);
  }
};

// Best plan of one phase, or null; `proven` says whether the search finished.
AllocationModel* run_phase(AllocationModel* root, double seconds, bool& proven) {
  if (root->status() == SS_FAILED) {
    delete root;
    proven = true;
    return nullptr;
  }
  Search::Options options;
  TimeOrStall stop;
  stop.limit = seconds;
  stop.window = std::max(0.3, seconds / 4);
  options.stop = &stop;
  options.threads = 1;
  std::unique_ptr<Search::Base<AllocationModel>> engine;
  const bool lns = root->seed != nullptr;  // restarts: finishing proves nothing
  if (lns) {
    options.cutoff = Search::Cutoff::luby(50);
    engine.reset(new RBS<AllocationModel, BAB>(root, options));
  } else {
    engine.reset(new BAB<AllocationModel>(root, options));
  }
  delete root;
  AllocationModel* best = nullptr;
  while (auto* next = engine->next()) {
    delete best;
    best = next;
    stop.have_plan = true;
    stop.last_plan = TimeOrStall::Clock::now();
  }
  proven = !engine->stopped() && !lns;
  return best;
}
}  // namespace

namespace {
// The spread level A aims at: each prescription's sessions, the least flexible first, go one by
// one to the day with the most room left, room being the lesser of its members' free time and
// its qualified staff's sessions, each as a share of that day's. So no child's Monday holds every
// group and acupuncture session of the week while Friday stays light, and a weekend with a
// third of the staff is not given a weekday's sessions.
std::vector<std::vector<int>> balanced_targets(const Instance& in) {
  const int R = static_cast<int>(in.prescriptions.size()), D = in.days;
  std::vector<std::vector<int>> target(R, std::vector<int>(D, 0));
  std::vector<std::vector<double>> free(in.patients.size(), std::vector<double>(D, 0)), left;
  for (std::size_t p = 0; p < in.patients.size(); ++p)
    for (int d = 0; d < D; ++d) free[p][d] = patient_free_slots(in, in.patients[p], d);
  left = free;
  std::vector<std::vector<double>> sessions(in.staff.size(), std::vector<double>(D, 0)), staff_left;
  for (std::size_t s = 0; s < in.staff.size(); ++s)
    for (int d = 0; d < D; ++d)
      if (staff_works_on(in.staff[s], d) && !in.staff[s].trainee()) sessions[s][d] = in.staff[s].max_sessions_per_day;
  staff_left = sessions;
  std::vector<int> order(R);
  for (int r = 0; r < R; ++r) order[r] = r;
  auto slack = [&](int r) { return D * in.prescriptions[r].max_per_day - in.prescriptions[r].per_week; };
  auto reach = [&](int r) {
    return static_cast<int>(in.prescriptions[r].patients.size()) *
           in.activities[in.activity_index(in.prescriptions[r].activity)].duration;
  };
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return slack(a) != slack(b) ? slack(a) < slack(b) : reach(a) > reach(b);
  });
  for (int r : order) {
    const auto& rx = in.prescriptions[r];
    const auto& act = in.activities[in.activity_index(rx.activity)];
    std::vector<int> members, staff;
    for (auto& id : rx.patients) members.push_back(in.patient_index(id));
    for (int s : qualified_staff(in, rx.activity))
      if (!in.staff[s].trainee()) staff.push_back(s);
    for (int k = 0; k < rx.per_week; ++k) {
      int best = -1;
      double best_room = 0;
      for (int d = 0; d < D; ++d) {
        if (target[r][d] >= rx.max_per_day) continue;
        double room = 1.0;
        for (int p : members) room = std::min(room, free[p][d] > 0 ? (left[p][d] - act.duration) / free[p][d] : -1.0);
        if (act.staff_needed > 0) {
          double all = 0, rest = 0;
          for (int s : staff) all += sessions[s][d], rest += staff_left[s][d];
          room = std::min(room, all > 0 ? (rest - act.staff_needed) / all : -1.0);
        }
        if (best < 0 || room > best_room) best = d, best_room = room;
      }
      if (best < 0) break;
      ++target[r][best];
      for (int p : members) left[p][best] -= act.duration;
      double all = 0;  // the session's leads come from whoever has sessions to give, pro rata
      for (int s : staff) all += staff_left[s][best];
      for (int s : staff)
        if (all > 0) staff_left[s][best] -= act.staff_needed * staff_left[s][best] / all;
    }
  }
  return target;
}
}  // namespace

DayAllocation allocate_days(const Instance& in, const std::vector<std::vector<int>>& at_least, double seconds,
                            bool planning) {
  DayAllocation out;
  const int R = static_cast<int>(in.prescriptions.size());
  // The shortfall phase aims at the same count every day: with the balanced aims its search
  // ended on more missing sessions in its time (the 12-patient 7-day week: 7 instead of 3). The
  // spread phase then moves sessions towards the balanced aims from its counts.
  std::vector<std::vector<int>> even_aims(R, std::vector<int>(in.days));
  for (int r = 0; r < R; ++r)
    for (int d = 0; d < in.days; ++d)
      even_aims[r][d] = std::min(in.prescriptions[r].max_per_day, (in.prescriptions[r].per_week + in.days - 1) / in.days);
  auto target = balanced_targets(in);
  out.count.assign(R, std::vector<int>(in.days, 0));
  bool proven = false;
  AllocationModel* best = run_phase(new AllocationModel(in, at_least, even_aims, -1, planning), seconds / 2, proven);
  out.proven = proven;
  if (!best) {
    out.shortfall = -1;  // pins alone already break a limit
    return out;
  }
  out.shortfall = best->total.val();
  bool spread_proven = false;
  auto* spread = new AllocationModel(in, at_least, target, out.shortfall, planning);
  // LNS only where a complete search cannot finish: not on one day (nothing to spread), nor
  // with counts forced by a plan (repair, --from: the spread hardly moves, and the LNS would
  // wait out its stall window on every repair), nor on a unit without patients.
  if (in.days > 1 && at_least.empty() && !in.patients.empty()) {
    auto start = std::make_shared<std::vector<int>>();
    for (int i = 0; i < best->n.size(); ++i) start->push_back(best->n[i].val());
    spread->seed = start;
  }
  if (auto* even = run_phase(spread, seconds / 2, spread_proven)) {
    delete best;
    best = even;
  }
  for (int r = 0; r < R; ++r)
    for (int d = 0; d < in.days; ++d) out.count[r][d] = best->n[r * in.days + d].val();
  delete best;
  return out;
}

namespace {
class CoverModel : public IntMinimizeSpace {
 public:
  IntVarArray short_by;
  IntVar total;
  CoverModel(const Instance& in, const std::vector<int>& need) {
    const int R = static_cast<int>(in.prescriptions.size());
    short_by = IntVarArray(*this, R);
    for (int r = 0; r < R; ++r) short_by[r] = IntVar(*this, 0, in.prescriptions[r].per_week);
    for (std::size_t p = 0; p < in.patients.size(); ++p) {
      IntArgs slots;
      IntVarArgs x;
      for (int r = 0; r < R; ++r) {
        const auto& rx = in.prescriptions[r];
        if (std::find(rx.patients.begin(), rx.patients.end(), in.patients[p].id) == rx.patients.end()) continue;
        slots << in.activities[in.activity_index(rx.activity)].duration;
        x << short_by[r];
      }
      if (x.size()) linear(*this, slots, x, IRT_GQ, need[p]);
    }
    IntArgs weight;
    for (int r = 0; r < R; ++r) weight << dose_weight(in.prescriptions[r]);
    total = expr(*this, sum(weight, short_by));
    // Sessions that cover the most children's slots first, none missing first.
    std::vector<int> order(R);
    for (int r = 0; r < R; ++r) order[r] = r;
    auto reach = [&](int r) {
      return static_cast<int>(in.prescriptions[r].patients.size()) *
             in.activities[in.activity_index(in.prescriptions[r].activity)].duration;
    };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return reach(a) > reach(b); });
    IntVarArgs ordered;
    for (int r : order) ordered << short_by[r];
    branch(*this, ordered, INT_VAR_NONE(), INT_VAL_MIN());
  }
  CoverModel(CoverModel& other) : IntMinimizeSpace(other) {
    short_by.update(*this, other.short_by);
    total.update(*this, other.total);
  }
  Space* copy() override { return new CoverModel(*this); }
  IntVar cost() const override { return total; }
};
}  // namespace

int weekly_dose_bound(const Instance& in, double seconds, bool& proven) {
  const int R = static_cast<int>(in.prescriptions.size());
  std::vector<int> need(in.patients.size(), 0);
  bool any = false;
  // Proven without search: each child's own missing sessions are child-sessions of the dose, so
  // the fewest sessions that free each child's excess, summed over the children, is a bound.
  int simple = 0;
  for (std::size_t p = 0; p < in.patients.size(); ++p) {
    const auto& pt = in.patients[p];
    std::vector<int> mine;
    for (int r = 0; r < R; ++r) {
      const auto& rx = in.prescriptions[r];
      if (std::find(rx.patients.begin(), rx.patients.end(), pt.id) != rx.patients.end()) mine.push_back(r);
    }
    int demand = 0, room = 0;
    for (int r : mine)
      demand += in.prescriptions[r].per_week * in.activities[in.activity_index(in.prescriptions[r].activity)].duration;
    for (int d = 0; d < in.days; ++d) {
      std::vector<int> durations, most;
      for (int r : mine) {
        int dur = in.activities[in.activity_index(in.prescriptions[r].activity)].duration;
        int cap = std::min(in.prescriptions[r].max_per_day, in.prescriptions[r].per_week);
        auto at = std::find(durations.begin(), durations.end(), dur);
        if (at == durations.end())
          durations.push_back(dur), most.push_back(cap);
        else
          most[at - durations.begin()] += cap;
      }
      int best = 0;
      for (auto& v : patient_day_capacity(in, pt, d, durations, most, lead_hours(in, pt, d)).feasible) {
        int slots = 0;
        for (std::size_t k = 0; k < v.size(); ++k) slots += v[k] * durations[k];
        best = std::max(best, slots);
      }
      room += best;
    }
    need[p] = std::max(0, demand - room);
    any = any || need[p] > 0;
    // Each missing session frees at most its own length of this child's day: the longest first
    // free the excess with the fewest.
    std::vector<int> lengths;
    for (int r : mine)
      lengths.insert(lengths.end(), in.prescriptions[r].per_week,
                     in.activities[in.activity_index(in.prescriptions[r].activity)].duration);
    std::sort(lengths.rbegin(), lengths.rend());
    for (int freed = 0, k = 0; freed < need[p] && k < static_cast<int>(lengths.size()); ++k) freed += lengths[k], ++simple;
  }
  proven = true;
  if (!any) return 0;
  auto* root = new CoverModel(in, need);
  if (root->status() == SS_FAILED) {  // more to drop than prescribed: every dose short
    delete root;
    int all = 0;
    for (auto& rx : in.prescriptions) all += rx.per_week * dose_weight(rx);
    return all;
  }
  Search::Options options;
  Search::TimeStop stop(static_cast<unsigned long>(seconds * 1000));
  options.stop = &stop;
  options.threads = 1;
  BAB<CoverModel> engine(root, options);
  delete root;
  int best = -1;
  while (auto* next = engine.next()) {
    best = next->total.val();
    delete next;
  }
  if (!engine.stopped() && best >= 0) return best;
  return simple;  // the search did not finish: the per-child bound still holds
}

}  // namespace relief::schedule
