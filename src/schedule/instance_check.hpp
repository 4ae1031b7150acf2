#pragma once
// Consistency of an instance that the JSON shape alone cannot show: every reference resolves,
// ids are unique, durations fit in a day. The solver and validator rely on these holding.
#include <string>
#include <vector>

#include "schedule/model.hpp"

namespace relief::schedule {

std::vector<std::string> instance_problems(const Instance& in);

}  // namespace relief::schedule
