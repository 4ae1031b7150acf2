// A day's search (day_model.hpp) under a budget of failures instead of a clock, so that the
// result is the same on any machine, however loaded.
#include <gtest/gtest.h>

#include <algorithm>

#include "schedule/day_model.hpp"
#include "schedule/generator.hpp"

namespace relief::schedule {
namespace {

DaySolution solve_generated_day(unsigned long fails) {
  auto in = generate_instance({8, 15, 1, 42});
  DayProblem problem;
  for (std::size_t r = 0; r < in.prescriptions.size(); ++r)
    for (int k = 0; k < std::min(in.prescriptions[r].per_week, in.prescriptions[r].max_per_day); ++k)
      problem.tasks.push_back(DayTask{static_cast<int>(r), std::nullopt, std::nullopt});
  SearchLimits limits;
  limits.seconds = 3600;  // never reached: each search engine stops at `fails`
  limits.fails = fails;
  limits.dose_share = 0.4;
  return solve_day(in, problem, limits);
}

TEST(ScheduleDaySearch, MoreSearchStillImprovesTheDayAfterANeighbourhoodIsExhausted) {
  // The large-neighbourhood search restarts when a neighbourhood uses up its failures or is
  // searched to the end, and each restart must draw a new neighbourhood. It used to draw it from
  // Gecode's restart count, which does not count a restart after an exhausted neighbourhood: from
  // the first one on, the same neighbourhood came back at every restart and the plan never
  // improved again, however long the search ran.
  auto shorter = solve_generated_day(5000);
  auto longer = solve_generated_day(40000);
  ASSERT_TRUE(shorter.found);
  ASSERT_TRUE(longer.found);
  EXPECT_LT(longer.objective, shorter.objective);
  EXPECT_GT(longer.solutions, shorter.solutions);
}

}  // namespace
}  // namespace relief::schedule
