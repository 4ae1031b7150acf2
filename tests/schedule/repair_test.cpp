#include "schedule/repair.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>

#include "schedule/generator.hpp"
#include "schedule/json_format.hpp"
#include "schedule/solver.hpp"
#include "schedule/validator.hpp"
#include "tiny_units.hpp"

namespace relief::schedule {
namespace {
using namespace testing;

Instance two_therapists() {
  auto in = tiny_day();
  in.staff = {staff("pt1", "PT", 0, 12), staff("pt2", "PT", 0, 12)};
  in.patients = {patient("p1"), patient("p2")};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 1), rx("p2-PT", "PT", {"p2"}, 1)};
  return in;
}

TEST(ScheduleRepair, SickTherapistsSessionMovesAndNothingElse) {
  auto in = two_therapists();
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"}, {"p2-PT", 0, 0, {"pt2"}, {}, "gym"}};
  auto r = repair_plan(in, plan, parse_change(in, "sick:pt1:Mon"), 5);
  auto report = validate_plan(r.instance, r.plan);
  EXPECT_TRUE(report.feasible());
  EXPECT_TRUE(r.plan.shortfalls.empty());
  ASSERT_EQ(r.plan.moved.size(), 1u);
  EXPECT_NE(r.plan.moved[0].find("p1-PT"), std::string::npos);
  for (auto& s : r.plan.sessions) {
    EXPECT_EQ(s.staff, std::vector<std::string>{"pt2"});
    if (s.prescription == "p2-PT") { EXPECT_EQ(s.start, 0); }
  }
}

// Two classes at 08:00, the first (four children) with teacher t1, the second (one child, b1)
// with t2; every child's day is full (08:00-11:00: school, then two PT sessions). t1 calls in
// sick. Within the change's neighbourhood (the sessions of the class's children, and school) the
// best is class A at 09:00 or 10:00 with t2 and four PT sessions moved to 08:00: 5 moves. The
// fewest is outside it: t2 takes class A at 08:00, class B moves, and one of b1's PT sessions
// moves to 08:00: 3 moves (the generated 12-child day's sick teacher: 8 moves, now 5).
TEST(ScheduleRepair, TheFewestMovesMayLieOutsideTheChangesNeighbourhood) {
  auto in = tiny_day();
  in.activities.push_back({"school", "school", 4, 1, {"classroom"}});
  in.rooms = {{"gym", "gym", 10}, {"classroom1", "classroom", 4}, {"classroom2", "classroom", 4}};
  in.staff = {staff("t1", "school", 0, 12), staff("t2", "school", 0, 12)};
  for (const char* pt : {"pt1", "pt2", "pt3", "pt4", "pt5"}) in.staff.push_back(staff(pt, "PT", 0, 12));
  const std::vector<std::string> class_a{"a1", "a2", "a3", "a4"};
  in.prescriptions = {rx("school-A", "school", class_a, 1), rx("school-B", "school", {"b1"}, 1)};
  Plan plan;
  plan.sessions = {{"school-A", 0, 0, {"t1"}, {}, "classroom1"}, {"school-B", 0, 0, {"t2"}, {}, "classroom2"}};
  int therapist = 0;
  for (const std::string child : {"a1", "a2", "a3", "a4", "b1"}) {
    in.patients.push_back(patient(child));
    in.prescriptions.push_back(rx(child + "-PT", "PT", {child}, 2, 2));
    const std::string pt = "pt" + std::to_string(++therapist);
    plan.sessions.push_back({child + "-PT", 0, 4, {pt}, {}, "gym"});
    plan.sessions.push_back({child + "-PT", 0, 8, {pt}, {}, "gym"});
  }
  ASSERT_TRUE(validate_plan(in, plan).feasible());

  auto r = repair_plan(in, plan, parse_change(in, "sick:t1:Mon"), 5);
  EXPECT_TRUE(validate_plan(r.instance, r.plan).feasible());
  EXPECT_TRUE(r.plan.shortfalls.empty());
  EXPECT_EQ(r.plan.moved.size(), 3u) << ::testing::PrintToString(r.plan.moved);
  for (auto& s : r.plan.sessions)
    if (s.prescription == "school-A") {
      EXPECT_EQ(s.start, 0);
      EXPECT_EQ(s.staff, std::vector<std::string>{"t2"});
    }
}

