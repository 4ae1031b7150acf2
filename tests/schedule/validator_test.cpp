#include "schedule/validator.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "tiny_units.hpp"

namespace relief::schedule {
namespace {
using namespace testing;

Instance two_patients() {
  auto in = tiny_day();
  in.staff = {staff("pt1", "PT", 0, 12), staff("pt2", "PT", 0, 12), staff("ot1", "OT", 0, 12)};
  in.patients = {patient("p1"), patient("p2")};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 2, 2), rx("p2-PT", "PT", {"p2"}, 1), rx("p1-OT", "OT", {"p1"}, 1)};
  return in;
}

bool breaks(const ValidationReport& r, const std::string& rule) {
  return std::any_of(r.violations.begin(), r.violations.end(), [&](const Violation& v) { return v.rule == rule; });
}

TEST(ScheduleValidator, CleanPlanHasNoViolationAndKnownCosts) {
  auto in = two_patients();
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"},
                   {"p1-PT", 0, 4, {"pt1"}, {}, "gym"},
                   {"p1-OT", 0, 8, {"ot1"}, {}, "therapy"},
                   {"p2-PT", 0, 0, {"pt2"}, {}, "gym"}};
  auto r = validate_plan(in, plan);
  EXPECT_TRUE(r.feasible()) << r.violations[0].message;
  EXPECT_EQ(r.costs.dose_shortfall, 0);
  EXPECT_EQ(r.costs.idle_slots, 0);
  EXPECT_EQ(r.costs.continuity, 0);
  EXPECT_EQ(r.costs.load_spread, 1);  // pt1 has 2 sessions, pt2 has 1
  EXPECT_EQ(r.costs.weighted(), kWeightLoadSpread);
}

// Two windows for one activity are alternatives: PT at 08:00 is inside "08:00-09:00 or
// 10:00-11:00" and costs nothing (it was charged once for the window it missed), PT at 09:00 is in
// neither and costs once.
TEST(ScheduleValidator, TwoPreferredWindowsForOneActivityAreAlternatives) {
  auto in = two_patients();
  in.patients[0].preferences = {{"PT", 0, 4}, {"PT", 8, 12}};
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"}};
  EXPECT_EQ(validate_plan(in, plan).costs.preference, 0);
  plan.sessions[0].start = 8;
  EXPECT_EQ(validate_plan(in, plan).costs.preference, 0);
  plan.sessions[0].start = 4;
  EXPECT_EQ(validate_plan(in, plan).costs.preference, 1);
}

// pt2 is off sick all day: pt1 giving both PT sessions is no unfair load (it counted pt2 as on
// the unit with none, a spread of 2). Home at 10:00 instead, pt2 was there and it counts.
TEST(ScheduleValidator, SomeoneOffSickAllDayHasNoLoadToShare) {
  auto in = two_patients();
  in.staff[1].breaks = {Window{0, 0, 12, "Sick"}};
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"}, {"p2-PT", 0, 4, {"pt1"}, {}, "gym"}};
  EXPECT_EQ(validate_plan(in, plan).costs.load_spread, 0);
  in.staff[1].breaks = {Window{0, 8, 12, "Sick"}};
  EXPECT_EQ(validate_plan(in, plan).costs.load_spread, 2);
}

// One therapist listed twice in one session is a staffing mistake in that session, not "in two
// sessions at once".
TEST(ScheduleValidator, APersonListedTwiceInOneSessionIsAStaffingProblem) {
  auto in = two_patients();
  in.activities[0].staff_needed = 2;
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1", "pt1"}, {}, "gym"}};
  auto r = validate_plan(in, plan);
  EXPECT_TRUE(breaks(r, "staffing"));
  EXPECT_FALSE(breaks(r, "staff-overlap")) << r.violations.back().message;
}

