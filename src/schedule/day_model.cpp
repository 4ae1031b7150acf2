#include "schedule/day_model.hpp"

#include <gecode/int.hh>
#include <gecode/minimodel.hh>
#include <gecode/search.hh>

#include <algorithm>
#include <chrono>
#include <memory>
#include <random>

#include "schedule/availability.hpp"
#include "schedule/search_cancel.hpp"

namespace relief::schedule {
namespace {
using namespace Gecode;

// Index structure shared (read-only) by every copy of the space during search.
struct Layout {
  struct Task {
    int rx = 0;
    int duration = 0;
    int need = 0;                 // leads required
    int usage = 0;                // room capacity used (patients in the session)
    std::vector<int> patients;
    std::vector<int> staff;       // eligible leads, one Boolean each from lead_offset
    int lead_offset = 0;
    std::vector<int> rooms;       // suitable rooms, one Boolean each from room_offset
    int room_offset = 0;
    std::optional<Placement> hint;
    int primary = -1;             // index into primaries when continuity applies
    bool pinned = false;
    bool extra = false;           // "not placed" is tried first (DayTask::extra)
  };
  int sentinel = 0;  // start value meaning "not placed": beyond the day, clashes with nothing
  std::vector<Task> tasks;
  std::vector<PrimaryKey> primary_keys;
  std::vector<int> preferred;  // per primary key: the therapist to try first (-1: none)
};

// The best plan so far as plain values: LNS fixes most of it and re-solves the rest.
struct Incumbent {
  std::vector<int> start;
  std::vector<int> lead;
  std::vector<int> room;
};

bool relaxed(const DayProblem& p, const std::string& group) { return p.relaxed.count(group) > 0; }

// The share of the unit's children who rest after every session.
double rest_gap_share(const Instance& in) {
  if (in.patients.empty()) return 0;
  auto resting = std::count_if(in.patients.begin(), in.patients.end(), [](const Patient& p) { return p.min_gap > 0; });
  return static_cast<double>(resting) / static_cast<double>(in.patients.size());
}

IntSet set_of(const std::vector<int>& values) {
  if (values.empty()) return IntSet::empty;
  return IntSet(values.data(), static_cast<int>(values.size()));
}

class DayModel : public IntMinimizeSpace {
 public:
  std::shared_ptr<const Layout> layout;
  std::shared_ptr<const Incumbent> seed;  // LNS starts from this plan before it finds its own
  // LNS restarts so far, counted here: Gecode 6.2's MetaInfo::restart() does not count a restart
  // after a neighbourhood was searched to the end without a better plan, and a neighbourhood
  // drawn from it was then drawn again and again (measured: 5,602 restarts on one neighbourhood).
  unsigned restarts = 0;
  unsigned salt = 0;  // LNS restart number: odd restarts try start times in a scrambled order
  // Dose-phase LNS: the session not placed that this restart places first (-1: none). Without
  // it the freed sessions re-pack in the same order as before and leave it out again.
  int focus = -1;
  bool repairing = false;  // moves cost (DayProblem::move_weight): no focus (see slave)
  IntVarArray start;
  BoolVarArray lead;
  BoolVarArray room;
  IntVarArray primary;
  // Dose phase only: per task, the lead (position in its staff list) and the room (position in
  // its room list) as integers, the last value meaning "not placed"; channelled to the Booleans.
  IntVarArray who, where;
  IntVar comfort;  // the soft costs below the dose: continuity, preference, load spread, idle
  IntVar total;
  bool dose_only = false;  // the dose phase: cost is the missing sessions alone (see solve_day)
  // Dose phase: group sessions with a rest-gap member start or end at that member's day's edges
  // (see post_dose_branching), on a unit where many children rest (see solve_day).
  bool align_groups = false;

