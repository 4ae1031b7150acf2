#include "schedule/solver.hpp"

#include <algorithm>
#include <chrono>
#include <map>

#include "schedule/comfort_bound.hpp"
#include "schedule/day_allocation.hpp"
#include "schedule/day_model.hpp"
#include "schedule/greedy_baseline.hpp"
#include "schedule/main_therapists.hpp"
#include "schedule/json_format.hpp"
#include "schedule/plan_assembly.hpp"
#include "schedule/validator.hpp"
#include "schedule/validator.hpp"

namespace relief::schedule {

// The sessions a starting plan fixes (pinned, or given before its given_until) must keep every
// hard rule among themselves; otherwise no plan exists, and the solve returned an empty plan
// marked "infeasible" without saying which sessions clash.
static void refuse_clashing_pins(const Instance& in, const Plan& from) {
  Plan fixed;
  for (auto& s : from.sessions)
    if (s.pinned || from.given(s)) fixed.sessions.push_back(s);
  auto report = validate_plan(in, fixed);
  if (!report.violations.empty())
    throw FormatError("plan: its pinned or given sessions break a hard rule among themselves (" +
                      report.violations.front().message + "); unpin or move one of them");
}

SolveResult solve_week(const Instance& in, const SolveOptions& options) {
  if (options.from) refuse_clashing_pins(in, *options.from);
  using Clock = std::chrono::steady_clock;
  auto began = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - began).count(); };
  auto say = [&](const std::string& line) {
    if (options.progress) options.progress(line);
  };
  SolveResult result;
  const int R = static_cast<int>(in.prescriptions.size());

  // Sessions of the starting plan, by prescription and day: hints, and pins where marked.
  std::map<std::pair<int, int>, std::vector<std::pair<Placement, bool>>> given;
  if (options.from)
    for (auto& s : options.from->sessions)
      if (auto p = placement_of(in, s))
        given[{in.prescription_index(s.prescription), s.day}].push_back({*p, s.pinned || options.from->given(s)});
  // Time the starting plan records as past (a repair's sick call): nothing new is placed in it.
  const std::optional<Moment> past = options.from ? options.from->given_until : std::nullopt;

  std::vector<std::vector<int>> count(R, std::vector<int>(in.days, 0));
  // Sessions level A expects each day to hold; tasks beyond it are extras (DayTask::extra).
  std::vector<std::vector<int>> expected;
  if (in.days == 1) {
    // Exact: every possible session is an optional task of the day model. Level A still gives
    // a dose bound: its constraints are necessary conditions of any day's timetable. Its choice
    // of which sessions to leave out (those the children's days cannot hold) guides the search.
    const double pass_seconds = std::min(2.0, std::max(0.2, options.seconds * 0.05));
    auto relaxation = allocate_days(in, {}, pass_seconds);
    if (relaxation.proven && relaxation.shortfall > 0)
      result.stats.bound = 1LL * kWeightDose * relaxation.shortfall;
    result.stats.allocation_shortfall = std::max(0, relaxation.shortfall);
    for (int r = 0; r < R; ++r)
      count[r][0] = std::max<int>(std::min(in.prescriptions[r].per_week, in.prescriptions[r].max_per_day),
                                  given.count({r, 0}) ? given[{r, 0}].size() : 0);
    // When the day is proven over-full, the sessions to try last are those the planning pass
    // leaves out (it keeps the early and late edges of each child's day free; see
    // allocate_days); otherwise every session is tried as usual.
    if (relaxation.shortfall > 0) {
      // Only a hint of which sessions to try last, so a fifth of the time: counting the dose per
      // child, its search rarely finishes, and on the 12-child day its counts after 0.1 s were
      // those after 0.5 s, while the first plan waited for it (0.73 s; now 0.31 s).
      auto plan_pass = allocate_days(in, {}, pass_seconds / 5, true);
      expected = plan_pass.shortfall > 0 ? plan_pass.count : relaxation.count;
    }
  } else {
    std::vector<std::vector<int>> at_least;
    if (!given.empty()) {
      at_least.assign(R, std::vector<int>(in.days, 0));
      for (auto& [key, list] : given)
        at_least[key.first][key.second] = std::min<int>(list.size(), in.prescriptions[key.first].max_per_day);
    }
    // Two passes of level A: the relaxation (every rule a necessary condition) for the bound,
    // and the planning pass (children's days counted in the core hours only) for the counts the
    // days are given; sessions it leaves out are offered again between the days (reshare).
    const double pass_seconds = std::min(3.0, std::max(0.3, options.seconds * 0.05));
    auto allocation = allocate_days(in, at_least, pass_seconds);
    if (allocation.shortfall < 0 && !at_least.empty()) {
      say("the starting plan's days do not fit the prescriptions; sharing sessions out afresh");
      at_least.clear();
      allocation = allocate_days(in, {}, pass_seconds);
    }
    auto planned = allocate_days(in, at_least, pass_seconds, true);
    count = planned.shortfall >= 0 ? planned.count : allocation.count;
    // Days already over keep exactly what was given (level A knows no past; it stays a bound).
    if (past && !at_least.empty())
      for (int r = 0; r < R; ++r)
        for (int d = 0; d < std::min(past->day, in.days); ++d) count[r][d] = at_least[r][d];
    result.stats.allocation_shortfall = std::max(0, allocation.shortfall);
    if (allocation.proven) {
      result.stats.bound = 1LL * kWeightDose * result.stats.allocation_shortfall;
    } else {
      // Level A's search did not finish: the weekly cover of the children's excess still is a
      // proven bound (weaker, but it finishes in milliseconds on generated units).
      bool cover_proven = false;
      int cover = weekly_dose_bound(in, pass_seconds, cover_proven);
      if (cover_proven) result.stats.bound = 1LL * kWeightDose * cover;
    }
    say("days shared out in " + std::to_string(elapsed()).substr(0, 5) + " s: " +
        std::to_string(result.stats.allocation_shortfall) + " child-sessions fit on no day" +
        (allocation.proven ? " (proven least)" : "") + "; planned with " +
        std::to_string(std::max(0, planned.shortfall)) + " child-sessions left out");
  }

  // Main therapists are decided for the whole week before any day (main_therapists.hpp); a
  // starting plan keeps those it has. A one-day instance only prefers the chosen ones: fixed,
  // its proven optimum and bound would be those of the restricted model, while the validator
  // counts against whoever leads most.
  std::map<PrimaryKey, int> primaries, preferred;
  if (options.from) primaries = main_therapists_of(in, *options.from);
  if (in.days == 1) {
    preferred = choose_main_therapists(in, primaries);
    primaries = named_main_therapists(in, primaries);
  } else {
    primaries = choose_main_therapists(in, primaries);
  }

  // Two rounds over the days (docs/scheduling.md, "Solving"). Round 1 gives every day a first
  // plan before any day is improved, so a hard day cannot eat the time of the days after it; a
  // day whose first plan does not come in its share starts from the greedy baseline's sessions
  // for that day. Round 2 shares what is left and improves each day from its round-1 plan (the
  // plan is the search hint, so the first dive rebuilds it and LNS works from there).
  auto day_problem = [&](int d, const std::vector<std::optional<Placement>>* from_round1) {
    // from_round1: the day's plan so far, as the incumbent to improve on (see solve_day).
    DayProblem problem;
    problem.day = d;
    problem.primaries = primaries;
    problem.preferred = preferred;
    for (int r = 0; r < R; ++r) {
      auto& hints = given[{r, d}];
      for (int k = 0; k < count[r][d]; ++k) {
        DayTask task;
        task.rx = r;
        if (k < static_cast<int>(hints.size())) (hints[k].second ? task.pinned : task.previous) = hints[k].first;
        task.extra = !expected.empty() && k >= expected[r][d] && !task.pinned && !task.previous;
        problem.tasks.push_back(task);
      }
    }
    if (from_round1) problem.start_from = *from_round1;
    if (past && d == past->day) problem.earliest_start = past->slot;
    if (past && d < past->day) problem.earliest_start = in.slots_per_day;
    if (in.days == 1) problem.dose_floor = result.stats.allocation_shortfall;
    return problem;
  };
  std::vector<int> day_tasks(in.days, 0);
  int total_tasks = 0;
  for (int d = 0; d < in.days; ++d) {
    for (int r = 0; r < R; ++r) day_tasks[d] += count[r][d];
    total_tasks += day_tasks[d];
  }
  std::vector<std::vector<std::optional<Placement>>> placed(in.days);
  std::vector<bool> has_plan(in.days, false), proven(in.days, false);
  std::vector<long long> day_bound(in.days, 0);
  long long comfort_bound = 0;  // one-day instances only (see SolveStats)
  std::optional<Plan> greedy;  // computed only if some day needs it
  std::vector<double> first_at(in.days, -1);  // when each day first had a plan
  double best_any = 0;
  bool all_found = true;

  auto run_day = [&](int d, DayProblem& problem, double seconds, bool first_only) -> std::optional<DaySolution> {
    SearchLimits limits;
    limits.seconds = std::max(0.05, seconds);
    limits.first_only = first_only;
    // Lexicographic: the missing sessions first, with the lighter dose model, then the comfort.
    // Round 1 spends its whole share on the dose; a one-day instance 40% of its time.
    // Round 2 of a week gives half of a day's time to placing what round 1 left out.
    limits.dose_share = first_only ? 1.0 : problem.start_from.empty() ? 0.4 : 0.6;
    double day_began = elapsed();
    auto solution = solve_day(in, problem, limits, [&](const DayProgress& p) {
      say(in.day_name(d) + ": objective " + std::to_string(p.objective) + ", bound " + std::to_string(p.bound) +
          " at " + std::to_string(day_began + p.seconds).substr(0, 5) + " s");
    });
    if (!solution.found) return std::nullopt;
    best_any = day_began + solution.seconds_to_best;
    if (first_at[d] < 0) first_at[d] = day_began + solution.seconds_to_first;
    return solution;
  };

  // The baseline's sessions of day d, at most the day's share of each prescription, as the plan
  // to improve on when the solver found none in time. Not with pinned sessions or a past: the
  // baseline knows neither.
  auto from_greedy = [&](int d, const DayProblem& problem, double tried) {
    if (problem.earliest_start > 0 ||
        std::any_of(problem.tasks.begin(), problem.tasks.end(), [](auto& t) { return t.pinned.has_value(); })) {
      say(in.day_name(d) + ": no plan yet (pinned sessions may conflict)");
      return;
    }
    if (!greedy) greedy = greedy_plan(in);
    std::vector<int> used(R, 0), offset(R, 0);
    for (int r = 1; r < R; ++r) offset[r] = offset[r - 1] + count[r - 1][d];
    placed[d].assign(problem.tasks.size(), std::nullopt);
    for (auto& s : greedy->sessions) {
      int r = in.prescription_index(s.prescription);
      if (s.day != d || r < 0 || used[r] >= count[r][d]) continue;
      placed[d][offset[r] + used[r]++] = placement_of(in, s);
    }
    has_plan[d] = true;
    first_at[d] = elapsed();
    say(in.day_name(d) + ": no plan of its own in " + std::to_string(tried).substr(0, 4) +
        " s; using the greedy baseline's day");
  };

  // Round 1: a first plan per day, with up to half of the remaining time shared by session count.
  int tasks_left = total_tasks;
  const double round1_budget = std::max(0.0, options.seconds - elapsed()) * 0.5;
  const double round1_began = elapsed();
  // (A one-day instance has nothing to share: it goes straight to round 2.)
  for (int d = 0; d < in.days && in.days > 1; ++d) {
    auto problem = day_problem(d, nullptr);
    double left = std::max(0.0, round1_budget - (elapsed() - round1_began));
    double share = tasks_left > 0 ? left * day_tasks[d] / tasks_left : 0.05;
    tasks_left -= day_tasks[d];
    auto solution = run_day(d, problem, share, true);
    if (solution) {
      placed[d] = solution->placed;
      has_plan[d] = true;
      proven[d] = solution->optimal;
      day_bound[d] = solution->bound;
      comfort_bound = std::max(comfort_bound, solution->optimal ? solution->comfort : solution->comfort_bound);
      for (auto& [key, staff] : solution->primaries) primaries.emplace(key, staff);
    } else {
      from_greedy(d, problem, share);
    }
  }

  // Between the days: a session a day could not place may fit on another day. Before a day is
  // improved, each prescription gets as many tasks there as its daily limit and the sessions
  // placed on the other days allow (never fewer than it has placed there), so the week never
  // exceeds a dose and a session dropped on Monday can still be given on Thursday. Only without
  // a starting plan: its sessions are tied to their days.
  auto reshare = [&](int d) {  // true when the day got more tasks
    bool grew = false;
    if (in.days == 1 || options.from || !has_plan[d]) return grew;
    std::vector<int> elsewhere(R, 0);
    for (int other = 0; other < in.days; ++other) {
      if (other == d || !has_plan[other]) continue;
      for (int r = 0, i = 0; r < R; ++r)
        for (int k = 0; k < count[r][other]; ++k, ++i) elsewhere[r] += placed[other][i].has_value();
    }
    std::vector<std::optional<Placement>> now;
    for (int r = 0, i = 0; r < R; ++r) {
      std::vector<std::optional<Placement>> mine(placed[d].begin() + i, placed[d].begin() + i + count[r][d]);
      i += count[r][d];
      std::stable_partition(mine.begin(), mine.end(), [](auto& p) { return p.has_value(); });
      int kept = static_cast<int>(std::count_if(mine.begin(), mine.end(), [](auto& p) { return p.has_value(); }));
      int room = std::min(in.prescriptions[r].max_per_day, in.prescriptions[r].per_week - elsewhere[r]);
      grew = grew || std::max(kept, room) > count[r][d];
      mine.resize(std::max(kept, room));
      day_tasks[d] += static_cast<int>(mine.size()) - count[r][d];
      count[r][d] = static_cast<int>(mine.size());
      now.insert(now.end(), mine.begin(), mine.end());
    }
    placed[d] = std::move(now);
    return grew;
  };

  // Round 2: improve each day from its round-1 plan with the rest of the time.
  tasks_left = 0;
  for (int d = 0; d < in.days; ++d)
    if (!proven[d]) tasks_left += day_tasks[d];
  for (int d = 0; d < in.days; ++d) {
    // Resharing changes the day's task count, and the day's share of the time must follow it:
    // counted at its old size, the last day was given more than the time left (a 60 s solve
    // of the 24-child week took 65 s).
    if (!proven[d]) tasks_left -= day_tasks[d];
    if (reshare(d) && proven[d]) proven[d] = false;  // a day proven in round 1 may still take another day's session
    if (proven[d]) continue;
    double left = std::max(0.0, options.seconds - elapsed());
    double share = left * day_tasks[d] / std::max(1, tasks_left + day_tasks[d]);
    if (share < 0.05 && has_plan[d]) continue;
    auto problem = day_problem(d, has_plan[d] ? &placed[d] : nullptr);
    auto solution = run_day(d, problem, share, false);
    if (!solution) {
      if (!has_plan[d]) from_greedy(d, problem, share);
      continue;
    }
    placed[d] = solution->placed;
    has_plan[d] = true;
    proven[d] = solution->optimal;
    day_bound[d] = std::max(day_bound[d], solution->bound);
    comfort_bound = std::max(comfort_bound, solution->optimal ? solution->comfort : solution->comfort_bound);
    for (auto& [key, staff] : solution->primaries) primaries[key] = staff;
  }

  for (int d = 0; d < in.days; ++d) {
    if (!has_plan[d]) {
      all_found = false;
      continue;
    }
    if (proven[d]) ++result.stats.days_proven;
    auto problem = day_problem(d, nullptr);
    for (std::size_t i = 0; i < problem.tasks.size(); ++i)
      if (placed[d][i])
        result.plan.sessions.push_back(
            session_of(in, problem.tasks[i].rx, d, *placed[d][i], problem.tasks[i].pinned.has_value()));
  }
  result.stats.dose_bound = static_cast<int>(result.stats.bound / kWeightDose);
  if (in.days == 1 && has_plan[0]) {
    result.stats.bound = std::max(result.stats.bound, day_bound[0]);
    result.stats.comfort_bound = comfort_bound;
    if (proven[0]) result.stats.dose_bound = static_cast<int>(day_bound[0] / kWeightDose);
    // A plan missing more than the proven least costs at least one more kWeightDose; one that
    // misses exactly that many pays at least the comfort the children's days and the staff
    // totals force (comfort_bound.hpp), so the lesser of the two raises the weighted bound.
    std::vector<int> tasks(R);
    int forced = 0;  // child-sessions beyond the daily limits: missing on a one-day unit whatever happens
    for (int r = 0; r < R; ++r) {
      tasks[r] = std::min(in.prescriptions[r].per_week, in.prescriptions[r].max_per_day);
      forced += (in.prescriptions[r].per_week - tasks[r]) * dose_weight(in.prescriptions[r]);
    }
    long long forced_comfort = day_comfort_bound(in, 0, tasks, result.stats.dose_bound - forced);
    long long above = forced_comfort < 0 ? kWeightDose : std::min<long long>(forced_comfort, kWeightDose);
    result.stats.bound = std::max(result.stats.bound, 1LL * kWeightDose * result.stats.dose_bound + above);
    if (forced_comfort >= 0) result.stats.comfort_bound = std::max(comfort_bound, forced_comfort);
  }

  auto report = validate_plan(in, result.plan);
  result.stats.objective = report.costs.weighted();
  result.stats.seconds_total = elapsed();
  result.stats.seconds_to_first = all_found ? *std::max_element(first_at.begin(), first_at.end()) : -1;
  result.stats.seconds_to_best = best_any;
  result.stats.optimal = all_found && result.stats.objective == result.stats.bound;
  result.plan.given_until = past;
  result.plan.status = !all_found ? "infeasible" : result.stats.optimal ? "optimal" : "feasible";
  result.plan.objective = result.stats.objective;
  result.plan.bound = result.stats.bound;
  result.plan.shortfalls = report.shortfalls;
  return result;
}

}  // namespace relief::schedule