TEST(ScheduleValidator, SoftCostsAreRecomputed) {
  auto in = two_patients();
  in.patients[0].preferences = {{"PT", 4, 8}};  // p1 would like PT 09:00-10:00
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"},      // 08:00, outside the preferred hour
                   {"p1-OT", 0, 6, {"ot1"}, {}, "therapy"}};  // 09:30: two idle slots before it
  auto r = validate_plan(in, plan);
  EXPECT_TRUE(r.feasible());
  EXPECT_EQ(r.costs.idle_slots, 2);
  EXPECT_EQ(r.costs.preference, 1);
  EXPECT_EQ(r.costs.dose_shortfall, 2);  // one p1-PT and the p2-PT missing
  ASSERT_EQ(r.shortfalls.size(), 2u);

  plan.sessions[1].start = 8;                                 // OT 10:00
  plan.sessions.push_back({"p1-PT", 0, 4, {"pt2"}, {}, "gym"});  // 09:00 with another therapist
  r = validate_plan(in, plan);
  EXPECT_TRUE(r.feasible());
  EXPECT_EQ(r.costs.idle_slots, 0);
  EXPECT_EQ(r.costs.continuity, 1);  // p1's two PT sessions with two therapists
  EXPECT_EQ(r.costs.preference, 1);  // only the 08:00 one
  EXPECT_EQ(r.costs.load_spread, 0);
  EXPECT_EQ(r.costs.weighted(), kWeightDose + kWeightContinuity + kWeightPreference);
}

TEST(ScheduleValidator, AMissingGroupSessionIsMissedByEveryChildInIt) {
  // School for three children, twice prescribed, given once: each of the three misses an hour
  // of school, so the dose is three child-sessions short, not one. The shortfall list still
  // names the prescription with its sessions (2 prescribed, 1 placed).
  auto in = tiny_day();
  in.activities.push_back({"school", "school", 4, 1, {"classroom"}});
  in.rooms.push_back({"classroom", "classroom", 3});
  in.staff = {staff("teach1", "school", 0, 12), staff("pt1", "PT", 0, 12)};
  in.patients = {patient("p1"), patient("p2"), patient("p3")};
  in.prescriptions = {rx("school-1", "school", {"p1", "p2", "p3"}, 2, 2), rx("p1-PT", "PT", {"p1"}, 1)};
  Plan plan;
  plan.sessions = {{"school-1", 0, 0, {"teach1"}, {}, "classroom"}, {"p1-PT", 0, 4, {"pt1"}, {}, "gym"}};
  auto r = validate_plan(in, plan);
  EXPECT_TRUE(r.feasible()) << r.violations[0].message;
  EXPECT_EQ(r.costs.dose_shortfall, 3);
  ASSERT_EQ(r.shortfalls.size(), 1u);
  EXPECT_EQ(r.shortfalls[0].prescription, "school-1");
  EXPECT_EQ(r.shortfalls[0].prescribed, 2);
  EXPECT_EQ(r.shortfalls[0].placed, 1);
  // PT missing instead of the second school hour: one child-session.
  plan.sessions = {{"school-1", 0, 0, {"teach1"}, {}, "classroom"}, {"school-1", 0, 4, {"teach1"}, {}, "classroom"}};
  r = validate_plan(in, plan);
  EXPECT_TRUE(r.feasible()) << r.violations[0].message;
  EXPECT_EQ(r.costs.dose_shortfall, 1);
  EXPECT_EQ(r.costs.weighted() / kWeightDose, 1);
}

TEST(ScheduleValidator, NamedPrimaryTherapistDefinesContinuity) {
  auto in = two_patients();
  in.prescriptions[0].primary_staff = "pt2";
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"}, {"p1-PT", 0, 4, {"pt1"}, {}, "gym"}};
  EXPECT_EQ(validate_plan(in, plan).costs.continuity, 2);
}

struct BrokenCase {
  const char* rule;
  void (*mutate)(Instance&, Plan&);
};

