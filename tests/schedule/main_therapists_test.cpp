#include "schedule/main_therapists.hpp"

#include <gtest/gtest.h>

#include "schedule/solver.hpp"
#include "schedule/validator.hpp"
#include "checked_solve.hpp"
#include "tiny_units.hpp"

namespace relief::schedule {
namespace {
using namespace testing;

// A week of `days` days on the tiny unit's clock.
Instance tiny_week(int days) {
  auto in = tiny_day();
  in.days = days;
  in.day_names = {"Mon", "Tue", "Wed", "Thu", "Fri"};
  in.day_names.resize(days);
  return in;
}

int main_of(const Instance& in, const std::map<PrimaryKey, int>& chosen, const std::string& patient,
            const std::string& discipline) {
  auto it = chosen.find({in.patient_index(patient), discipline});
  return it == chosen.end() ? -1 : it->second;
}

TEST(ScheduleMainTherapists, EachChildGoesToATherapistWhoCanGiveAllTheirSessions) {
  // pt1 works 5 days, at most 3 sessions a day (15 a week); pt2 only Monday and Tuesday, at most
  // 5 (10). Four children with one PT session every day. pt2 could give each child only 2 of
  // their 5 sessions, so p1, p2 and p3 go to pt1 (5, 10, 15 of its 15); for p4 pt1 has nothing
  // left, and pt2 can give 2 of the 5.
  auto in = tiny_week(5);
  in.staff = {staff("pt1", "PT", 0, 12), staff("pt2", "PT", 0, 12)};
  in.staff[0].max_sessions_per_day = 3;
  in.staff[1].max_sessions_per_day = 5;
  in.staff[1].hours = {Window{0, 0, 12, ""}, Window{1, 0, 12, ""}};
  in.patients = {patient("p1"), patient("p2"), patient("p3"), patient("p4")};
  for (auto& p : in.patients) in.prescriptions.push_back(rx(p.id + "-PT", "PT", {p.id}, 5));
  auto chosen = choose_main_therapists(in);
  EXPECT_EQ(main_of(in, chosen, "p1", "PT"), in.staff_index("pt1"));
  EXPECT_EQ(main_of(in, chosen, "p2", "PT"), in.staff_index("pt1"));
  EXPECT_EQ(main_of(in, chosen, "p3", "PT"), in.staff_index("pt1"));
  EXPECT_EQ(main_of(in, chosen, "p4", "PT"), in.staff_index("pt2"));
}

TEST(ScheduleMainTherapists, TheNamedTherapistCountsFirstAndTheHeaviestChildChoosesNext) {
  // One day, two PTs of 4 sessions. p3 (1 session) names pt2. Then p1 and p2 (2 sessions each)
  // before p4 (1): p1 to pt1 (2 of 4 against 3 of 4), p2 to pt2 (pt1 would be full, pt2 3 of 4),
  // p4 to pt1.
  auto in = tiny_day();
  in.staff = {staff("pt1", "PT", 0, 12), staff("pt2", "PT", 0, 12)};
  in.staff[0].max_sessions_per_day = in.staff[1].max_sessions_per_day = 4;
  in.patients = {patient("p1"), patient("p2"), patient("p3"), patient("p4")};
  in.prescriptions = {rx("p4-PT", "PT", {"p4"}, 1), rx("p3-PT", "PT", {"p3"}, 1), rx("p1-PT", "PT", {"p1"}, 2, 2),
                      rx("p2-PT", "PT", {"p2"}, 2, 2)};
  in.prescriptions[1].primary_staff = "pt2";
  auto chosen = choose_main_therapists(in);
  EXPECT_EQ(main_of(in, chosen, "p3", "PT"), in.staff_index("pt2"));
  EXPECT_EQ(main_of(in, chosen, "p1", "PT"), in.staff_index("pt1"));
  EXPECT_EQ(main_of(in, chosen, "p2", "PT"), in.staff_index("pt2"));
  EXPECT_EQ(main_of(in, chosen, "p4", "PT"), in.staff_index("pt1"));
}

TEST(ScheduleMainTherapists, OnlyContinuityDisciplinesAndNeverATraineeWhileOthersCan) {
  auto in = tiny_day();
  in.activities.push_back({"psychotherapy", "psychology", 4, 1, {"therapy"}});
  Staff trainee = staff("pt-trainee", "PT", 0, 12);
  trainee.supervisor = "pt1";
  in.staff = {trainee, staff("pt1", "PT", 0, 12), staff("psy1", "psychotherapy", 0, 12)};
  in.staff[2].discipline = "psychology";
  in.patients = {patient("p1"), patient("p2")};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 1), rx("p2-PT", "PT", {"p2"}, 1),
                      rx("p1-psy", "psychotherapy", {"p1"}, 1), rx("group-PT", "PT", {"p1", "p2"}, 1)};
  auto chosen = choose_main_therapists(in);
  EXPECT_EQ(chosen.size(), 2u);  // PT for p1 and p2; not psychology, not the group
  EXPECT_EQ(main_of(in, chosen, "p1", "PT"), in.staff_index("pt1"));
  EXPECT_EQ(main_of(in, chosen, "p2", "PT"), in.staff_index("pt1"));  // pt1 is over-promised, not the trainee
  // With pt1 away all week, nobody can give the sessions: the trainee leads only with pt1 there.
  in.staff[1].hours.clear();
  EXPECT_EQ(main_of(in, choose_main_therapists(in), "p1", "PT"), -1);
  // A second supervisor on duty lets the trainee lead, and the trainee is then the only one.
  in.staff.push_back(staff("pt-senior", "OT", 0, 12));
  in.staff[0].supervisor = "pt-senior";
  EXPECT_EQ(main_of(in, choose_main_therapists(in), "p1", "PT"), in.staff_index("pt-trainee"));
}

