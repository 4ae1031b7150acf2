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
  int shortfall = 0;                    // prescribed sessions left out
  bool proven = false;                  // the search finished: shortfall is the least possible
};

// `at_least[rx][day]` (optional, may be empty) forces counts, e.g. pinned sessions already there.
// planning: each child's day counts only its core hours (patient_capacity.hpp), leaving the
// early and late edges as slack for the day model; the shortfall is then no bound.
DayAllocation allocate_days(const Instance& in, const std::vector<std::vector<int>>& at_least, double seconds,
                            bool planning = false);

}  // namespace relief::schedule