TEST(ScheduleRepair, DeliveredSessionsStayEvenIfTheTherapistLeavesLater) {
  auto in = two_therapists();
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"}, {"p2-PT", 0, 4, {"pt1"}, {}, "gym"}};
  auto r = repair_plan(in, plan, parse_change(in, "sick:pt1:0:09:00"), 5);
  EXPECT_TRUE(validate_plan(r.instance, r.plan).feasible());
  ASSERT_EQ(r.plan.sessions.size(), 2u);
  for (auto& s : r.plan.sessions) {
    if (s.prescription == "p1-PT") { EXPECT_EQ(s.staff, std::vector<std::string>{"pt1"}); }
    if (s.prescription == "p2-PT") { EXPECT_EQ(s.staff, std::vector<std::string>{"pt2"}); }
  }
}

// pt1 goes home sick at 09:00, in the middle of the morning. Their 09:00 session goes to pt2,
// who is free at 08:00 and from 10:00: 08:00 has passed, so 10:00 it is.
TEST(ScheduleRepair, NothingMovesIntoTimeThatHasPassed) {
  auto in = two_therapists();
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 4, {"pt2"}, {}, "gym"}, {"p2-PT", 0, 4, {"pt1"}, {}, "gym"}};
  auto r = repair_plan(in, plan, parse_change(in, "sick:pt1:Mon:09:00"), 5);
  EXPECT_TRUE(validate_plan(r.instance, r.plan).feasible());
  ASSERT_EQ(r.plan.sessions.size(), 2u);
  for (auto& s : r.plan.sessions) {
    EXPECT_GE(s.start, 4) << s.prescription << " was moved before the sick call, into the past";
    if (s.prescription == "p2-PT") { EXPECT_EQ(s.staff, std::vector<std::string>{"pt2"}); }
  }
}

// pt1 goes home at 09:30, half way through p1's 09:00 session, and had p2 at 10:00. The session
// in progress counts as given and stays; p2 goes to pt2. (It failed: "pinned and delivered
// sessions of Mon conflict", the sick time clashing with the session it had to keep.)
TEST(ScheduleRepair, ATherapistWhoLeavesMidSessionFinishesItAndTheNextIsCovered) {
  auto in = two_therapists();
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 4, {"pt1"}, {}, "gym"}, {"p2-PT", 0, 8, {"pt1"}, {}, "gym"}};
  auto r = repair_plan(in, plan, parse_change(in, "sick:pt1:Mon:09:30"), 5);
  EXPECT_TRUE(validate_plan(r.instance, r.plan).feasible());
  EXPECT_TRUE(r.plan.shortfalls.empty());
  ASSERT_EQ(r.plan.sessions.size(), 2u);
  for (auto& s : r.plan.sessions) {
    if (s.prescription == "p1-PT") {
      EXPECT_EQ(s.staff, std::vector<std::string>{"pt1"});
      EXPECT_EQ(s.start, 4);
      EXPECT_TRUE(s.pinned) << "a session already begun is given";
    }
    if (s.prescription == "p2-PT") { EXPECT_EQ(s.staff, std::vector<std::string>{"pt2"}); }
  }
}

// "Delivered up to 09:00" comes back with the morning's session pinned, so the next repair (pt1
// called in sick for the rest of the day) keeps it, and the later one goes to pt2.
TEST(ScheduleRepair, WhatWasGivenComesBackPinnedAndALaterRepairKeepsIt) {
  auto in = two_therapists();
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"}, {"p2-PT", 0, 8, {"pt1"}, {}, "gym"}};
  auto given = repair_plan(in, plan, parse_change(in, "delivered:Mon:09:00"), 5);
  ASSERT_EQ(given.plan.sessions.size(), 2u);
  for (auto& s : given.plan.sessions) EXPECT_EQ(s.pinned, s.prescription == "p1-PT") << s.prescription;

  auto sick = repair_plan(in, given.plan, parse_change(in, "sick:pt1:Mon"), 5);
  EXPECT_TRUE(validate_plan(sick.instance, sick.plan).feasible());
  ASSERT_EQ(sick.plan.sessions.size(), 2u);
  for (auto& s : sick.plan.sessions) {
    if (s.prescription == "p1-PT") {
      EXPECT_EQ(s.staff, std::vector<std::string>{"pt1"});
      EXPECT_EQ(s.start, 0);
    }
    if (s.prescription == "p2-PT") { EXPECT_EQ(s.staff, std::vector<std::string>{"pt2"}); }
  }
}

