#include "schedule/explain.hpp"

#include <gtest/gtest.h>

#include "schedule/generator.hpp"
#include "schedule/json_format.hpp"
#include "schedule/greedy_baseline.hpp"
#include "tiny_units.hpp"

namespace relief::schedule {
namespace {
using namespace testing;

TEST(ScheduleExplain, TherapistHoursAgainstADoseOfTwo) {
  auto in = tiny_day();
  in.staff = {staff("pt1", "PT", 0, 4), staff("ot1", "OT", 0, 12)};  // PT only 08:00-09:00
  in.patients = {patient("p1"), patient("p2")};
  in.patients[0].name = "Ada West";
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 2, 2), rx("p2-OT", "OT", {"p2"}, 1)};
  auto c = explain_day(in, 0, {0, 0, 1}, 10);
  EXPECT_EQ(c.groups, (std::vector<std::string>{"dose:p1-PT", "availability:pt1"}));
  EXPECT_TRUE(c.minimal);
  ASSERT_EQ(c.reasons.size(), 2u);
  EXPECT_EQ(c.reasons[0], "PT dose of Ada West (p1-PT) on Mon");
  EXPECT_EQ(c.reasons[1], "availability of pt1 (pt1) on Mon");
}

TEST(ScheduleExplain, RoomCapacityAgainstTwoDoses) {
  auto in = tiny_day();
  in.slots_per_day = 4;  // a one-hour day
  in.rooms[0].capacity = 1;
  in.staff = {staff("pt1", "PT", 0, 4), staff("pt2", "PT", 0, 4)};
  in.patients = {patient("p1"), patient("p2")};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 1), rx("p2-PT", "PT", {"p2"}, 1)};
  auto c = explain_day(in, 0, {0, 1}, 10);
  EXPECT_EQ(c.groups, (std::vector<std::string>{"dose:p1-PT", "dose:p2-PT", "capacity:gym"}));
}

TEST(ScheduleExplain, FeasibleDayHasNoConflict) {
  auto in = tiny_day();
  in.staff = {staff("pt1", "PT", 0, 12)};
  in.patients = {patient("p1")};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 2, 2)};
  EXPECT_TRUE(explain_day(in, 0, {0, 0}, 5).groups.empty());
  auto e = explain(in, 5);
  EXPECT_TRUE(e.all_doses_met);
  EXPECT_TRUE(e.conflicts.empty());
}

TEST(ScheduleExplain, WholeInstanceNamesTheConflict) {
  auto in = tiny_day();
  in.staff = {staff("pt1", "PT", 0, 4)};
  in.patients = {patient("p1")};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 2, 2)};
  auto e = explain(in, 10);
  EXPECT_FALSE(e.all_doses_met);
  ASSERT_EQ(e.conflicts.size(), 1u);
  EXPECT_EQ(e.conflicts[0].groups, (std::vector<std::string>{"dose:p1-PT", "availability:pt1"}));
}

// The board's plan is explained as it is, not re-solved: p2's OT was left out although it fits,
// so it is short with no conflict to show, while p1's second PT conflicts with pt1's one hour.
TEST(ScheduleExplain, AGivenPlansShortfallsAreExplained) {
  auto in = tiny_day();
  in.staff = {staff("pt1", "PT", 0, 4), staff("ot1", "OT", 0, 12)};
  in.patients = {patient("p1"), patient("p2")};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 2, 2), rx("p2-OT", "OT", {"p2"}, 1)};
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"}};
  auto e = explain(in, 10, {}, &plan);
  EXPECT_FALSE(e.all_doses_met);
  ASSERT_EQ(e.shortfalls.size(), 2u);
  ASSERT_EQ(e.conflicts.size(), 1u);
  EXPECT_EQ(e.conflicts[0].groups, (std::vector<std::string>{"dose:p1-PT", "availability:pt1"}));
  ASSERT_EQ(e.fits.size(), 1u);
  EXPECT_EQ(e.fits[0].prescription, "p2-OT");
}

// A three-hour day, two PT hours and an OT hour prescribed, and a 15-minute rest after each
// session: the child's own day cannot hold all three, whoever leads them. The reason is found
// from the child's day alone, with no search, and the blocks (none here) are not part of it.
TEST(ScheduleExplain, AChildsFullDayIsTheReason) {
  auto in = tiny_day();
  in.staff = {staff("pt1", "PT", 0, 12), staff("ot1", "OT", 0, 12)};
  in.patients = {patient("p1")};
  in.patients[0].name = "Ada West";
  in.patients[0].min_gap = 1;
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 2, 2), rx("p1-OT", "OT", {"p1"}, 1)};
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"}, {"p1-PT", 0, 5, {"pt1"}, {}, "gym"}};
  auto e = explain(in, 0.2, {}, &plan);
  ASSERT_EQ(e.conflicts.size(), 1u);
  EXPECT_EQ(e.conflicts[0].groups, (std::vector<std::string>{"dose:p1-PT", "dose:p1-OT", "rest:p1"}));
  EXPECT_EQ(e.conflicts[0].reasons.back(), "rest gap and back-to-back limit of Ada West");
  EXPECT_TRUE(e.undecided.empty());
}

