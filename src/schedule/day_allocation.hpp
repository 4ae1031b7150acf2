#pragma once
// Level A of docs/scheduling.md: how many sessions of each prescription go on each day.
// A small Gecode model whose constraints are all necessary conditions of the daily timetable
// (patient time, staff time and session limits per day), so its least shortfall, when proven,
// is a lower bound on the week's dose shortfall.
#include <vector>

#include "schedule/model.hpp"

namespace relief::schedule {

struct DayAllocation {
  std::vector<std::vector<int>> count;  // [prescription][day]
  int shortfall = 0;                    // prescribed child-sessions left out (dose_weight)
  bool proven = false;                  // the search finished: shortfall is the least possible
};

// `at_least[rx][day]` (optional, may be empty) forces counts, e.g. pinned sessions already there.
// planning: each child's day counts only its core hours (patient_capacity.hpp), leaving the
// early and late edges as slack for the day model; the shortfall is then no bound.
DayAllocation allocate_days(const Instance& in, const std::vector<std::vector<int>>& at_least, double seconds,
                            bool planning = false);

// A weaker but quick dose bound over the whole horizon: each child's busy slots per day are at
// most the most any fitting mix of sessions fills (patient_capacity.hpp), so over the week the
// child's sessions must lose at least the excess; the fewest missing child-sessions covering
// every child's excess (a group session frees time for all its members, and counts for each) is
// a lower bound on level A's shortfall, hence on any plan's. When that search does not finish in
// time, the answer is the sum over the children of the fewest of its own sessions that free its
// excess (still proven; `proven` is always true now and kept for callers that may get a
// search-only variant).
int weekly_dose_bound(const Instance& in, double seconds, bool& proven);

}  // namespace relief::schedule
