#pragma once
// The week: level A shares each prescription's sessions out over the days, then each day is
// timetabled by the Gecode day model, carrying continuity therapists from day to day.
// A one-day instance skips level A, so its bound is the day model's own.
#include <functional>
#include <string>

#include "schedule/model.hpp"

namespace relief::schedule {

struct SolveOptions {
  double seconds = 30;               // the whole solve; the best plan found is returned at the limit
  const Plan* from = nullptr;        // warm start: its placements are tried first, pinned ones kept
  std::function<void(const std::string&)> progress;  // one line per improvement
};

struct SolveStats {
  double seconds_total = 0;
  double seconds_to_first = -1;  // every day has a plan
  double seconds_to_best = -1;   // the last improvement of any day
  long long objective = -1;      // validator's weighted cost of the plan
  long long bound = 0;           // proven lower bound on any plan's weighted cost
  bool optimal = false;          // objective == bound
  int allocation_shortfall = 0;  // level A: child-sessions no day could take (dose_weight)
  // The bound per priority level (lexicographic reading of the objective):
  int dose_bound = 0;            // child-sessions proven impossible to place (level A, or the proven day)
  long long comfort_bound = -1;  // one-day instances: a proven lower bound on the comfort costs
                                 // (continuity, preference, load spread, idle); -1 when unknown
  int days_proven = 0;           // days whose timetable search finished
};

struct SolveResult {
  Plan plan;
  SolveStats stats;
};

SolveResult solve_week(const Instance& in, const SolveOptions& options);

}  // namespace relief::schedule