  // dose_only: a lighter model for the first, lexicographic phase: no comfort costs (idle holes,
  // preferences, continuity, load spread are not encoded), the same hard rules, and a branching
  // that packs the day from its start (see post_dose_branching).
  DayModel(const Instance& in, const DayProblem& problem, std::shared_ptr<const Layout> l, bool dose_phase = false)
      : layout(std::move(l)), repairing(problem.move_weight > 0), dose_only(dose_phase) {
    const auto& L = *layout;
    const int S = in.slots_per_day;
    const int n = static_cast<int>(L.tasks.size());
    int leads = 0, rooms = 0;
    for (auto& t : L.tasks) leads += static_cast<int>(t.staff.size()), rooms += static_cast<int>(t.rooms.size());
    start = IntVarArray(*this, n);
    lead = BoolVarArray(*this, leads, 0, 1);
    room = BoolVarArray(*this, rooms, 0, 1);
    if (dose_only) {
      who = IntVarArray(*this, n);
      where = IntVarArray(*this, n);
      for (int i = 0; i < n; ++i) {
        const auto& t = L.tasks[i];
        int leads_of = t.need == 1 ? static_cast<int>(t.staff.size()) : 0;
        who[i] = IntVar(*this, 0, leads_of);
        where[i] = IntVar(*this, 0, static_cast<int>(t.rooms.size()));
      }
    }
    BoolVarArgs present(n);
    IntArgs cost_coef;  // comfort: continuity, preferences, idle holes (load spread in cost_ints)
    BoolVarArgs cost_bools;
    IntArgs dose_coef;  // missing sessions and, in repair, moved ones
    BoolVarArgs dose_bools;
    IntArgs int_coef;
    IntVarArgs cost_ints;

    // Start domains: inside the day and not in its past, clear of every member's blocks, within
    // some lead's hours.
    for (int i = 0; i < n; ++i) {
      const auto& t = L.tasks[i];
      std::vector<int> allowed;
      if (t.pinned) {
        allowed.push_back(t.hint->start);
      } else {
        std::vector<bool> ok(S, true);
        for (int p : t.patients) {
          std::vector<bool> free(S, false);
          if (relaxed(problem, "blocks:" + in.patients[p].id))
            for (int s = 0; s + t.duration <= S; ++s) free[s] = true;
          else
            for (int s : patient_starts(in, in.patients[p], problem.day, t.duration)) free[s] = true;
          for (int s = 0; s < S; ++s) ok[s] = ok[s] && free[s];
        }
        for (int s = problem.earliest_start; s + t.duration <= S; ++s)
          if (ok[s]) allowed.push_back(s);
        if (!problem.require_all) allowed.push_back(L.sentinel);
      }
      if (allowed.empty()) {
        start[i] = IntVar(*this, L.sentinel, L.sentinel);
        fail();  // a required session with nowhere to go: the whole day is infeasible
      } else {
        start[i] = IntVar(*this, set_of(allowed));
      }
      present[i] = BoolVar(*this, 0, 1);
      rel(*this, start[i], IRT_LE, L.sentinel, eqv(present[i]));
      if (t.pinned) rel(*this, present[i], IRT_EQ, 1);
    }

    // Leads: the right number, each available for the whole session (with a trainee's supervisor).
    std::map<int, std::vector<std::pair<int, BoolVar>>> staff_tasks;  // staff -> (task, occupies)
    for (int i = 0; i < n; ++i) {
      const auto& t = L.tasks[i];
      BoolVarArgs mine;
      std::map<int, BoolVarArgs> occupies;  // staff -> leads that put this person in the session
      for (std::size_t k = 0; k < t.staff.size(); ++k) {
        BoolVar b = lead[t.lead_offset + k];
        mine << b;
        int s = t.staff[k];
        occupies[s] << b;
        std::vector<int> people{s};
        if (in.staff[s].trainee()) {
          int sup = in.staff_index(in.staff[s].supervisor);
          occupies[sup] << b;
          people.push_back(sup);
        }
        for (int person : people) {
          std::vector<int> starts;
          if (relaxed(problem, "availability:" + in.staff[person].id))
            for (int x = 0; x + t.duration <= S; ++x) starts.push_back(x);
          else if (staff_works_on(in.staff[person], problem.day))
            starts = staff_starts(in, in.staff[person], problem.day, t.duration);
          dom(*this, start[i], set_of(starts), imp(b));
        }
        if (t.pinned) {
          bool chosen = std::find(t.hint->leads.begin(), t.hint->leads.end(), s) != t.hint->leads.end();
          rel(*this, b, IRT_EQ, chosen ? 1 : 0);
        }
      }
      rel(*this, sum(mine) == t.need * present[i]);
      if (dose_only && t.need == 1 && !t.staff.empty()) {
        BoolVarArgs with_none = mine;
        with_none << expr(*this, !present[i]);
        channel(*this, with_none, who[i]);
      }
      for (auto& [s, bs] : occupies) {
        if (bs.size() == 1) {
          staff_tasks[s].push_back({i, bs[0]});
        } else {
          BoolVar occ(*this, 0, 1);
          rel(*this, BOT_OR, bs, occ);
          staff_tasks[s].push_back({i, occ});
        }
      }
      BoolVarArgs where;
      for (std::size_t r = 0; r < t.rooms.size(); ++r) {
        where << room[t.room_offset + r];
        if (t.pinned) rel(*this, room[t.room_offset + r], IRT_EQ, t.rooms[r] == t.hint->room ? 1 : 0);
      }
      rel(*this, sum(where) == present[i]);
      if (dose_only && !t.rooms.empty()) {
        BoolVarArgs with_none = where;
        with_none << expr(*this, !present[i]);
        channel(*this, with_none, this->where[i]);
      }
    }

    // Staff: one session at a time, at most their daily number; load per discipline for fairness.
    std::map<std::string, IntVarArgs> loads;
    for (std::size_t s = 0; s < in.staff.size(); ++s) {
      const auto& st = in.staff[s];
      auto it = staff_tasks.find(static_cast<int>(s));
      IntVar load(*this, 0, std::max(0, st.max_sessions_per_day) + n);
      if (it == staff_tasks.end()) {
        rel(*this, load, IRT_EQ, 0);
      } else {
        IntVarArgs starts;
        IntArgs durations;
        BoolVarArgs occ;
        for (auto& [i, b] : it->second) starts << start[i], durations << L.tasks[i].duration, occ << b;
        if (starts.size() > 1) unary(*this, starts, durations, occ);
        linear(*this, occ, IRT_EQ, load);
        if (!relaxed(problem, "daily-limit:" + st.id)) rel(*this, load, IRT_LQ, st.max_sessions_per_day);
      }
      if (staff_on_unit(in, st, problem.day)) loads[st.discipline] << load;
    }
    for (auto& [discipline, ls] : loads) {
      if (ls.size() < 2 || dose_only) continue;
      IntVar hi(*this, 0, Int::Limits::max), lo(*this, 0, Int::Limits::max);
      max(*this, ls, hi);
      min(*this, ls, lo);
      cost_ints << expr(*this, hi - lo);
      int_coef << kWeightLoadSpread;
    }

    post_staff_pools(in, problem, present);

    // Rooms: capacity in patients at once.
    for (std::size_t r = 0; r < in.rooms.size(); ++r) {
      if (relaxed(problem, "capacity:" + in.rooms[r].id)) continue;
      IntVarArgs starts;
      IntArgs durations, usage;
      BoolVarArgs used;
      for (int i = 0; i < n; ++i) {
        const auto& t = L.tasks[i];
        for (std::size_t k = 0; k < t.rooms.size(); ++k)
          if (t.rooms[k] == static_cast<int>(r))
            starts << start[i], durations << t.duration, usage << t.usage, used << room[t.room_offset + k];
      }
      if (starts.size() > 0) cumulative(*this, in.rooms[r].capacity, starts, durations, usage, used);
    }

    // Patients: one session at a time with the rest gap; back-to-back limit; idle holes.
    for (std::size_t p = 0; p < in.patients.size(); ++p) {
      const auto& pt = in.patients[p];
      bool rest = !relaxed(problem, "rest:" + pt.id);
      IntVarArgs starts;
      IntArgs durations;
      BoolVarArgs pres;
      std::vector<int> mine;
      for (int i = 0; i < n; ++i)
        if (std::find(L.tasks[i].patients.begin(), L.tasks[i].patients.end(), static_cast<int>(p)) !=
            L.tasks[i].patients.end()) {
          starts << start[i], durations << L.tasks[i].duration + (rest ? pt.min_gap : 0), pres << present[i];
          mine.push_back(i);
        }
      if (mine.empty()) continue;
      if (mine.size() > 1) unary(*this, starts, durations, pres);
      // The back-to-back limit needs the run encoding only without a rest gap (with one, no two
      // sessions are ever back to back); the dose phase needs the slot Booleans only for it.
      bool chain = pt.max_consecutive > 0 && rest && pt.min_gap == 0;
      if (chain && mine.size() > static_cast<std::size_t>(pt.max_consecutive)) {
        // follows(i, j): session j starts exactly where i ends. A session's place in its run
        // is one more than its predecessor's, or 1 without one; the limit is the domain.
        IntVarArgs place(*this, static_cast<int>(mine.size()), 1, pt.max_consecutive);
        for (std::size_t jj = 0; jj < mine.size(); ++jj) {
          int j = mine[jj];
          BoolVarArgs after_one;
          for (std::size_t ii = 0; ii < mine.size(); ++ii) {
            int i = mine[ii], d = L.tasks[i].duration;
            if (i == j || start[i].min() + d > start[j].max() || start[i].max() + d < start[j].min()) continue;
            BoolVar follows(*this, 0, 1);
            linear(*this, IntArgs({1, -1}), IntVarArgs({start[j], start[i]}), IRT_EQ, d, eqv(follows));
            linear(*this, IntArgs({1, -1}), IntVarArgs({place[jj], place[ii]}), IRT_EQ, 1, imp(follows));
            after_one << follows;
          }
          if (after_one.size() == 0) {
            rel(*this, place[jj], IRT_EQ, 1);
          } else {
            BoolVar has_predecessor(*this, 0, 1);
            rel(*this, BOT_OR, after_one, has_predecessor);
            rel(*this, place[jj], IRT_NQ, 1, pmi(has_predecessor));  // place > 1 only after another
          }
        }
      }
      if (dose_only) continue;
      // busy[t]: some session of this patient covers slot t (for the idle holes).
      BoolVarArgs busy(S);
      for (int t = 0; t < S; ++t) {
        BoolVarArgs covers;
        for (int i : mine) {
          int d = L.tasks[i].duration;
          if (start[i].min() > t || start[i].max() < t - d + 1) continue;
          BoolVar c(*this, 0, 1);
          dom(*this, start[i], std::max(0, t - d + 1), t, eqv(c));
          covers << c;
        }
        busy[t] = BoolVar(*this, 0, 1);
        rel(*this, BOT_OR, covers.size() ? covers : BoolVarArgs{BoolVar(*this, 0, 0)}, busy[t]);
      }
      BoolVarArgs before(S), after(S);
      before[0] = BoolVar(*this, 0, 0);
      after[S - 1] = BoolVar(*this, 0, 0);
      for (int t = 1; t < S; ++t) before[t] = expr(*this, before[t - 1] || busy[t - 1]);
      for (int t = S - 2; t >= 0; --t) after[t] = expr(*this, after[t + 1] || busy[t + 1]);
      for (int t = 0; t < S; ++t) {
        if (patient_blocked_at(in, pt, problem.day, t)) continue;
        cost_bools << expr(*this, !busy[t] && before[t] && after[t]);
        cost_coef << kWeightIdle;
      }
    }

    // Symmetry: interchangeable sessions of one prescription take the earliest starts in order.
    for (int i = 1; i < n; ++i) {
      const auto& a = L.tasks[i - 1];
      const auto& b = L.tasks[i];
      if (a.rx == b.rx && !a.pinned && !b.pinned && !a.hint && !b.hint) rel(*this, start[i - 1], IRT_LQ, start[i]);
    }

    // Soft costs.
    for (int i = 0; i < n; ++i) {
      const auto& t = L.tasks[i];
      if (!t.pinned) {
        dose_bools << expr(*this, !present[i]);
        dose_coef << kWeightDose * dose_weight(in.prescriptions[t.rx]);
      }
      if (t.hint && problem.move_weight > 0 && !t.pinned) {
        BoolVarArgs same;
        same << expr(*this, start[i] == t.hint->start);
        for (std::size_t k = 0; k < t.staff.size(); ++k) {
          bool was = std::find(t.hint->leads.begin(), t.hint->leads.end(), t.staff[k]) != t.hint->leads.end();
          same << (was ? lead[t.lead_offset + k] : expr(*this, !lead[t.lead_offset + k]));
        }
        for (std::size_t r = 0; r < t.rooms.size(); ++r)
          if (t.rooms[r] == t.hint->room) same << room[t.room_offset + r];
        BoolVar kept(*this, 0, 1);
        rel(*this, BOT_AND, same, kept);
        dose_bools << expr(*this, !kept);
        dose_coef << problem.move_weight;
      }
      for (int p : t.patients) {
        if (dose_only) break;
        // A child's windows for the activity are alternatives (the validator's rule): one cost
        // when the session is inside none of them.
        std::set<int> inside;
        bool wanted = false;
        for (auto& pref : in.patients[p].preferences) {
          if (pref.activity != in.prescriptions[t.rx].activity) continue;
          wanted = true;
          for (int s = pref.from; s + t.duration <= pref.to; ++s) inside.insert(s);
        }
        if (!wanted) continue;
        inside.insert(L.sentinel);
        BoolVar ok(*this, 0, 1);
        dom(*this, start[i], set_of(std::vector<int>(inside.begin(), inside.end())), eqv(ok));
        cost_bools << expr(*this, !ok);
        cost_coef << kWeightPreference;
      }
    }
    // Continuity: a patient's sessions of a discipline are led by one chosen therapist.
    primary = IntVarArray(*this, static_cast<int>(L.primary_keys.size()));
    for (std::size_t k = 0; k < L.primary_keys.size(); ++k) {
      std::set<int> candidates;
      for (auto& t : L.tasks)
        if (t.primary == static_cast<int>(k)) candidates.insert(t.staff.begin(), t.staff.end());
      auto fixed = problem.primaries.find(L.primary_keys[k]);
      if (fixed != problem.primaries.end()) candidates = {fixed->second};
      if (candidates.empty()) candidates = {-1};  // nobody qualified: every session misses continuity
      primary[k] = IntVar(*this, set_of(std::vector<int>(candidates.begin(), candidates.end())));
    }
    for (int i = 0; i < n; ++i) {
      const auto& t = L.tasks[i];
      if (t.primary < 0 || dose_only) continue;
      BoolVarArgs by_primary;
      for (std::size_t k = 0; k < t.staff.size(); ++k)
        if (primary[t.primary].in(t.staff[k]))
          by_primary << expr(*this, lead[t.lead_offset + k] && (primary[t.primary] == t.staff[k]));
      BoolVar ok(*this, 0, 1);
      rel(*this, BOT_OR, by_primary.size() ? by_primary : BoolVarArgs{BoolVar(*this, 0, 0)}, ok);
      cost_bools << expr(*this, present[i] && !ok);
      cost_coef << kWeightContinuity;
    }

    IntVar bool_part(*this, 0, Int::Limits::max), int_part(*this, 0, Int::Limits::max);
    IntVar dose_part(*this, 0, Int::Limits::max);
    linear(*this, cost_coef, cost_bools, IRT_EQ, bool_part);
    linear(*this, dose_coef, dose_bools, IRT_EQ, dose_part);
    if (cost_ints.size())
      linear(*this, int_coef, cost_ints, IRT_EQ, int_part);
    else
      rel(*this, int_part, IRT_EQ, 0);
    // Kept apart so the solver can report a bound per priority level, not only on the sum.
    comfort = expr(*this, bool_part + int_part);
    total = expr(*this, dose_part + comfort);

    if (dose_only)
      post_dose_branching(in, problem.day);
    else
      post_branching(in);
  }

