// Solver benchmark: generated units of 8-24 patients with 15-40 staff over 1, 5 and 7 days.
// For each: the Gecode solve (time to first plan, to best plan, objective, bound, gap), the
// greedy baseline in the same run (objective, and the ratio to the solver's), then a sick call
// on the first day repaired (time, sessions moved), first for the first PT (the columns), then
// for every staff member who works with children that day (one line: mean and worst share of the
// day moved, how many above the 15%, the slowest repair). Usage:
//   schedule_bench [DAY_SECONDS [WEEK_SECONDS [UNIT...]]]   (defaults 10 and 60: the targets)
// UNIT names as printed (e.g. 12p/30s/1d) run only those units; without any, all of them.
// Per priority level: `short` missing child-sessions (a group session missed counts once per
// child, as the dose does: dose_weight) against `s_lb`, the child-sessions proven impossible;
// `comfort` the weighted costs below the dose against `c_lb`, its proven bound (one-day units).
#include <algorithm>
#include <chrono>
#include <set>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "schedule/generator.hpp"
#include "schedule/greedy_baseline.hpp"
#include "schedule/repair.hpp"
#include "schedule/solver.hpp"
#include "schedule/validator.hpp"

using namespace relief::schedule;

int main(int argc, char** argv) {
  double day_seconds = argc > 1 ? std::atof(argv[1]) : 10;
  double week_seconds = argc > 2 ? std::atof(argv[2]) : 60;
  struct Unit {
    int patients, staff, days;
  };
  const std::vector<Unit> units{{8, 15, 1},  {12, 30, 1}, {16, 30, 1}, {24, 40, 1}, {8, 15, 5},
                                {12, 30, 5}, {16, 30, 5}, {24, 40, 5}, {12, 30, 7}, {24, 40, 7}};
  std::printf("%-10s %8s %7s %7s %9s %9s %6s %6s %6s %7s %7s | %9s %6s %7s | %7s %6s %6s %5s\n", "unit", "sessions",
              "first_s", "best_s", "objective", "bound", "gap%", "short", "s_lb", "comfort", "c_lb", "greedy", "short",
              "ratio", "rep_s", "moved", "ofday", "valid");
  std::vector<std::string> only(argv + std::min(argc, 3), argv + argc);
  for (auto& u : units) {
    char name[32];
    std::snprintf(name, sizeof name, "%dp/%ds/%dd", u.patients, u.staff, u.days);
    if (!only.empty() && std::find(only.begin(), only.end(), name) == only.end()) continue;
    auto in = generate_instance({u.patients, u.staff, u.days, 42});
    int prescribed = 0;
    for (auto& rx : in.prescriptions) prescribed += rx.per_week;
    SolveOptions options;
    options.seconds = u.days == 1 ? day_seconds : week_seconds;
    auto solved = solve_week(in, options);
    auto report = validate_plan(in, solved.plan);

    auto t0 = std::chrono::steady_clock::now();
    auto baseline = greedy_plan(in);
    double greedy_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    auto base_report = validate_plan(in, baseline);

    // A sick call: the first PT, on the first day, from the start of the day.
    auto repaired = repair_plan(in, solved.plan, parse_change(in, "sick:pt1:0"), 2.0);
    auto rep_report = validate_plan(repaired.instance, repaired.plan);
    int day_sessions = 0;
    for (auto& s : solved.plan.sessions) day_sessions += s.day == 0;

    double gap = report.costs.weighted() > 0
                     ? 100.0 * (report.costs.weighted() - solved.stats.bound) / report.costs.weighted()
                     : 0.0;
    long long comfort = report.costs.weighted() - 1LL * kWeightDose * report.costs.dose_shortfall;
    char comfort_lb[24] = "-";
    if (solved.stats.comfort_bound >= 0) std::snprintf(comfort_lb, sizeof comfort_lb, "%lld", solved.stats.comfort_bound);
    std::printf("%-10s %8d %7.2f %7.2f %9lld %9lld %6.1f %6d %6d %7lld %7s | %9lld %6d %7.2f | %7.2f %6zu %5.1f%% %5s\n",
                name, prescribed, solved.stats.seconds_to_first, solved.stats.seconds_to_best, report.costs.weighted(),
                solved.stats.bound, gap, report.costs.dose_shortfall, solved.stats.dose_bound, comfort, comfort_lb,
                base_report.costs.weighted(),
                base_report.costs.dose_shortfall,
                report.costs.weighted() > 0 ? double(base_report.costs.weighted()) / report.costs.weighted() : 0.0,
                repaired.seconds, repaired.plan.moved.size(),
                day_sessions ? 100.0 * repaired.plan.moved.size() / day_sessions : 0.0,
                report.feasible() && base_report.feasible() && rep_report.feasible() ? "yes" : "NO");
    int missing = 0, missing_group = 0;  // sessions, not child-sessions
    for (auto& sf : report.shortfalls) {
      missing += sf.prescribed - sf.placed;
      if (in.prescriptions[in.prescription_index(sf.prescription)].patients.size() > 1)
        missing_group += sf.prescribed - sf.placed;
    }
    std::printf("           greedy %.3f s; solver: %d sessions missing (%d of them group sessions); soft costs: "
                "continuity %d, preference %d, load spread %d, idle %d; days proven optimal %d/%d\n",
                greedy_s, missing, missing_group, report.costs.continuity, report.costs.preference,
                report.costs.load_spread, report.costs.idle_slots, solved.stats.days_proven, u.days);
    std::fflush(stdout);

    // Every sick call that could happen on the first day: one per person with a session there.
    std::set<std::string> working;
    for (auto& s : solved.plan.sessions)
      if (s.day == 0) {
        working.insert(s.staff.begin(), s.staff.end());
        working.insert(s.supervisors.begin(), s.supervisors.end());
      }
    double share_sum = 0, share_max = 0, slowest = 0, own_sum = 0;
    int over = 0, over_own = 0, over_moves_only = 0, all_valid = 1;
    std::string worst;
    for (auto& who : working) {
      auto r = repair_plan(in, solved.plan, parse_change(in, "sick:" + who + ":0"), 2.0);
      double share = day_sessions ? 100.0 * r.plan.moved.size() / day_sessions : 0.0;
      // The changes above count moved, dropped and added sessions alike (what a family sees
      // change); sessions moved alone, without the doses given up, are the other reading.
      const auto moves = std::count_if(r.plan.moved.begin(), r.plan.moved.end(),
                                       [](const std::string& line) { return line.rfind("moved ", 0) == 0; });
      over_moves_only += day_sessions && 100.0 * moves / day_sessions > 15.0;
      // The absent person's own sessions must change whatever the repair does: the floor.
      int own = 0;
      for (auto& s : solved.plan.sessions)
        own += s.day == 0 && (std::count(s.staff.begin(), s.staff.end(), who) +
                              std::count(s.supervisors.begin(), s.supervisors.end(), who)) > 0;
      double own_share = day_sessions ? 100.0 * own / day_sessions : 0.0;
      share_sum += share;
      own_sum += own_share;
      over += share > 15.0;
      over_own += share > 15.0 && own_share > 15.0;
      slowest = std::max(slowest, r.seconds);
      if (share > share_max) share_max = share, worst = who;
      all_valid &= validate_plan(r.instance, r.plan).feasible();
    }
    std::printf("           every sick call on day 0 (%zu staff): changed mean %.1f%% (their own sessions %.1f%%), worst "
                "%.1f%% (%s), above 15%%: %d (%d of them with more than 15%% of the day their own; %d counting moved "
                "sessions only, not dropped ones); slowest %.2f s; all valid: %s\n",
                working.size(), working.empty() ? 0.0 : share_sum / working.size(),
                working.empty() ? 0.0 : own_sum / working.size(), share_max, worst.c_str(), over, over_own,
                over_moves_only, slowest, all_valid ? "yes" : "NO");
    std::fflush(stdout);
  }
  return 0;
}
