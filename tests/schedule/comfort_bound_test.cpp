// The comfort bound of a one-day unit (comfort_bound.hpp): idle slots and preference costs each
// child's own day forces, load spread a discipline's fixed total forces, and the least over which
// sessions are left out. Tiny hand-made units whose optimum is known, checked against the solver.
#include <gtest/gtest.h>

#include "schedule/comfort_bound.hpp"
#include "schedule/generator.hpp"
#include "schedule/solver.hpp"
#include "schedule/validator.hpp"
#include "tiny_units.hpp"

namespace relief::schedule {
namespace {
using namespace testing;

long long comfort_of(const ValidationReport& report) {
  return report.costs.weighted() - 1LL * kWeightDose * report.costs.dose_shortfall;
}

TEST(ScheduleComfortBound, StaffHoursForceIdleAndAMissedPreference) {
  // PT can only be at 08:00, OT only at 10:00: an idle hour between them, and OT misses the
  // child's wish for 08:00-09:00. Each alone costs nothing but the preference.
  auto in = tiny_day();
  in.staff = {staff("pt1", "PT", 0, 4), staff("ot1", "OT", 8, 12)};
  in.patients = {patient("p1")};
  in.patients[0].preferences = {{"OT", 0, 4}};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 1), rx("p1-OT", "OT", {"p1"}, 1)};
  auto c = child_day_costs(in, 0, 0, {1, 1});
  EXPECT_EQ(c.at({1, 1}), 4 * kWeightIdle + kWeightPreference);
  EXPECT_EQ(c.at({1, 0}), 0);
  EXPECT_EQ(c.at({0, 1}), kWeightPreference);
  SolveOptions options;
  options.seconds = 5;
  auto r = solve_week(in, options);
  auto report = validate_plan(in, r.plan);
  ASSERT_TRUE(report.feasible());
  EXPECT_EQ(comfort_of(report), 4 * kWeightIdle + kWeightPreference);  // the known optimum
  EXPECT_EQ(r.stats.comfort_bound, comfort_of(report));
  EXPECT_EQ(r.stats.bound, report.costs.weighted());
}

TEST(ScheduleComfortBound, RestGapAndBackToBackLimitInsideTheChildsDay) {
  auto in = tiny_day();  // 12 slots
  in.staff = {staff("pt1", "PT", 0, 12), staff("ot1", "OT", 0, 12)};
  in.patients = {patient("p1")};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 2, 2), rx("p1-OT", "OT", {"p1"}, 1)};
  in.patients[0].min_gap = 1;  // two hours with a rest slot between: one idle slot, no more
  auto c = child_day_costs(in, 0, 0, {2, 1});
  EXPECT_EQ(c.at({2, 0}), 1);
  EXPECT_EQ(c.at({1, 1}), 1);
  EXPECT_EQ(c.at({2, 1}), -1);  // 12 slots of sessions and two rest slots do not fit 12
  in.patients[0].min_gap = 0;
  in.patients[0].max_consecutive = 2;
  c = child_day_costs(in, 0, 0, {2, 1});
  EXPECT_EQ(c.at({2, 0}), 0);  // back to back is allowed up to two
  EXPECT_EQ(c.at({2, 1}), -1);  // three back to back are not, and nothing else fits
}

TEST(ScheduleComfortBound, ATotalThatDoesNotDivideLeavesALoadSpread) {
  // Three PT sessions, two PTs on duty: one of them gives two, the other one (spread 1).
  auto in = tiny_day();
  in.staff = {staff("pt1", "PT", 0, 12), staff("pt2", "PT", 0, 12)};
  in.patients = {patient("p1"), patient("p2"), patient("p3")};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 1), rx("p2-PT", "PT", {"p2"}, 1), rx("p3-PT", "PT", {"p3"}, 1)};
  EXPECT_EQ(day_comfort_bound(in, 0, {1, 1, 1}, 0), kWeightLoadSpread);
  SolveOptions options;
  options.seconds = 5;
  auto r = solve_week(in, options);
  auto report = validate_plan(in, r.plan);
  ASSERT_TRUE(report.feasible());
  EXPECT_EQ(report.costs.load_spread, 1);
  EXPECT_EQ(r.stats.bound, report.costs.weighted());
  EXPECT_EQ(r.plan.status, "optimal");
  // With four sessions the load can be even: no spread is forced.
  EXPECT_EQ(day_comfort_bound(in, 0, {2, 1, 1}, 0), 0);
  // A second discipline able to lead PT makes the PT staff's total open: nothing is claimed.
  in.staff.push_back(staff("ot1", "PT", 0, 12));
  in.staff.back().discipline = "OT";
  EXPECT_EQ(day_comfort_bound(in, 0, {1, 1, 1}, 0), 0);
}