  DayModel(DayModel& other)
      : IntMinimizeSpace(other), layout(other.layout), seed(other.seed), restarts(other.restarts), salt(other.salt),
        focus(other.focus),
        repairing(other.repairing), dose_only(other.dose_only), align_groups(other.align_groups) {
    start.update(*this, other.start);
    lead.update(*this, other.lead);
    room.update(*this, other.room);
    primary.update(*this, other.primary);
    who.update(*this, other.who);
    where.update(*this, other.where);
    comfort.update(*this, other.comfort);
    total.update(*this, other.total);
  }
  Space* copy() override { return new DayModel(*this); }
  IntVar cost() const override { return total; }

  Incumbent values() const {
    Incumbent v;
    for (int i = 0; i < start.size(); ++i) v.start.push_back(start[i].val());
    for (int i = 0; i < lead.size(); ++i) v.lead.push_back(lead[i].val());
    for (int i = 0; i < room.size(); ++i) v.room.push_back(room[i].val());
    return v;
  }

  // Large-neighbourhood search: restart after every improvement...
  // (The master keeps the bound: every later plan must beat the last one found.)
  bool master(const MetaInfo& mi) override {
    if (mi.type() != MetaInfo::RESTART) return true;
    ++restarts;
    if (mi.last() != nullptr) constrain(*mi.last());
    return true;
  }
  // ...and on each restart keep the incumbent except a neighbourhood: the sessions of a few
  // patients, or of a stretch of the day, or a random fifth, plus every session not placed.
  bool slave(const MetaInfo& mi) override {
    if (mi.type() != MetaInfo::RESTART) return true;
    salt = restarts;
    // Gecode 6.2's RBS ignores what the first call returns and treats the first search as
    // complete: a neighbourhood fixed there would end the whole LNS as soon as it is exhausted.
    // So the first search is the full one (cut off like any other; exhausting it proves the
    // incumbent optimal).
    if (mi.restart() == 0 && mi.last() == nullptr) return true;
    Incumbent inc = mi.last() ? static_cast<const DayModel*>(mi.last())->values() : seed ? *seed : Incumbent{};
    if (inc.start.empty()) return true;
    const auto& L = *layout;
    std::mt19937 rng(restarts * 7919 + 17);
    const int n = static_cast<int>(L.tasks.size());
    std::vector<bool> free(n, false);
    int kind = static_cast<int>(restarts % 3);
    // The dose phase: every other restart works around a session not placed (and not left out
    // on purpose): the days of its children and of a few others, and the sessions its possible
    // leads give in a stretch of the day, are re-solved. Every second such restart places that
    // session first (`focus`); the others re-pack in the usual order. Measured on the generated
    // weeks (docs/performance-schedule.md): focusing every time helped the 24-patient weeks
    // (22 -> 19 and 14 -> 9 missing) but hurt the 12- and 16-patient 5-day weeks (5 -> 7,
    // 6 -> 10); alternating kept most of the gain (20 and 9) and cost at most one (6 -> 7).
    // Not in a repair: there the usual order keeps sessions where they were, and focusing moved
    // 9 sessions instead of 5 on the 8-patient week.
    std::vector<int> unplaced;
    for (int i = 0; i < n; ++i)
      if (inc.start[i] == L.sentinel && !L.tasks[i].extra && !L.tasks[i].pinned) unplaced.push_back(i);
    // One dose restart in four instead shifts a group session of such a child: the group, that
    // child's day, and every member's sessions within one and a half to three hours of it. A group
    // session's time is otherwise fixed by its first plan (it moves only when all its members'
    // days are free at once), and its time is what splits a child's day into stretches too short
    // for another session. Measured, 60 s, same binary with and without (seed 42): 24p/5d 49 -> 47
    // child-sessions missing, 24p/7d 21 -> 16, 16p/5d 13 -> 13; on every second odd restart
    // as well, 24p/5d 58.
    std::vector<int> groups_of_unplaced;
    int lone = -1;  // the child whose session was not placed
    if (dose_only && !repairing && !unplaced.empty() && restarts % 4 == 1) {
      lone = L.tasks[unplaced[rng() % unplaced.size()]].patients.at(0);
      for (int i = 0; i < n; ++i) {
        const auto& ps = L.tasks[i].patients;
        if (ps.size() > 1 && inc.start[i] != L.sentinel && !L.tasks[i].pinned &&
            std::find(ps.begin(), ps.end(), lone) != ps.end())
          groups_of_unplaced.push_back(i);
      }
    }
    if (!groups_of_unplaced.empty()) {
      int g = groups_of_unplaced[rng() % groups_of_unplaced.size()];
      const auto& group = L.tasks[g];
      std::set<int> members(group.patients.begin(), group.patients.end());
      int reach = 6 + static_cast<int>(rng() % 6);
      int from = inc.start[g] - reach, to = inc.start[g] + group.duration + reach;
      free[g] = true;
      for (int i = 0; i < n; ++i)
        for (int p : L.tasks[i].patients)
          free[i] = free[i] || p == lone || (members.count(p) && inc.start[i] >= from && inc.start[i] < to);
    } else if (dose_only && !unplaced.empty() && restarts % 2 == 0) {
      int ui = unplaced[rng() % unplaced.size()];
      if (restarts % 4 == 0 && !repairing) focus = ui;
      const auto& u = L.tasks[ui];
      std::set<int> chosen(u.patients.begin(), u.patients.end());
      int more = 1 + static_cast<int>(rng() % 3);
      for (int k = 0; k < more; ++k) {
        const auto& t = L.tasks[rng() % n];
        if (!t.patients.empty()) chosen.insert(t.patients[rng() % t.patients.size()]);
      }
      int from = static_cast<int>(rng() % 38) - 6, to = from + 12;
      for (int i = 0; i < n; ++i) {
        for (int p : L.tasks[i].patients) free[i] = free[i] || chosen.count(p);
        bool same_leads = L.tasks[i].staff == u.staff;
        if (same_leads && inc.start[i] >= from && inc.start[i] < to) free[i] = true;
      }
    } else if (kind == 0) {
      std::set<int> chosen;
      int want = 2 + static_cast<int>(rng() % 3);
      for (int k = 0; k < want * 4 && static_cast<int>(chosen.size()) < want; ++k) {
        const auto& t = L.tasks[rng() % n];
        if (!t.patients.empty()) chosen.insert(t.patients[rng() % t.patients.size()]);
      }
      for (int i = 0; i < n; ++i)
        for (int p : L.tasks[i].patients) free[i] = free[i] || chosen.count(p);
    } else if (kind == 1) {
      int from = static_cast<int>(rng() % 40), to = from + 8 + static_cast<int>(rng() % 8);
      for (int i = 0; i < n; ++i) free[i] = inc.start[i] >= from && inc.start[i] < to;
    } else {
      for (int i = 0; i < n; ++i) free[i] = rng() % 5 == 0;
    }
    for (int i = 0; i < n; ++i) {
      if (free[i] || inc.start[i] == L.sentinel) continue;
      const auto& t = L.tasks[i];
      rel(*this, start[i], IRT_EQ, inc.start[i]);
      for (std::size_t k = 0; k < t.staff.size(); ++k)
        rel(*this, lead[t.lead_offset + k], IRT_EQ, inc.lead[t.lead_offset + k]);
      for (std::size_t r = 0; r < t.rooms.size(); ++r)
        rel(*this, room[t.room_offset + r], IRT_EQ, inc.room[t.room_offset + r]);
    }
    return false;
  }