// Two sick calls on one morning: pt1 at 07:30, then pt2 at 08:30. The first repair gives p1's
// 08:00 session to pt2 at the same hour (one move); pt2 then goes home after it has begun, so it
// stays, and p2's 09:00 session goes to pt3, who works only 10:00-11:00.
// What changed is said once, against the plan the families had that morning.
TEST(ScheduleRepair, TwoSickCallsInTheOrderTheyCameAreOneRepair) {
  auto in = two_therapists();
  in.staff.push_back(staff("pt3", "PT", 8, 12));
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"}, {"p2-PT", 0, 4, {"pt2"}, {}, "gym"}};
  auto r = repair_plan(in, plan, {parse_change(in, "sick:pt1:Mon"), parse_change(in, "sick:pt2:Mon:08:30")}, 5);
  EXPECT_TRUE(validate_plan(r.instance, r.plan).feasible());
  EXPECT_TRUE(r.plan.shortfalls.empty());
  ASSERT_EQ(r.plan.sessions.size(), 2u);
  for (auto& s : r.plan.sessions) {
    if (s.prescription == "p1-PT") {
      EXPECT_EQ(s.staff, std::vector<std::string>{"pt2"});
      EXPECT_EQ(s.start, 0);
    }
    if (s.prescription == "p2-PT") {
      EXPECT_EQ(s.staff, std::vector<std::string>{"pt3"});
      EXPECT_EQ(s.start, 8);
    }
  }
  EXPECT_EQ(r.plan.moved, (std::vector<std::string>{"moved p1-PT Mon 08:00 pt1 gym -> 08:00 pt2 gym",
                                                    "moved p2-PT Mon 09:00 pt2 gym -> 10:00 pt3 gym"}));
  // Both absences are in the changed instance the plan is valid against.
  EXPECT_EQ(r.instance.staff[0].breaks.size(), 1u);
  EXPECT_EQ(r.instance.staff[1].breaks.size(), 1u);
}

// A session moved by the first change and again by the second is one line, from where the
// family had it to where it is now; one that comes back to its place is no line at all.
TEST(ScheduleRepair, PlanChangesPairSessionsByPrescriptionAndDay) {
  auto in = two_therapists();
  Plan before, after;
  before.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"}, {"p2-PT", 0, 4, {"pt2"}, {}, "gym"}};
  after.sessions = {{"p2-PT", 0, 4, {"pt2"}, {}, "gym"}, {"p1-PT", 0, 8, {"pt2"}, {}, "gym"}};
  EXPECT_EQ(plan_changes(in, before, after), (std::vector<std::string>{"moved p1-PT Mon 08:00 pt1 gym -> 10:00 pt2 gym"}));
  after.sessions.pop_back();
  EXPECT_EQ(plan_changes(in, before, after), (std::vector<std::string>{"dropped p1-PT Mon 08:00 pt1 gym"}));
  EXPECT_EQ(plan_changes(in, after, before), (std::vector<std::string>{"added p1-PT Mon 08:00 pt1 gym"}));
  EXPECT_TRUE(plan_changes(in, before, before).empty());
}

TEST(ScheduleRepair, NoOneLeftMeansAReportedShortfall) {
  auto in = tiny_day();
  in.staff = {staff("pt1", "PT", 0, 12)};
  in.patients = {patient("p1")};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 1)};
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"}};
  auto r = repair_plan(in, plan, parse_change(in, "sick:pt1:Mon"), 2);
  EXPECT_TRUE(r.plan.sessions.empty());
  ASSERT_EQ(r.plan.shortfalls.size(), 1u);
  ASSERT_EQ(r.plan.moved.size(), 1u);
  EXPECT_EQ(r.plan.moved[0].rfind("dropped", 0), 0u);
}