TEST(ScheduleComfortBound, TheLeastOverWhichSessionIsLeftOut) {
  // The child is free for one hour only, so one of PT and OT is missing. PT there misses its
  // preferred time, OT does not: leaving PT out costs no comfort, and that is the bound.
  auto in = tiny_day();
  in.staff = {staff("pt1", "PT", 0, 12), staff("ot1", "OT", 0, 12)};
  in.patients = {patient("p1")};
  in.patients[0].blocks = {Window{kEveryDay, 4, 12, "elsewhere"}};
  in.patients[0].preferences = {{"PT", 8, 12}};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 1), rx("p1-OT", "OT", {"p1"}, 1)};
  EXPECT_EQ(day_comfort_bound(in, 0, {1, 1}, 1), 0);
  EXPECT_EQ(day_comfort_bound(in, 0, {1, 1}, 0), -1);  // both never fit
  SolveOptions options;
  options.seconds = 5;
  auto r = solve_week(in, options);
  auto report = validate_plan(in, r.plan);
  EXPECT_EQ(report.costs.weighted(), kWeightDose);
  EXPECT_EQ(r.stats.bound, kWeightDose);
  // When OT misses its time as well, either choice costs one preference.
  in.patients[0].preferences.push_back({"OT", 8, 12});
  EXPECT_EQ(day_comfort_bound(in, 0, {1, 1}, 1), kWeightPreference);
  r = solve_week(in, options);
  EXPECT_EQ(validate_plan(in, r.plan).costs.weighted(), kWeightDose + kWeightPreference);
  EXPECT_EQ(r.stats.bound, kWeightDose + kWeightPreference);
}

TEST(ScheduleComfortBound, AChildWithTooManyMixesGetsNoClaim) {
  // Thirteen prescriptions give 8192 mixes: too many to tabulate, so every mix counts as fitting
  // at no cost, even the one that cannot fit (thirteen hours in a three-hour day).
  auto in = tiny_day();
  in.staff = {staff("pt1", "PT", 0, 12)};
  in.patients = {patient("p1")};
  std::vector<int> tasks;
  for (int k = 0; k < 13; ++k) {
    in.prescriptions.push_back(rx("p1-PT" + std::to_string(k), "PT", {"p1"}, 1));
    tasks.push_back(1);
  }
  auto c = child_day_costs(in, 0, 0, tasks);
  EXPECT_EQ(c.at(std::vector<int>(13, 1)), 0);
  EXPECT_EQ(day_comfort_bound(in, 0, tasks, 0), 0);
  // With two of them the table is exact again and sees that they do not fit with a long rest.
  in.prescriptions.resize(2);
  in.patients[0].min_gap = 5;  // 4 + 5 rest + 4 > 12: the pair does not fit
  EXPECT_EQ(child_day_costs(in, 0, 0, {1, 1}).at({1, 1}), -1);
}

TEST(ScheduleComfortBound, WithTooManyChoicesTheChildrenStillShareTheMissingSessions) {
  // Two children, each with PT twice and a wish for PT before 09:00, where one hour fits: keeping
  // both sessions costs a child one preference (10), losing one costs nothing. With one
  // child-session missing, only one child can lose a session, so any plan pays 10. The fallback
  // for too many choices (max_choices 0 forces it) used to let every child lose one and claim 0.
  auto in = tiny_day();
  in.staff = {staff("pt1", "PT", 0, 12)};  // one therapist: no load spread to count
  in.patients = {patient("p1"), patient("p2")};
  for (auto& p : in.patients) p.preferences = {{"PT", 0, 4}};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 2, 2), rx("p2-PT", "PT", {"p2"}, 2, 2)};
  EXPECT_EQ(day_comfort_bound(in, 0, {2, 2}, 1), kWeightPreference);
  EXPECT_EQ(day_comfort_bound(in, 0, {2, 2}, 1, 0), kWeightPreference);
  EXPECT_EQ(day_comfort_bound(in, 0, {2, 2}, 2, 0), 0);  // both may lose one
}

TEST(ScheduleComfortBound, NeverAboveWhatTheSolverFindsOnAGeneratedDay) {
  auto in = generate_instance({8, 15, 1, 42});
  SolveOptions options;
  options.seconds = 2;
  auto r = solve_week(in, options);
  auto report = validate_plan(in, r.plan);
  ASSERT_TRUE(report.feasible());
  EXPECT_LE(r.stats.bound, report.costs.weighted());
  if (report.costs.dose_shortfall == r.stats.dose_bound) { EXPECT_LE(r.stats.comfort_bound, comfort_of(report)); }
  // The per-child fallback (too many choices to try) is weaker, never stronger.
  std::vector<int> tasks;
  for (auto& p : in.prescriptions) tasks.push_back(std::min(p.per_week, p.max_per_day));
  long long exact = day_comfort_bound(in, 0, tasks, r.stats.dose_bound);
  long long per_child = day_comfort_bound(in, 0, tasks, r.stats.dose_bound, 0);
  EXPECT_GE(exact, 0);
  EXPECT_LE(per_child, exact);
}

}  // namespace
}  // namespace relief::schedule