 private:
  // Redundant, for propagation: the staff who can lead a set of activities form a pool (staff
  // linked by a shared qualification). At any slot, the pool's sessions in progress need at most
  // as many leads as the pool has members on duty, and over the day at most the members' daily
  // limits. Both follow from the per-person rules; they let the solver see a shortage of, say,
  // late PT cover before it has chosen who leads what.
  void post_staff_pools(const Instance& in, const DayProblem& problem, const BoolVarArgs& present) {
    const auto& L = *layout;
    const int S = in.slots_per_day;
    const int n = static_cast<int>(L.tasks.size());
    std::vector<int> root(in.staff.size());
    for (std::size_t s = 0; s < root.size(); ++s) root[s] = static_cast<int>(s);
    std::function<int(int)> find = [&](int x) { return root[x] == x ? x : root[x] = find(root[x]); };
    for (auto& t : L.tasks)
      for (std::size_t k = 1; k < t.staff.size(); ++k) root[find(t.staff[k])] = find(t.staff[0]);
    std::map<int, std::vector<int>> pool_tasks;
    for (int i = 0; i < n; ++i)
      if (!L.tasks[i].staff.empty() && L.tasks[i].need > 0) pool_tasks[find(L.tasks[i].staff[0])].push_back(i);
    for (auto& [pool, tasks] : pool_tasks) {
      if (tasks.size() < 2) continue;
      std::vector<int> members;
      for (std::size_t s = 0; s < in.staff.size(); ++s)
        if (find(static_cast<int>(s)) == pool) members.push_back(static_cast<int>(s));
      std::vector<int> on_duty(S, 0);
      int daily = 0;
      bool limited = true;
      for (int s : members) {
        const auto& st = in.staff[s];
        bool anytime = relaxed(problem, "availability:" + st.id);
        for (int t = 0; t < S; ++t)
          on_duty[t] += anytime || (staff_works_on(st, problem.day) && staff_free_at(st, problem.day, t));
        if (relaxed(problem, "daily-limit:" + st.id)) limited = false;
        if (anytime || staff_works_on(st, problem.day)) daily += std::max(0, st.max_sessions_per_day);
      }
      int most = *std::max_element(on_duty.begin(), on_duty.end());
      IntVarArgs starts;
      IntArgs durations, usage;
      BoolVarArgs used;
      IntArgs heads;
      BoolVarArgs all;
      for (int i : tasks) {
        starts << start[i], durations << L.tasks[i].duration, usage << L.tasks[i].need, used << present[i];
        heads << L.tasks[i].need, all << present[i];
      }
      // Slots with fewer members on duty hold fixed blocks of the missing capacity.
      for (int t = 0; t < S;) {
        int u = t;
        while (u < S && on_duty[u] == on_duty[t]) ++u;
        if (on_duty[t] < most)
          starts << IntVar(*this, t, t), durations << u - t, usage << most - on_duty[t], used << BoolVar(*this, 1, 1);
        t = u;
      }
      if (most > 0) cumulative(*this, most, starts, durations, usage, used);
      if (limited) linear(*this, heads, all, IRT_LQ, daily);
    }
  }