TEST(ScheduleMainTherapists, APlansMainTherapistIsWhoeverLeadsMostOfTheChildsSessions) {
  // The repair and `solve --from` keep these; the first session listed is the odd one out.
  auto in = tiny_week(3);
  in.staff = {staff("pt1", "PT", 0, 12), staff("pt2", "PT", 0, 12)};
  in.patients = {patient("p1"), patient("p2")};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 3), rx("p2-PT", "PT", {"p2"}, 1)};
  in.prescriptions[1].primary_staff = "pt2";
  Plan plan;
  plan.sessions = {{"p1-PT", 0, 0, {"pt2"}, {}, "gym"},
                   {"p1-PT", 1, 0, {"pt1"}, {}, "gym"},
                   {"p1-PT", 2, 0, {"pt1"}, {}, "gym"},
                   {"p2-PT", 0, 4, {"pt1"}, {}, "gym"}};
  auto chosen = main_therapists_of(in, plan);
  EXPECT_EQ(main_of(in, chosen, "p1", "PT"), in.staff_index("pt1"));
  EXPECT_EQ(main_of(in, chosen, "p2", "PT"), in.staff_index("pt2"));  // named, whoever led it
}

TEST(ScheduleMainTherapists, AWeekKeepsEachChildWithOneBalancedTherapist) {
  // Two PTs and four children with a PT session every day of a 3-day week: each PT is the main
  // therapist of two children, and every session is led by the child's main therapist.
  auto in = tiny_week(3);
  in.staff = {staff("pt1", "PT", 0, 12), staff("pt2", "PT", 0, 12)};
  in.rooms = {{"gym", "gym", 4}, {"therapy", "therapy", 1}};
  in.patients = {patient("p1"), patient("p2"), patient("p3"), patient("p4")};
  for (auto& p : in.patients) in.prescriptions.push_back(rx(p.id + "-PT", "PT", {p.id}, 3));
  auto [result, report] = checked_solve(in);
  ASSERT_TRUE(report.feasible());
  EXPECT_EQ(report.costs.dose_shortfall, 0);
  EXPECT_EQ(report.costs.continuity, 0);
  std::map<std::string, std::set<std::string>> children_of;
  for (auto& s : result.plan.sessions) children_of[s.staff[0]].insert(s.prescription);
  EXPECT_EQ(children_of["pt1"].size(), 2u);
  EXPECT_EQ(children_of["pt2"].size(), 2u);
}

TEST(ScheduleMainTherapists, AOneDayUnitOnlyPrefersThemSoItsOptimumIsTheTrueOne) {
  // The balance picks pt1 (a tie, the first), who works only 09:00-11:00; the child would like PT
  // at 08:00-09:00, when only pt2 works. With pt2 at 08:00 the plan costs only the load spread
  // of one PT busy and one idle (pt2 leads every PT session the child has, so pt2 is the main
  // therapist). Fixing pt1 as main would make 15 (pt1 at 09:00, the wish missed) look optimal.
  auto in = tiny_day();
  in.staff = {staff("pt1", "PT", 4, 12), staff("pt2", "PT", 0, 4)};
  in.patients = {patient("p1")};
  in.patients[0].preferences = {{"PT", 0, 4}};
  in.prescriptions = {rx("p1-PT", "PT", {"p1"}, 1)};
  ASSERT_EQ(main_of(in, choose_main_therapists(in), "p1", "PT"), in.staff_index("pt1"));
  auto [result, report] = checked_solve(in);
  ASSERT_TRUE(report.feasible());
  EXPECT_EQ(report.costs.weighted(), kWeightLoadSpread);
  EXPECT_EQ(result.plan.status, "optimal");
  ASSERT_EQ(result.plan.sessions.size(), 1u);
  EXPECT_EQ(result.plan.sessions[0].staff, std::vector<std::string>{"pt2"});
}

}  // namespace
}  // namespace relief::schedule