TEST(ScheduleRepair, PatientOffTheUnitIsMovedAroundIt) {
  auto in = two_therapists();
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"}, {"p2-PT", 0, 0, {"pt2"}, {}, "gym"}};
  auto r = repair_plan(in, plan, parse_change(in, "off-unit:p1:Mon:08:00-09:30"), 5);
  EXPECT_TRUE(validate_plan(r.instance, r.plan).feasible());
  for (auto& s : r.plan.sessions)
    if (s.prescription == "p1-PT") { EXPECT_GE(s.start, 6); }
  EXPECT_EQ(r.plan.moved.size(), 1u);
}

// The morning is given until 09:30, then p2 goes off the unit 10:00-11:00, over her PT at
// 10:00. pt2 is free at 08:00, but 08:00 has passed: the session is dropped, not moved into the
// morning (an off-unit change carries no time of its own, and its repair used to place it at
// 08:00). The plan still says it is given until 09:30.
TEST(ScheduleRepair, ALaterChangeKeepsTheTimeAnEarlierOneRecordedAsPast) {
  auto in = two_therapists();
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"}, {"p2-PT", 0, 8, {"pt2"}, {}, "gym"}};
  auto given = repair_plan(in, plan, parse_change(in, "delivered:Mon:09:30"), 5);
  ASSERT_TRUE(given.plan.given_until);
  EXPECT_EQ(*given.plan.given_until, (Moment{0, 6}));
  auto away = repair_plan(given.instance, given.plan, parse_change(given.instance, "off-unit:p2:Mon:10:00-11:00"), 5);
  EXPECT_TRUE(validate_plan(away.instance, away.plan).feasible());
  for (auto& s : away.plan.sessions) EXPECT_NE(s.prescription, "p2-PT") << "placed at slot " << s.start;
  ASSERT_EQ(away.plan.shortfalls.size(), 1u);
  EXPECT_EQ(away.plan.shortfalls[0].prescription, "p2-PT");
  ASSERT_TRUE(away.plan.given_until);
  EXPECT_EQ(*away.plan.given_until, (Moment{0, 6}));
  // A sick call later that day moves the moment on; an earlier one does not move it back.
  auto later = repair_plan(in, given.plan, parse_change(in, "sick:pt2:Mon:10:00"), 5);
  EXPECT_EQ(*later.plan.given_until, (Moment{0, 8}));
  auto earlier = repair_plan(in, given.plan, parse_change(in, "delivered:Mon:08:30"), 5);
  EXPECT_EQ(*earlier.plan.given_until, (Moment{0, 6}));
  // A sick call from before the recorded moment contradicts it, and says from when to enter it.
  try {
    repair_plan(in, given.plan, parse_change(in, "sick:pt1:Mon:09:00"), 5);
    ADD_FAILURE() << "a sick call into the recorded past was repaired";
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("enter it from Mon 09:30 or later"), std::string::npos) << e.what();
  }
}

// pt1 goes home sick at 08:45, during p1's 08:30 session, which she finishes. It is 08:45 now:
// p2's session with pt2 at 09:00 has not begun, so it is not given (the moment was taken as
// 09:30, the end of pt1's session, and froze it).
TEST(ScheduleRepair, GoingHomeDuringASessionLeavesTheMomentAtTheTimeAsked) {
  auto in = two_therapists();
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 2, {"pt1"}, {}, "gym"}, {"p2-PT", 0, 4, {"pt2"}, {}, "gym"}};
  auto r = repair_plan(in, plan, parse_change(in, "sick:pt1:Mon:08:45"), 5);
  ASSERT_TRUE(r.plan.given_until);
  EXPECT_EQ(*r.plan.given_until, (Moment{0, 3}));
  for (auto& s : r.plan.sessions) EXPECT_EQ(s.pinned, s.prescription == "p1-PT") << s.prescription;
}