  // Per task, how plentiful its leads are today, from 0 (scarce) to 1: one minus the share of its
  // discipline's free staff time that the day's sessions of that discipline need. Group sessions
  // count as scarce: every member must be free at once, and one left out is missed by all.
  // Without this the dose phase's ties (sessions that can start equally early) went to the
  // sessions with the fewest possible starts: recreation, wellness and OT filled the children's
  // mornings, and PT and psychology were left to the afternoon, where ten PTs met twenty-four
  // children (a day of the 24-child week: PT idle until 10:45, nine of ten busy at 15:00; 74
  // child-sessions missing in the week, 49 with this order).
  std::vector<double> lead_plenty(const Instance& in, int day) const {
    const auto& L = *layout;
    std::map<std::string, double> need, have;
    auto discipline = [&](const Layout::Task& t) -> const std::string& {
      return in.activities[in.activity_index(in.prescriptions[t.rx].activity)].discipline;
    };
    for (const auto& t : L.tasks) need[discipline(t)] += t.duration * t.need;
    for (const auto& st : in.staff)
      if (staff_works_on(st, day) && !st.trainee()) have[st.discipline] += staff_free_slots(in, st, day);
    std::vector<double> out;
    for (const auto& t : L.tasks) {
      const double h = have[discipline(t)];
      out.push_back(t.patients.size() > 1 || h <= 0 ? 0.0 : 1.0 - std::min(1.0, need[discipline(t)] / h));
    }
    return out;
  }

  // The dose phase: sessions level A left out are dropped first; then, like a serial schedule
  // generation scheme, the session that can start earliest (ties: groups and sessions whose leads
  // are scarce today first, see lead_plenty; then the fewest possible starts) is put at its
  // earliest start (with align_groups, a group session with a resting member at its earliest
  // start on an edge of that member's morning or afternoon), and at once given its lead and
  // room, so each child's day is packed from the morning without holes no session fits. Of the qualified leads, the child's main therapist
  // (continuity) when free, else the one whose working day ends first (the others stay free for
  // later sessions); the redundant staff pools make a dead end rare. In a repair, sessions that
  // can keep their old time and leads are placed first, then those that can keep their time,
  // each with its old time, lead and room tried first, so a sick colleague's sessions take the
  // leads left free instead of pushing everyone's lead along a chain.
  void post_dose_branching(const Instance& in, int day) {
    const auto& L = *layout;
    const int n = static_cast<int>(L.tasks.size());
    IntVarArgs extras;
    for (int i = 0; i < n; ++i)
      if (L.tasks[i].extra) extras << start[i];
    if (extras.size()) branch(*this, extras, INT_VAR_NONE(), INT_VAL_MAX());
    // One array: starts [0, n), leads [n, 2n), rooms [2n, 3n).
    IntVarArgs all;
    for (int i = 0; i < n; ++i) all << start[i];
    for (int i = 0; i < n; ++i) all << who[i];
    for (int i = 0; i < n; ++i) all << where[i];
    auto ends = std::make_shared<std::vector<int>>(in.staff.size(), 0);
    for (std::size_t s = 0; s < in.staff.size(); ++s)
      for (int t = 0; t < in.slots_per_day; ++t)
        if (staff_free_at(in.staff[s], day, t)) (*ends)[s] = t + 1;
    auto plenty = std::make_shared<std::vector<double>>(lead_plenty(in, day));
    // Per group session with a member who rests after each session: the starts at which it begins
    // that member's morning or afternoon, or ends it. Anywhere else it leaves, before or after
    // it, a stretch that the rest makes a quarter or half hour too short for another session.
    auto edges = std::make_shared<std::vector<std::vector<bool>>>(n);
    for (int i = 0; i < n; ++i) {
      const auto& t = L.tasks[i];
      if (t.patients.size() < 2) continue;
      const Patient* resting = nullptr;
      for (int p : t.patients)
        if (in.patients[p].min_gap > 0) resting = &in.patients[p];
      if (!resting) continue;
      const int S = in.slots_per_day;
      auto& at_edge = (*edges)[i];
      at_edge.assign(S, false);
      for (int st = 0; st + t.duration <= S; ++st)
        at_edge[st] = st == 0 || patient_blocked_at(in, *resting, day, st - 1) || st + t.duration == S ||
                      patient_blocked_at(in, *resting, day, st + t.duration);
    }
    auto merit = [n, plenty](const Space& home, IntVar x, int i) -> double {
      const auto& self = static_cast<const DayModel&>(home);
      if (i < n) {  // sessions that can stay as they were (repair) go first, then by earliest start
        const auto& t = self.layout->tasks[i];
        double rank = 2e6;
        if (t.hint && x.in(t.hint->start)) {
          bool same_leads = true;  // its old leads are still possible
          for (std::size_t k = 0; k < t.staff.size(); ++k)
            if (std::find(t.hint->leads.begin(), t.hint->leads.end(), t.staff[k]) != t.hint->leads.end())
              same_leads = same_leads && self.lead[t.lead_offset + k].max() == 1;
          rank = same_leads ? 0.0 : 1e6;
        }
        if (i == self.focus) return -1.0;  // an LNS restart's session not placed (see slave)
        return rank + 1000.0 * x.min() + 200.0 * (*plenty)[i] + x.size();
      }
      return self.start[i % n].assigned() ? -1.0 : 1e12;
    };
    auto value = [n, ends, edges](const Space& home, IntVar x, int i) -> int {
      const auto& tasks = static_cast<const DayModel&>(home).layout->tasks;
      if (i < n) {  // a start: where it was (repair), else the earliest (at an edge, when aligning)
        const auto& task = tasks[i];
        if (task.hint && x.in(task.hint->start)) return task.hint->start;
        const auto& at_edge = (*edges)[i];
        if (static_cast<const DayModel&>(home).align_groups && !at_edge.empty())
          for (IntVarValues v(x); v(); ++v)
            if (v.val() < static_cast<int>(at_edge.size()) && at_edge[v.val()]) return v.val();
        return x.min();
      }
      if (i >= 2 * n) {  // a room: the one it had (repair), else the first
        const auto& task = tasks[i - 2 * n];
        for (std::size_t r = 0; r < task.rooms.size() && task.hint; ++r)
          if (task.rooms[r] == task.hint->room && x.in(static_cast<int>(r))) return static_cast<int>(r);
        return x.min();
      }
      const auto& self = static_cast<const DayModel&>(home);
      const auto& task = tasks[i - n];
      if (task.hint)
        for (IntVarValues v(x); v(); ++v)
          if (v.val() < static_cast<int>(task.staff.size()) &&
              std::find(task.hint->leads.begin(), task.hint->leads.end(), task.staff[v.val()]) != task.hint->leads.end())
            return v.val();
      if (task.primary >= 0) {  // the child's main therapist, decided or preferred
        int main = self.primary[task.primary].assigned() ? self.primary[task.primary].val()
                                                         : self.layout->preferred[task.primary];
        for (IntVarValues v(x); v(); ++v)
          if (v.val() < static_cast<int>(task.staff.size()) && task.staff[v.val()] == main) return v.val();
      }
      int pick = x.min(), best_end = 1 << 30;
      for (IntVarValues v(x); v(); ++v) {
        if (v.val() >= static_cast<int>(task.staff.size())) continue;
        int e = (*ends)[task.staff[v.val()]];
        if (e < best_end) best_end = e, pick = v.val();
      }
      return pick;
    };
    branch(*this, all, INT_VAR_MERIT_MIN(merit), INT_VAL(value));
    // Sessions with several leads: their Booleans.
    for (int i = 0; i < n; ++i) {
      const auto& t = L.tasks[i];
      if (t.need == 1 || t.staff.empty()) continue;
      BoolVarArgs mine;
      for (std::size_t k = 0; k < t.staff.size(); ++k) mine << lead[t.lead_offset + k];
      branch(*this, mine, BOOL_VAR_NONE(), BOOL_VAL_MAX());
    }
    branch(*this, primary, INT_VAR_NONE(), INT_VAL_MIN());
  }