class ScheduleValidatorBroken : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(ScheduleValidatorBroken, ReportsTheRule) {
  auto in = two_patients();
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"}, {"p2-PT", 0, 0, {"pt2"}, {}, "gym"}};
  ASSERT_TRUE(validate_plan(in, plan).feasible());
  GetParam().mutate(in, plan);
  auto r = validate_plan(in, plan);
  EXPECT_FALSE(r.feasible());
  EXPECT_TRUE(breaks(r, GetParam().rule)) << (r.violations.empty() ? "none" : r.violations[0].rule);
}

INSTANTIATE_TEST_SUITE_P(
    Rules, ScheduleValidatorBroken,
    ::testing::Values(
        BrokenCase{"patient-overlap", [](Instance&, Plan& p) { p.sessions.push_back({"p1-OT", 0, 2, {"ot1"}, {}, "therapy"}); }},
        BrokenCase{"qualification", [](Instance&, Plan& p) { p.sessions.push_back({"p1-OT", 0, 4, {"pt1"}, {}, "therapy"}); }},
        BrokenCase{"room-capacity", [](Instance& in, Plan&) { in.rooms[0].capacity = 1; }},
        BrokenCase{"room-kind", [](Instance&, Plan& p) { p.sessions[0].room = "therapy"; }},
        BrokenCase{"staff-availability", [](Instance& in, Plan&) { in.staff[0].hours[0].to = 3; }},
        BrokenCase{"staff-availability", [](Instance& in, Plan&) { in.staff[0].breaks = {Window{0, 2, 3, "Break"}}; }},
        BrokenCase{"staff-overlap", [](Instance&, Plan& p) { p.sessions[1].staff = {"pt1"}; }},
        BrokenCase{"rest-gap",
                   [](Instance& in, Plan& p) {
                     in.patients[0].min_gap = 1;
                     p.sessions.push_back({"p1-OT", 0, 4, {"ot1"}, {}, "therapy"});
                   }},
        BrokenCase{"consecutive",
                   [](Instance& in, Plan& p) {
                     in.patients[0].max_consecutive = 1;
                     p.sessions.push_back({"p1-OT", 0, 4, {"ot1"}, {}, "therapy"});
                   }},
        BrokenCase{"daily-dose", [](Instance&, Plan& p) { p.sessions.push_back({"p2-PT", 0, 4, {"pt2"}, {}, "gym"}); }},
        BrokenCase{"weekly-dose",
                   [](Instance& in, Plan& p) {
                     in.prescriptions[1].max_per_day = 3;
                     p.sessions.push_back({"p2-PT", 0, 4, {"pt2"}, {}, "gym"});
                   }},
        BrokenCase{"day-window", [](Instance&, Plan& p) { p.sessions[0].start = 10; }},
        BrokenCase{"patient-block", [](Instance& in, Plan&) { in.patients[0].blocks = {Window{kEveryDay, 1, 2, "Visit"}}; }},
        BrokenCase{"patient-block", [](Instance& in, Plan&) { in.unit_blocks = {Window{kEveryDay, 3, 5, "Lunch"}}; }},
        BrokenCase{"staff-daily-limit", [](Instance& in, Plan&) { in.staff[0].max_sessions_per_day = 0; }},
        BrokenCase{"staffing", [](Instance&, Plan& p) { p.sessions[0].staff.clear(); }},
        BrokenCase{"unknown-staff", [](Instance&, Plan& p) { p.sessions[0].staff = {"ghost"}; }},
        BrokenCase{"unknown-room", [](Instance&, Plan& p) { p.sessions[0].room = "attic"; }},
        BrokenCase{"unknown-prescription", [](Instance&, Plan& p) { p.sessions[0].prescription = "nope"; }},
        BrokenCase{"supervision", [](Instance& in, Plan& p) {
                     in.staff.push_back(staff("sup", "PT", 0, 12));
                     in.staff[0].supervisor = "sup";  // pt1 becomes a trainee
                     (void)p;
                   }}));

}  // namespace
}  // namespace relief::schedule