// A therapist's sick day entered on Monday for Tuesday: Monday is not over, and nothing of it is
// pinned as given (a later Monday repair failed: "pinned and delivered sessions conflict").
TEST(ScheduleRepair, ASickDayEnteredAheadFreezesNoEarlierDay) {
  auto in = two_therapists();
  in.days = 2;
  in.day_names = {"Mon", "Tue"};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 2), rx("p2-PT", "PT", {"p2"}, 2)};
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"}, {"p2-PT", 0, 0, {"pt2"}, {}, "gym"},
                   {"p1-PT", 1, 0, {"pt1"}, {}, "gym"}, {"p2-PT", 1, 0, {"pt2"}, {}, "gym"}};
  auto r = repair_plan(in, plan, parse_change(in, "sick:pt1:Tue"), 5);
  EXPECT_FALSE(r.plan.given_until);
  for (auto& s : r.plan.sessions) EXPECT_FALSE(s.pinned) << s.prescription << " on day " << s.day;
  auto monday = repair_plan(r.instance, r.plan, parse_change(r.instance, "sick:pt2:Mon:08:30"), 5);
  EXPECT_TRUE(validate_plan(monday.instance, monday.plan).feasible());
}

// A leave planned ahead: pt1 goes home at 09:00 on Tuesday, entered on Monday with nothing
// recorded as given. Monday stays open to later changes (it froze everything before Tuesday
// 09:00, so a Monday sick call was then refused), and Tuesday's earlier session stays put.
TEST(ScheduleRepair, ATimedSickCallForALaterDayFreezesNothingBeforeIt) {
  auto in = two_therapists();
  in.days = 2;
  in.day_names = {"Mon", "Tue"};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 2), rx("p2-PT", "PT", {"p2"}, 2)};
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"}, {"p2-PT", 0, 4, {"pt2"}, {}, "gym"},
                   {"p1-PT", 1, 8, {"pt1"}, {}, "gym"}, {"p2-PT", 1, 0, {"pt2"}, {}, "gym"}};
  auto r = repair_plan(in, plan, parse_change(in, "sick:pt1:Tue:09:00"), 5);
  EXPECT_FALSE(r.plan.given_until);
  EXPECT_TRUE(validate_plan(r.instance, r.plan).feasible());
  for (auto& s : r.plan.sessions) {
    EXPECT_FALSE(s.pinned) << s.prescription << " on day " << s.day;
    if (s.day == 1 && s.prescription == "p2-PT") EXPECT_EQ(s.start, 0);
    // p1's Tuesday session goes to pt2, after pt2's 08:00 session.
    if (s.day == 1 && s.prescription == "p1-PT") {
      EXPECT_GE(s.start, 4);
      EXPECT_EQ(s.staff, std::vector<std::string>{"pt2"});
    }
  }
  auto monday = repair_plan(r.instance, r.plan, parse_change(r.instance, "sick:pt2:Mon:08:30"), 5);
  EXPECT_TRUE(validate_plan(monday.instance, monday.plan).feasible());
  // On the day being given, a timed sick call still says it is that time now.
  ASSERT_TRUE(monday.plan.given_until);
  EXPECT_EQ(*monday.plan.given_until, (Moment{0, 2}));
}

// What changes nothing still to come is said, not written: a sick call from the end of the day
// (it wrote an absence from 11:00 to 11:00 that every later check refused, so the unit could not
// be opened again), and a time off the unit wholly before the recorded moment.
TEST(ScheduleRepair, ChangesThatAlterNothingToComeAreRefusedNotWritten) {
  auto in = two_therapists();  // 08:00-11:00
  try {
    parse_change(in, "sick:pt1:Mon:11:00");
    ADD_FAILURE() << "a sick call from the end of the day was taken";
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("the day ends at 11:00"), std::string::npos) << e.what();
  }
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"}, {"p2-PT", 0, 8, {"pt2"}, {}, "gym"}};
  auto given = repair_plan(in, plan, parse_change(in, "delivered:Mon:10:00"), 5);
  try {
    repair_plan(given.instance, given.plan, parse_change(in, "off-unit:p2:Mon:08:00-09:00"), 5);
    ADD_FAILURE() << "time off the unit in the recorded past was taken";
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("changes nothing still to come"), std::string::npos) << e.what();
  }
  // A session going on when its lead leaves at the day's last quarter hour is finished: no
  // absence is left to write, and the unit stays valid.
  auto last = repair_plan(in, plan, parse_change(in, "sick:pt2:Mon:10:45"), 5);
  for (auto& s : last.instance.staff)
    for (auto& b : s.breaks) EXPECT_LT(b.from, b.to) << s.id;
}

