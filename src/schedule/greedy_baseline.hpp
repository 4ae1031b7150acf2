#pragma once
// The baseline a coordinator's spreadsheet represents: share each dose evenly over the days,
// then place sessions one by one at the earliest time someone qualified and a room are free,
// never revisiting a choice. Only for comparison in the benchmark; Gecode does the solving.
#include "schedule/model.hpp"

namespace relief::schedule {

Plan greedy_plan(const Instance& in);

}  // namespace relief::schedule
