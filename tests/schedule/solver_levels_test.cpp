// The solver's rounds and its bound per priority level: every day of a week gets a plan even
// when time is far too short to solve any (the greedy baseline's day stands in), and the bound
// is reported for the dose and for the comfort costs separately.
#include <gtest/gtest.h>

#include <set>

#include "schedule/generator.hpp"
#include "schedule/solver.hpp"
#include "schedule/validator.hpp"
#include "tiny_units.hpp"

namespace relief::schedule {
namespace {
using namespace testing;

TEST(ScheduleSolverRounds, EveryDayOfABigWeekGetsAPlanUnderATinyLimit) {
  auto in = generate_instance({24, 40, 5, 42});
  SolveOptions options;
  options.seconds = 0.3;  // far less than one day's model needs for a first plan
  auto r = solve_week(in, options);
  auto report = validate_plan(in, r.plan);
  ASSERT_TRUE(report.feasible()) << report.violations[0].rule << ": " << report.violations[0].message;
  EXPECT_NE(r.plan.status, "infeasible");
  EXPECT_GE(r.stats.seconds_to_first, 0);
  std::set<int> days;
  for (auto& s : r.plan.sessions) days.insert(s.day);
  EXPECT_EQ(days.size(), 5u) << "a day was left without any session";
}

TEST(ScheduleSolverLevels, ComfortBoundIsProvenSeparately) {
  auto in = tiny_day();
  in.staff = {staff("pt1", "PT", 0, 4), staff("ot1", "OT", 8, 12)};
  in.patients = {patient("p1")};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 1), rx("p1-OT", "OT", {"p1"}, 1)};
  SolveOptions options;
  options.seconds = 5;
  auto r = solve_week(in, options);
  EXPECT_EQ(r.stats.dose_bound, 0);
  EXPECT_EQ(r.stats.comfort_bound, 4 * kWeightIdle);  // the hour between the two is unavoidable
  EXPECT_EQ(r.plan.status, "optimal");
}

TEST(ScheduleSolverLevels, DoseBoundCountsSessionsThatCannotFit) {
  auto in = tiny_day();
  in.staff = {staff("pt1", "PT", 0, 8)};  // two hours: two of the three sessions
  in.patients = {patient("p1"), patient("p2"), patient("p3")};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 1), rx("p2-PT", "PT", {"p2"}, 1), rx("p3-PT", "PT", {"p3"}, 1)};
  SolveOptions options;
  options.seconds = 5;
  auto r = solve_week(in, options);
  EXPECT_EQ(r.stats.dose_bound, 1);
  EXPECT_EQ(validate_plan(in, r.plan).costs.dose_shortfall, 1);
}

TEST(ScheduleSolverLevels, WeeksReportNoComfortBound) {
  // Over several days the comfort bound would hold only for the chosen split of sessions over
  // the days, so none is claimed.
  auto in = generate_instance({4, 13, 2, 7});
  SolveOptions options;
  options.seconds = 1;
  auto r = solve_week(in, options);
  EXPECT_EQ(r.stats.comfort_bound, -1);
  EXPECT_TRUE(validate_plan(in, r.plan).feasible());
}

}  // namespace
}  // namespace relief::schedule