// An admission takes its first day by name, as every other change does.
TEST(ScheduleRepair, AnAdmissionsFirstDayMayBeNamed) {
  auto in = two_therapists();
  in.days = 2;
  in.day_names = {"Mon", "Tue"};
  auto c = admission_from_json(in, boost::json::parse(R"({"patient": {"id": "p9"}, "prescriptions": [], "from_day": "Tue"})"),
                               "the admission");
  EXPECT_EQ(c.day, 1);
  EXPECT_THROW(admission_from_json(in, boost::json::parse(R"({"patient": {"id": "p9"}, "from_day": "Sun"})"), "the admission"),
               FormatError);
}

// A child's session recorded as given (pinned by an earlier sick call) cannot overlap her time
// off the unit: the repair kept the given session and left her in it, inside her time away.
// It is refused, saying from when to enter the time away.
TEST(ScheduleRepair, TimeAwayOverASessionAlreadyGivenIsRefusedWithWhatToEnter) {
  auto in = two_therapists();
  in.patients[0].name = "Kiara";
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym"}, {"p2-PT", 0, 4, {"pt2"}, {}, "gym"}};
  plan.sessions[0].pinned = true;  // 08:00-09:00, given
  try {
    repair_plan(in, plan, parse_change(in, "off-unit:p1:Mon:08:30-10:00"), 2);
    ADD_FAILURE() << "time away over a given session was repaired";
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("Kiara's PT at 08:00 is recorded as given"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("enter the time away from 09:00"), std::string::npos) << e.what();
  }
  // From its end it is repaired as usual.
  auto r = repair_plan(in, plan, parse_change(in, "off-unit:p1:Mon:09:00-10:00"), 2);
  EXPECT_TRUE(validate_plan(r.instance, r.plan).feasible());
}

// A plan that double-books a child already: the repair's failure names that, not "pinned and
// delivered sessions conflict".
TEST(ScheduleRepair, APlanBrokenBeforeTheChangeIsNamedAsTheCause) {
  auto in = two_therapists();
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt1"}, {}, "gym", true}, {"p1-PT", 0, 2, {"pt2"}, {}, "gym", true}};
  in.prescriptions[0].per_week = 2;
  in.prescriptions[0].max_per_day = 2;
  try {
    repair_plan(in, plan, parse_change(in, "off-unit:p2:Mon:10:00-11:00"), 2);
    ADD_FAILURE() << "repaired a plan that double-books p1";
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("the plan given already breaks"), std::string::npos) << e.what();
  }
}

TEST(ScheduleRepair, BadChangesAreClearErrors) {
  auto in = two_therapists();
  EXPECT_THROW(parse_change(in, "sick:ghost:Mon"), FormatError);
  EXPECT_THROW(parse_change(in, "sick:pt1:Funday"), FormatError);
  EXPECT_THROW(parse_change(in, "vacation:pt1"), FormatError);
  EXPECT_THROW(parse_change(in, "off-unit:p1:Mon:9-10"), FormatError);
  EXPECT_THROW(parse_change(in, "admit:/nonexistent.json"), FormatError);
  // An admission's mistakes are named as the admission's, not the unit's.
  try {
    admission_from_json(in, boost::json::parse(R"({"patient": {"id": "p9"}, "prescriptions": [{"id": "p9-PT", "activity": "PT", "patients": ["p9"]}]})"),
                        "the admission");
    ADD_FAILURE() << "an admission without per_week was read";
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("The admission is not valid"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("instance"), std::string::npos) << e.what();
  }
}

TEST(ScheduleRepair, GeneratedSickCallKeepsThePlanValidAndMovesFew) {
  auto in = generate_instance({8, 15, 1, 5});
  SolveOptions options;
  options.seconds = 2;
  auto solved = solve_week(in, options);
  ASSERT_TRUE(validate_plan(in, solved.plan).feasible());
  auto r = repair_plan(in, solved.plan, parse_change(in, "sick:pt1:Mon"), 3);
  auto report = validate_plan(r.instance, r.plan);
  EXPECT_TRUE(report.feasible()) << report.violations[0].message;
  for (auto& s : r.plan.sessions) EXPECT_EQ(std::count(s.staff.begin(), s.staff.end(), "pt1"), 0);
  EXPECT_LT(r.plan.moved.size(), solved.plan.sessions.size());
}

}  // namespace
}  // namespace relief::schedule
