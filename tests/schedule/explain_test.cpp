#include "schedule/explain.hpp"

#include <gtest/gtest.h>

#include "tiny_units.hpp"

namespace relief::schedule {
namespace {
using namespace testing;

TEST(ScheduleExplain, TherapistHoursAgainstADoseOfTwo) {
  auto in = tiny_day();
  in.staff = {staff("pt1", "PT", 0, 4), staff("ot1", "OT", 0, 12)};  // PT only 08:00-09:00
  in.patients = {patient("p1"), patient("p2")};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 2, 2), rx("p2-OT", "OT", {"p2"}, 1)};
  auto c = explain_day(in, 0, {0, 0, 1}, 10);
  EXPECT_EQ(c.groups, (std::vector<std::string>{"dose:p1-PT", "availability:pt1"}));
  EXPECT_TRUE(c.minimal);
  EXPECT_EQ(c.reasons.size(), 2u);
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

}  // namespace
}  // namespace relief::schedule