// p1's first PT was given at 08:00 and the plan is given until 10:15: the second hour of PT
// fitted at 09:00, but that time has passed, and 45 minutes are left. The reason says so; the
// same plan with the whole day ahead would be told that Monday can still take it.
TEST(ScheduleExplain, TimeThatHasPassedIsPartOfTheReason) {
  auto in = tiny_day();
  in.staff = {staff("pt1", "PT", 0, 12)};
  in.patients = {patient("p1")};
  in.patients[0].name = "Ada West";
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 2, 2)};
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym", true}};
  auto ahead = explain(in, 5, {}, &plan);
  ASSERT_EQ(ahead.fits.size(), 1u);

  plan.given_until = Moment{0, 9};
  auto e = explain(in, 5, {}, &plan);
  EXPECT_TRUE(e.fits.empty());
  EXPECT_TRUE(e.undecided.empty());
  ASSERT_EQ(e.conflicts.size(), 1u);
  EXPECT_EQ(e.conflicts[0].groups, (std::vector<std::string>{"dose:p1-PT", "given:10:15"}));
  EXPECT_EQ(e.conflicts[0].reasons.back(), "the sessions already given before 10:15 on Mon");

  // A week whose days that could take it are over says that, with no search.
  plan.given_until = Moment{1, 0};
  auto over = explain(in, 5, {}, &plan);
  ASSERT_EQ(over.conflicts.size(), 1u);
  EXPECT_NE(over.conflicts[0].reasons.back().find("the days that could take it are over"), std::string::npos);
}

// A coordinator's week (12 children, generated, seed 7): a sick call Wednesday 10:30, a child
// off the unit, a new admission from Wednesday, the plan given until Wednesday 10:30. The new
// child's sixth PT was left undecided after 20 s of search over the unit's Wednesday; counting
// her own hours after 10:30 decides it at once, naming the time given.
TEST(ScheduleExplain, AChildsDayAfterTheGivenMomentIsCountedWithoutSearch) {
  const std::string data = RELIEF_SCHEDULE_TEST_DATA;
  auto in = instance_from_json(read_json_file(data + "/week_after_admission_unit.json"));
  auto plan = plan_from_json(in, read_json_file(data + "/week_after_admission_plan.json"));
  ASSERT_TRUE(plan.given_until);
  auto e = explain(in, 2, {}, &plan);
  EXPECT_TRUE(e.undecided.empty()) << e.undecided.size() << " undecided, the first " << e.undecided.front();
  bool found = false;
  for (const auto& c : e.conflicts)
    if (std::find(c.groups.begin(), c.groups.end(), "dose:p13-PT") != c.groups.end()) {
      found = true;
      EXPECT_EQ(c.day, 2);
      EXPECT_NE(std::find(c.groups.begin(), c.groups.end(), "given:10:30"), c.groups.end());
    }
  EXPECT_TRUE(found) << "the new child's PT is not explained";
}

// A plan naming a prescription the unit lacks crashed explain; one double-booking a child was told
// every dose was met. Both are refused, naming the broken rule.
TEST(ScheduleExplain, APlanThatBreaksAHardRuleIsRefusedNotExplained) {
  auto in = tiny_day();
  in.staff = {staff("pt1", "PT", 0, 12)};
  in.patients = {patient("p1")};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 2, 2)};
  Plan unknown;
  unknown.sessions = {{"nope", 0, 0, {"pt1"}, {}, "gym"}};
  try {
    explain(in, 1, {}, &unknown);
    ADD_FAILURE() << "explained a plan of an unknown prescription";
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown prescription"), std::string::npos) << e.what();
  }
  Plan twice;
  twice.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"}, {"p1-PT", 0, 2, {"pt1"}, {}, "gym"}};
  EXPECT_THROW(explain(in, 1, {}, &twice), FormatError);
}

TEST(ScheduleExplain, WhatTheTimeLimitDoesNotReachIsUndecidedNotExplainedLate) {
  // The greedy baseline's plan of a 12-child day leaves sessions out; explained with no time at
  // all, every short prescription is reported undecided and no day is searched. Each used to get
  // at least half a second whatever the limit, so a large unit's explanation ran for minutes.
  auto in = generate_instance({12, 30, 1, 42});
  auto plan = greedy_plan(in);
  int searched = 0;
  auto e = explain(in, 0.0, [&](const std::string&) { ++searched; }, &plan);
  ASSERT_FALSE(e.shortfalls.empty());
  EXPECT_EQ(e.undecided.size(), e.shortfalls.size());
  EXPECT_TRUE(e.conflicts.empty());
  EXPECT_TRUE(e.fits.empty());
  EXPECT_EQ(searched, 0);
}

}  // namespace
}  // namespace relief::schedule
