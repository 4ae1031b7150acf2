#include "schedule/solver.hpp"

#include <algorithm>
#include <chrono>
#include <map>

#include "schedule/day_allocation.hpp"
#include "schedule/day_model.hpp"
#include "schedule/plan_assembly.hpp"
#include "schedule/validator.hpp"

namespace relief::schedule {

SolveResult solve_week(const Instance& in, const SolveOptions& options) {
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
      if (auto p = placement_of(in, s)) given[{in.prescription_index(s.prescription), s.day}].push_back({*p, s.pinned});

  std::vector<std::vector<int>> count(R, std::vector<int>(in.days, 0));
  if (in.days == 1) {
    // Exact: every possible session is an optional task of the day model. Level A still gives
    // a dose bound: its constraints are necessary conditions of any day's timetable.
    auto relaxation = allocate_days(in, {}, std::min(2.0, std::max(0.2, options.seconds * 0.05)));
    if (relaxation.proven && relaxation.shortfall > 0)
      result.stats.bound = 1LL * kWeightDose * relaxation.shortfall;
    for (int r = 0; r < R; ++r)
      count[r][0] = std::max<int>(std::min(in.prescriptions[r].per_week, in.prescriptions[r].max_per_day),
                                  given.count({r, 0}) ? given[{r, 0}].size() : 0);
  } else {
    std::vector<std::vector<int>> at_least;
    if (!given.empty()) {
      at_least.assign(R, std::vector<int>(in.days, 0));
      for (auto& [key, list] : given)
        at_least[key.first][key.second] = std::min<int>(list.size(), in.prescriptions[key.first].max_per_day);
    }
    auto allocation = allocate_days(in, at_least, std::min(5.0, std::max(0.5, options.seconds * 0.1)));
    if (allocation.shortfall < 0 && !at_least.empty()) {
      say("the starting plan's days do not fit the prescriptions; sharing sessions out afresh");
      allocation = allocate_days(in, {}, std::min(5.0, std::max(0.5, options.seconds * 0.1)));
    }
    count = allocation.count;
    result.stats.allocation_shortfall = std::max(0, allocation.shortfall);
    if (allocation.proven) result.stats.bound = 1LL * kWeightDose * result.stats.allocation_shortfall;
    say("days shared out in " + std::to_string(elapsed()).substr(0, 5) + " s: " +
        std::to_string(result.stats.allocation_shortfall) + " sessions fit on no day" +
        (allocation.proven ? " (proven least)" : ""));
  }

  std::map<PrimaryKey, int> primaries;
  for (auto& rx : in.prescriptions)
    if (!rx.primary_staff.empty() && rx.patients.size() == 1) {
      const auto& act = in.activities[in.activity_index(rx.activity)];
      primaries[{in.patient_index(rx.patients[0]), act.discipline}] = in.staff_index(rx.primary_staff);
    }

  int total_tasks = 0;
  for (auto& row : count)
    for (int c : row) total_tasks += c;
  int tasks_left = total_tasks;
  double first_all = 0, best_any = 0;
  bool all_found = true;
  for (int d = 0; d < in.days; ++d) {
    DayProblem problem;
    problem.day = d;
    problem.primaries = primaries;
    for (int r = 0; r < R; ++r) {
      auto& hints = given[{r, d}];
      for (int k = 0; k < count[r][d]; ++k) {
        DayTask task;
        task.rx = r;
        if (k < static_cast<int>(hints.size())) (hints[k].second ? task.pinned : task.previous) = hints[k].first;
        problem.tasks.push_back(task);
      }
    }
    int mine = static_cast<int>(problem.tasks.size());
    double budget = std::max(0.0, options.seconds - elapsed());
    SearchLimits limits;
    limits.seconds = tasks_left > 0 ? std::max(0.05, budget * mine / tasks_left) : 0.05;
    tasks_left -= mine;
    double day_began = elapsed();
    auto solution = solve_day(in, problem, limits, [&](const DayProgress& p) {
      say(in.day_name(d) + ": objective " + std::to_string(p.objective) + ", bound " + std::to_string(p.bound) +
          " at " + std::to_string(day_began + p.seconds).substr(0, 5) + " s");
    });
    if (!solution.found) {
      all_found = false;
      say(in.day_name(d) + ": no plan (pinned sessions conflict)");
      continue;
    }
    first_all = day_began + solution.seconds_to_first;
    best_any = day_began + solution.seconds_to_best;
    if (solution.optimal) ++result.stats.days_proven;
    if (in.days == 1) result.stats.bound = std::max(result.stats.bound, solution.bound);
    for (auto& [key, staff] : solution.primaries) primaries.emplace(key, staff);
    for (std::size_t i = 0; i < problem.tasks.size(); ++i)
      if (solution.placed[i])
        result.plan.sessions.push_back(
            session_of(in, problem.tasks[i].rx, d, *solution.placed[i], problem.tasks[i].pinned.has_value()));
  }

  auto report = validate_plan(in, result.plan);
  result.stats.objective = report.costs.weighted();
  result.stats.seconds_total = elapsed();
  result.stats.seconds_to_first = all_found ? first_all : -1;
  result.stats.seconds_to_best = best_any;
  result.stats.optimal = all_found && result.stats.objective == result.stats.bound;
  result.plan.status = !all_found ? "infeasible" : result.stats.optimal ? "optimal" : "feasible";
  result.plan.objective = result.stats.objective;
  result.plan.bound = result.stats.bound;
  result.plan.shortfalls = report.shortfalls;
  return result;
}

}  // namespace relief::schedule