  // Session by session, as a coordinator would: when, who, where. "Not placed" is the last value
  // of a start, so a session that cannot fit is dropped locally instead of unravelling the day.
  void post_branching(const Instance& in) {
    const auto& L = *layout;
    // The hint, else the earliest start; on odd LNS restarts a start picked by a hash of the
    // restart and the session (deterministic, as recomputation during search requires), so the
    // freed sessions do not always re-pack into the same shape. "Not placed" stays last.
    auto hinted_or_min = [](int hint, int task, bool extra) {
      return [hint, task, extra](const Space& home, IntVar x, int) {
        if (extra) return x.max();  // "not placed" first
        if (hint >= 0 && x.in(hint)) return hint;
        unsigned salt = static_cast<const DayModel&>(home).salt;
        if (salt % 2 == 1 && x.size() > 2) {
          unsigned pick = (salt * 2654435761u + static_cast<unsigned>(task) * 40503u) % (x.size() - 1);
          for (IntVarValues v(x); v(); ++v)
            if (pick-- == 0) return v.val();
        }
        return x.min();
      };
    };
    for (std::size_t i = 0; i < L.tasks.size(); ++i) {
      const auto& t = L.tasks[i];
      if (t.primary >= 0) {
        int key = t.primary;
        branch(*this, primary[key], INT_VAL([key](const Space& home, IntVar x, int) {
                 int preferred = static_cast<const DayModel&>(home).layout->preferred[key];
                 if (preferred >= 0 && x.in(preferred)) return preferred;
                 // Else spread patients over therapists: the key's turn in the candidate list.
                 int pick = key % static_cast<int>(x.size());
                 for (IntVarValues v(x); v(); ++v)
                   if (pick-- == 0) return v.val();
                 return x.min();
               }));
      }
      branch(*this, start[i], INT_VAL(hinted_or_min(t.hint ? t.hint->start : -1, static_cast<int>(i), t.extra)));
      if (!t.staff.empty()) {
        BoolVarArgs mine;
        for (std::size_t k = 0; k < t.staff.size(); ++k) mine << lead[t.lead_offset + k];
        auto merit = [i](const Space& home, BoolVar, int k) -> double {
          const auto& self = static_cast<const DayModel&>(home);
          const auto& task = self.layout->tasks[i];
          int staff = task.staff[k];
          double m = -0.001 * k;
          if (task.hint && std::find(task.hint->leads.begin(), task.hint->leads.end(), staff) != task.hint->leads.end())
            m += 4;
          if (task.primary >= 0 && self.primary[task.primary].assigned() && self.primary[task.primary].val() == staff)
            m += 2;
          return m;
        };
        branch(*this, mine, BOOL_VAR_MERIT_MAX(merit), BOOL_VAL_MAX());
      }
      if (!t.rooms.empty()) {
        BoolVarArgs mine;
        for (std::size_t r = 0; r < t.rooms.size(); ++r) mine << room[t.room_offset + r];
        auto merit = [i](const Space& home, BoolVar, int r) -> double {
          const auto& task = static_cast<const DayModel&>(home).layout->tasks[i];
          return (task.hint && task.hint->room == task.rooms[r] ? 4 : 0) - 0.001 * r;
        };
        branch(*this, mine, BOOL_VAR_MERIT_MAX(merit), BOOL_VAL_MAX());
      }
    }
    branch(*this, primary, INT_VAR_NONE(), INT_VAL_MIN());
    (void)in;
  }
};

std::shared_ptr<Layout> make_layout(const Instance& in, const DayProblem& problem) {
  auto L = std::make_shared<Layout>();
  L->sentinel = 2 * in.slots_per_day + 16;
  std::map<PrimaryKey, int> keys;
  for (auto& task : problem.tasks) {
    const auto& rx = in.prescriptions[task.rx];
    if (problem.relaxed.count("dose:" + rx.id)) continue;  // explain: this dose is switched off
    const auto& act = in.activities[in.activity_index(rx.activity)];
    Layout::Task t;
    t.rx = task.rx;
    t.duration = act.duration;
    t.need = act.staff_needed;
    t.usage = static_cast<int>(rx.patients.size());
    for (auto& pid : rx.patients) t.patients.push_back(in.patient_index(pid));
    t.staff = qualified_staff(in, rx.activity);
    t.rooms = suitable_rooms(in, rx);
    t.pinned = task.pinned.has_value();
    t.extra = task.extra && !t.pinned;
    t.hint = task.pinned ? task.pinned : task.previous;
    bool tracked = std::find(in.continuity_disciplines.begin(), in.continuity_disciplines.end(), act.discipline) !=
                   in.continuity_disciplines.end();
    if (tracked && t.patients.size() == 1 && t.need == 1) {
      PrimaryKey key{t.patients[0], act.discipline};
      auto [it, fresh] = keys.try_emplace(key, static_cast<int>(L->primary_keys.size()));
      if (fresh) L->primary_keys.push_back(key);
      t.primary = it->second;
    }
    L->tasks.push_back(t);
  }
  for (auto& key : L->primary_keys) {
    auto it = problem.preferred.find(key);
    L->preferred.push_back(it == problem.preferred.end() ? -1 : it->second);
  }
  // Most constrained first: pinned, then group sessions, then sessions with fewer people to lead them.
  std::stable_sort(L->tasks.begin(), L->tasks.end(), [](const Layout::Task& a, const Layout::Task& b) {
    auto rank = [](const Layout::Task& t) {
      return std::make_tuple(!t.pinned, t.extra, -static_cast<int>(t.patients.size()),
                             static_cast<int>(t.staff.size()), -t.duration, t.rx);
    };
    return rank(a) < rank(b);
  });
  int leads = 0, rooms = 0;
  for (auto& t : L->tasks) {
    t.lead_offset = leads;
    t.room_offset = rooms;
    leads += static_cast<int>(t.staff.size());
    rooms += static_cast<int>(t.rooms.size());
  }
  return L;
}

}  // namespace

std::vector<std::string> supervisors_for(const Instance& in, const std::vector<int>& leads) {
  std::vector<std::string> out;
  // A supervisor who co-leads the session is there already: listed again, the plan named them
  // twice and the validator refused it (an outside probe: a two-lead session of a trainee and
  // their own supervisor).
  auto leading = [&](const std::string& id) {
    return std::any_of(leads.begin(), leads.end(), [&](int s) { return in.staff[s].id == id; });
  };
  for (int s : leads)
    if (in.staff[s].trainee() && !leading(in.staff[s].supervisor) &&
        std::find(out.begin(), out.end(), in.staff[s].supervisor) == out.end())
      out.push_back(in.staff[s].supervisor);
  return out;
}

DaySolution solve_day(const Instance& in, const DayProblem& problem, const SearchLimits& limits,
                      const DayProgressFn& progress) {
  using Clock = std::chrono::steady_clock;
  auto began = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - began).count(); };
  DaySolution out;
  auto layout = make_layout(in, problem);
  // Map layout order back to the problem's task order for the answer.
  std::vector<int> task_of;  // layout index -> problem index
  {
    std::vector<bool> used(problem.tasks.size(), false);
    for (auto& t : layout->tasks)
      for (std::size_t j = 0; j < problem.tasks.size(); ++j)
        if (!used[j] && problem.tasks[j].rx == t.rx && (problem.tasks[j].extra && !problem.tasks[j].pinned) == t.extra &&
            (problem.tasks[j].pinned ? problem.tasks[j].pinned : problem.tasks[j].previous) == t.hint) {
          used[j] = true;
          task_of.push_back(static_cast<int>(j));
          break;
        }
  }
  out.placed.assign(problem.tasks.size(), std::nullopt);

  auto* root = new DayModel(in, problem, layout);
  if (root->status() == SS_FAILED) {
    delete root;
    out.optimal = true;  // proven: no plan at all (only possible with pins or require_all)
    return out;
  }
  out.bound = root->total.min();
  out.comfort_bound = root->comfort.min();
  Search::Options options;
  Search::TimeStop time_stop(static_cast<unsigned long>(limits.seconds * 1000));
  Search::FailStop fail_stop(limits.fails);
  struct Either : Search::Stop {
    Search::Stop* a;
    Search::Stop* b;
    Either(Search::Stop* x, Search::Stop* y) : a(x), b(y) {}
    bool stop(const Search::Statistics& s, const Search::Options& o) override {
      return a->stop(s, o) || (b && b->stop(s, o));
    }
  };
  // SearchLimits::stall_share: stop once nothing has improved for that share of the time.
  double last_gain = 0;
  struct Stall : Search::Stop {
    double window = 0;
    std::function<double()> idle;
    bool stop(const Search::Statistics&, const Search::Options&) override {
      return searches_cancelled() || (window > 0 && idle() > window);
    }
  } stall;
  stall.window = limits.stall_share * limits.seconds;
  stall.idle = [&] { return elapsed() - last_gain; };
  Either time_or_fails(&time_stop, limits.fails ? &fail_stop : nullptr);
  Either stop(&time_or_fails, &stall);
  options.stop = &stop;
  options.threads = 1;  // two cores shared by a whole team: one search thread per solve
  // Phase 1: complete branch and bound for a share of the time; it may prove the optimum.
  // Phase 2: LNS from its best plan for the rest (restarts, so no proof; the bound stays).
  double complete_share = limits.first_only ? 1.0 : std::min(0.9, 0.3 + limits.dose_share);
  // (The engines copy their options: the phase limit is changed in place, never swapped.)
  Search::TimeStop phase_stop(static_cast<unsigned long>(limits.seconds * complete_share * 1000));
  DayModel* best = nullptr;
  // The complete search also ends once it has a plan and has not improved it for a tenth of the
  // time: on a 12-patient day it found nothing better for 7 s after the dose phase's plan, where
  // LNS improved it at once (dozens of plans in the next 2 s). Small days still finish it.
  double phase_began = 0;
  Stall phase_stall;
  phase_stall.window = limits.first_only ? 0 : 0.1 * limits.seconds;
  phase_stall.idle = [&] { return best ? elapsed() - std::max(last_gain, phase_began) : 0.0; };
  Either phase_or_stall(&phase_stop, &phase_stall);
  Either phase_or_all(&phase_or_stall, &stop);
  options.stop = &phase_or_all;
  // Repair's floor (DayProblem::enough): the dose and moves can do no better.
  auto reached = [&] { return best && problem.enough >= 0 && best->total.val() - best->comfort.val() <= problem.enough; };
  auto record = [&](DayModel* next) {
    last_gain = elapsed();
    delete best;
    best = next;
    ++out.solutions;
    out.seconds_to_best = elapsed();
    if (out.seconds_to_first < 0) out.seconds_to_first = out.seconds_to_best;
    if (progress) progress({best->total.val(), out.bound, out.seconds_to_best});
  };
  bool proven = false;
  // A plan to improve on (the solver's first round, the greedy baseline's day, or the dose
  // phase's plans), one placement per layout task: fixed into a copy of the root, it becomes the
  // incumbent if it is better, and the searches after it only look for better still. It is not a
  // value hint: hints would send every LNS restart back to the same plan.
  auto adopt = [&](const std::vector<std::optional<Placement>>& plan) {
    auto* probe = static_cast<DayModel*>(root->clone());
    for (std::size_t li = 0; li < layout->tasks.size(); ++li) {
      const auto& t = layout->tasks[li];
      const auto& p = plan[li];
      rel(*probe, probe->start[li], IRT_EQ, p ? p->start : layout->sentinel);
      for (std::size_t k = 0; k < t.staff.size(); ++k) {
        bool on = p && std::find(p->leads.begin(), p->leads.end(), t.staff[k]) != p->leads.end();
        rel(*probe, probe->lead[t.lead_offset + k], IRT_EQ, on ? 1 : 0);
      }
      for (std::size_t r = 0; r < t.rooms.size(); ++r)
        rel(*probe, probe->room[t.room_offset + r], IRT_EQ, p && p->room == t.rooms[r] ? 1 : 0);
    }
    // Continuity therapists: whatever the branching picks first; a finished plan is all it takes.
    Search::Options once;
    once.threads = 1;
    DFS<DayModel> fill(probe, once);
    delete probe;
    DayModel* seeded = fill.next();
    if (!seeded) return;
    if (best && seeded->total.val() >= best->total.val()) {
      delete seeded;
      return;
    }
    record(seeded);
    rel(*root, root->total < best->total.val());
    if (root->status() == SS_FAILED) proven = true;  // nothing better exists
  };
  auto plan_of = [&](const DayModel& m) {
    std::vector<std::optional<Placement>> plan;
    for (std::size_t li = 0; li < layout->tasks.size(); ++li) {
      const auto& t = layout->tasks[li];
      std::optional<Placement> p;
      if (m.start[li].val() != layout->sentinel) {
        p = Placement{m.start[li].val(), {}, -1};
        for (std::size_t k = 0; k < t.staff.size(); ++k)
          if (m.lead[t.lead_offset + k].val()) p->leads.push_back(t.staff[k]);
        for (std::size_t r = 0; r < t.rooms.size(); ++r)
          if (m.room[t.room_offset + r].val()) p->room = t.rooms[r];
      }
      plan.push_back(p);
    }
    return plan;
  };
  std::vector<std::optional<Placement>> given_plan;  // start_from, per layout task
  for (std::size_t li = 0; li < layout->tasks.size() && !problem.start_from.empty(); ++li)
    given_plan.push_back(problem.start_from[task_of[li]]);
  // The dose phase (SearchLimits::dose_share): the lighter model minimises the missing sessions
  // (and, in a repair, the moves); its plans are adopted as they come. With a plan to start from
  // (round 2 of a week), it runs only if that plan leaves sessions out, and improves on it by LNS
  // (no first dive).
  long long given_missing = -1;
  if (!problem.start_from.empty()) {
    given_missing = 0;
    for (std::size_t li = 0; li < layout->tasks.size(); ++li)
      if (!problem.start_from[task_of[li]] && !layout->tasks[li].pinned)
        given_missing += dose_weight(in.prescriptions[layout->tasks[li].rx]);
  }
  if (limits.dose_share > 0 && given_missing != 0 && (problem.move_weight == 0 || given_missing < 0)) {
    auto* dose_root = new DayModel(in, problem, layout, true);
    // Group sessions at the edges of rest-gap members' days, where a quarter or more of the
    // children rest (not in a repair, which keeps sessions where they were). Measured, 60 s,
    // missing child-sessions without / with (docs/performance-schedule.md, thirteenth session):
    // 24p/5d (7 of 24 rest) 47-55 / 40-44, another seed 50 / 35, 24p/7d 23 / 15-16; 16p and
    // 12p units with 6 resting 18 / 18 and 19 / 18; but with 3 of 16 resting 13 / 18-19 and 2
    // of 12, 8 / 10, hence the threshold.
    dose_root->align_groups = problem.move_weight == 0 && rest_gap_share(in) >= 0.25;
    if (dose_root->status() != SS_FAILED) {
      long long dose_floor = std::max<long long>({dose_root->total.min(), 1LL * kWeightDose * problem.dose_floor,
                                                  problem.enough});
      Search::TimeStop dose_stop(static_cast<unsigned long>(limits.seconds * limits.dose_share * 1000));
      Either dose_or_all(&dose_stop, &stop);
      Search::Options dose_options = options;
      dose_options.stop = &dose_or_all;
      // Deep dives in a large space: clone less often and recompute more (cloning dominated).
      dose_options.c_d = 32;
      DayModel* dose_best = nullptr;
      long long dose_value = -1;
      std::shared_ptr<Incumbent> seed;
      if (given_missing > 0) {
        seed = std::make_shared<Incumbent>();
        for (std::size_t li = 0; li < layout->tasks.size(); ++li) {
          const auto& t = layout->tasks[li];
          const auto& p = problem.start_from[task_of[li]];
          seed->start.push_back(p ? p->start : layout->sentinel);
          for (int k : t.staff)
            seed->lead.push_back(p && std::find(p->leads.begin(), p->leads.end(), k) != p->leads.end());
          for (int r : t.rooms) seed->room.push_back(p && p->room == r);
        }
        dose_value = 1LL * kWeightDose * given_missing;
      } else {
        // The first plan by the packing branching, then LNS around what is not placed.
        BAB<DayModel> engine(dose_root, dose_options);
        dose_best = engine.next();
        if (dose_best) {
          dose_value = dose_best->total.val();
          seed = std::make_shared<Incumbent>(dose_best->values());
          adopt(plan_of(*dose_best));  // a first plan at once, whatever the LNS does next
          delete dose_best;
          dose_best = nullptr;
        }
      }
      if (seed && dose_value > dose_floor) {
        dose_root->seed = seed;
        rel(*dose_root, dose_root->total < dose_value);
        if (dose_root->status() != SS_FAILED) {
          dose_options.cutoff = Search::Cutoff::luby(40);
          RBS<DayModel, BAB> lns(dose_root, dose_options);
          while (DayModel* next = lns.next()) {
            last_gain = elapsed();
            delete dose_best;
            dose_best = next;
            if (dose_best->total.val() <= dose_floor) break;
          }
        }
      }
      if (dose_best) {  // the LNS improved on the first plan or on start_from
        adopt(plan_of(*dose_best));
        delete dose_best;
      }
    }
    delete dose_root;
  }
  if (!given_plan.empty() && !proven) adopt(given_plan);  // when the dose phase did not beat it
  if (best && limits.first_only) proven = proven || best->total.val() == out.bound;
  if (!proven && !(best && limits.first_only) && !reached()) {
    auto* phase1 = static_cast<DayModel*>(root->clone());
    phase_began = elapsed();
    BAB<DayModel> engine(phase1, options);
    delete phase1;
    while (DayModel* next = engine.next()) {
      record(next);
      if (best->total.val() == out.bound || limits.first_only || reached()) break;
    }
    proven = !engine.stopped() && !(limits.first_only && best && best->total.val() != out.bound);
    if (best && best->total.val() == out.bound) proven = true;
    // Without any plan yet, keep the complete search going for the rest of the time.
    if (!best && !proven) {
      phase_stop.limit(static_cast<unsigned long>(limits.seconds * 1000));
      while (DayModel* next = engine.next()) {
        record(next);
        break;
      }
      proven = !best && !engine.stopped();
    }
  }
  if (best && !proven && !limits.first_only && !reached() && !stop.stop(Search::Statistics(), options)) {
    root->seed = std::make_shared<Incumbent>(best->values());
    rel(*root, root->total < best->total.val());
    if (root->status() != SS_FAILED) {
      options.stop = &stop;
      options.cutoff = Search::Cutoff::luby(60);
      RBS<DayModel, BAB> lns(root, options);
      while (DayModel* next = lns.next()) {
        record(next);
        if (reached()) break;
      }
    } else {
      proven = true;  // nothing better than the best exists
    }
  }
  delete root;
  out.optimal = proven;
  if (!best) return out;
  out.found = true;
  out.objective = best->total.val();
  out.comfort = best->comfort.val();
  if (out.optimal) out.bound = out.objective;
  for (std::size_t li = 0; li < layout->tasks.size(); ++li) {
    const auto& t = layout->tasks[li];
    int s = best->start[li].val();
    if (s == layout->sentinel) continue;
    Placement p;
    p.start = s;
    for (std::size_t k = 0; k < t.staff.size(); ++k)
      if (best->lead[t.lead_offset + k].val()) p.leads.push_back(t.staff[k]);
    for (std::size_t r = 0; r < t.rooms.size(); ++r)
      if (best->room[t.room_offset + r].val()) p.room = t.rooms[r];
    out.placed[task_of[li]] = p;
  }
  for (std::size_t k = 0; k < layout->primary_keys.size(); ++k)
    out.primaries[layout->primary_keys[k]] = best->primary[k].val();
  delete best;
  return out;
}

}  // namespace relief::schedule
