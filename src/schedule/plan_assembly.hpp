#pragma once
// Between the plan's named sessions and the solver's indexed placements.
#include <optional>

#include "schedule/day_model.hpp"
#include "schedule/model.hpp"

namespace relief::schedule {

Session session_of(const Instance& in, int rx, int day, const Placement& p, bool pinned);
// nullopt when the session names something the instance does not have.
std::optional<Placement> placement_of(const Instance& in, const Session& s);

}  // namespace relief::schedule
