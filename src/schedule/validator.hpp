#pragma once
// The independent checker. It shares only the data model with the solver: every rule is
// re-derived here from the instance, slot by slot, so a modelling slip in the solver shows up
// as a violation instead of being confirmed by the same mistake.
#include <string>
#include <vector>

#include "schedule/model.hpp"

namespace relief::schedule {

struct Violation {
  std::string rule;     // "patient-overlap", "staff-availability", "room-capacity", ...
  std::string message;  // a sentence naming the session, person, day and time
};

struct ValidationReport {
  std::vector<Violation> violations;  // every broken hard constraint
  SoftCosts costs;
  std::vector<Shortfall> shortfalls;
  bool feasible() const { return violations.empty(); }
};

ValidationReport validate_plan(const Instance& in, const Plan& plan);

}  // namespace relief::schedule
