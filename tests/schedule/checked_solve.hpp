#pragma once
// The solver run as the tests run it: every plan it returns must pass the independent validator,
// its reported objective must be the validator's weighted cost, and its bound no higher than that.
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
  // A proven lower bound is never above a plan that exists (an outside probe found 10000 over a
  // plan of cost 0: a trainee whose supervisor is not qualified for the activity).
  if (out.report.feasible()) {
    EXPECT_LE(out.result.stats.bound, out.result.stats.objective) << "the bound is above a plan the solver found";
    EXPECT_LE(out.result.stats.dose_bound, out.report.costs.dose_shortfall) << "the dose bound is above the plan's shortfall";
  }
  return out;
}

}  // namespace relief::schedule::testing
