#pragma once
// The solver run as the tests run it: every plan it returns must pass the independent validator,
// and its reported objective must be the validator's weighted cost.
#include <gtest/gtest.h>

#include "schedule/solver.hpp"
#include "schedule/validator.hpp"

namespace relief::schedule::testing {

struct CheckedSolve {
  SolveResult result;
  ValidationReport report;
};

inline CheckedSolve checked_solve(const Instance& in, double seconds = 5, const Plan* from = nullptr) {
  SolveOptions options;
  options.seconds = seconds;
  options.from = from;
  CheckedSolve out{solve_week(in, options), {}};
  out.report = validate_plan(in, out.result.plan);
  EXPECT_TRUE(out.report.feasible()) << out.report.violations[0].rule << ": " << out.report.violations[0].message;
  EXPECT_EQ(out.result.stats.objective, out.report.costs.weighted());
  return out;
}

}  // namespace relief::schedule::testing
