// What the service's orders already delivered counts toward the 24-hour totals.
#include <gtest/gtest.h>

#include "programs/acute/delivered_doses.hpp"
#include "programs/acute/formulary.hpp"

namespace relief::acute {
namespace {

const Instant kNow{1'709'280'000'000};  // 2024-03-01T08:00:00Z
Instant hours_ago(double h) { return Instant{kNow.ms - static_cast<std::int64_t>(h * 3'600'000)}; }

OrderRecord epidural(double rate_ml_h, Instant started, std::optional<Instant> stopped = std::nullopt) {
  OrderRecord r;
  r.order = make_order(Modality::epidural, CatheterOrder{"T10 epidural", "bupivacaine",
                                                         Concentration{0.25, ConcentrationUnit::percent}, {}, rate_ml_h, {}});
  r.started = started;
  r.stopped = stopped;
  r.status = stopped ? OrderStatus::stopped : OrderStatus::active;
  return r;
}

OrderRecord block(double volume_ml, Instant given) {
  BlockOrder b;
  b.site = "caudal";
  b.route = Route::epidural;
  b.drug = "bupivacaine";
  b.concentration = Concentration{0.25, ConcentrationUnit::percent};
  b.volume_ml = volume_ml;
  OrderRecord r;
  r.order = make_order(Modality::single_shot_block, b);
  r.started = given;
  return r;
}

double total_ml(const std::vector<GivenDose>& doses) {
  double ml = 0;
  for (const auto& d : doses) ml += d.amount.unit == AmountUnit::ml ? d.amount.value : 0;
  return ml;
}

TEST(DeliveredDoses, ARunningEpiduralCountsTheHoursItHasRun) {
  // 2 mL/h of 0.25% bupivacaine for the last 10 hours: 20 mL (50 mg) already given.
  auto doses = delivered_last_24h({epidural(2, hours_ago(10))}, kNow);
  EXPECT_NEAR(total_ml(doses), 20, 1e-9);
  ASSERT_FALSE(doses.empty());
  EXPECT_EQ(doses.front().drug, "bupivacaine");
  EXPECT_EQ(doses.front().route, Route::epidural);
  EXPECT_NEAR(to_mg(doses.front().amount, doses.front().concentration).value(), 5, 1e-9);  // 2 mL x 2.5 mg/mL
}

TEST(DeliveredDoses, OnlyTheLast24HoursCount) {
  // Started 30 h ago, stopped 2 h ago: 22 of its hours fall in the window.
  EXPECT_NEAR(total_ml(delivered_last_24h({epidural(3, hours_ago(30), hours_ago(2))}, kNow)), 66, 1e-9);
  // A block 20 h ago counts; one 30 h ago does not.
  EXPECT_NEAR(total_ml(delivered_last_24h({block(8, hours_ago(20)), block(10, hours_ago(30))}, kNow)), 8, 1e-9);
}

TEST(DeliveredDoses, ScheduledDosesAtEveryIntervalSinceTheyStarted) {
  // Acetaminophen 300 mg IV q6h since 13 h ago: given at -13, -7 and -1 h.
  OrderRecord r;
  r.order = make_order(ScheduledDoseOrder{"acetaminophen", Route::iv, DrugAmount{300, AmountUnit::mg}, 6, false, {}});
  r.started = hours_ago(13);
  auto doses = delivered_last_24h({r}, kNow);
  ASSERT_EQ(doses.size(), 3u);
  EXPECT_EQ(doses[2].at.ms, hours_ago(1).ms);
  // As-needed doses are not assumed given.
  r.order.scheduled->as_needed = true;
  EXPECT_TRUE(delivered_last_24h({r}, kNow).empty());
}

OrderRecord ketorolac(Instant started, std::optional<Instant> stopped = std::nullopt) {
  OrderRecord r;
  r.order = make_order(ScheduledDoseOrder{"ketorolac", Route::iv, DrugAmount{10, AmountUnit::mg}, 6, false, std::nullopt});
  r.started = started;
  r.stopped = stopped;
  r.status = stopped ? OrderStatus::stopped : OrderStatus::active;
  return r;
}

TEST(Courses, ACourseRunsFromItsFirstOrderAcrossShortPausesAndEndsAfterADayOff) {
  // Ketorolac from 60 h to 40 h ago, paused 10 h, restarted 30 h ago and running: one course.
  auto starts = course_starts({ketorolac(hours_ago(60), hours_ago(40)), ketorolac(hours_ago(30))}, kNow);
  ASSERT_TRUE(starts.contains("ketorolac"));
  EXPECT_EQ(starts.at("ketorolac").ms, hours_ago(60).ms);
  // Paused 70 h: the running order began a new course.
  starts = course_starts({ketorolac(hours_ago(100), hours_ago(80)), ketorolac(hours_ago(10))}, kNow);
  EXPECT_EQ(starts.at("ketorolac").ms, hours_ago(10).ms);
  // Stopped 30 h ago: no current course, a new order starts one.
  EXPECT_FALSE(course_starts({ketorolac(hours_ago(50), hours_ago(30))}, kNow).contains("ketorolac"));
  // Stopped 6 h ago: the course is still current (a restart today continues it).
  EXPECT_EQ(course_starts({ketorolac(hours_ago(50), hours_ago(6))}, kNow).at("ketorolac").ms, hours_ago(50).ms);
}

TEST(Courses, KetorolacFallsDueForReviewAt48HoursByDefaultAnd5DaysByChoice) {
  const auto formulary = Formulary::load_directory(RELIEF_FORMULARY_DIR);
  PatientFacts facts{30, 120, std::nullopt};  // 10 years, 30 kg
  const auto running = ketorolac(hours_ago(50));
  facts.course_started = course_starts({running}, kNow);
  auto due = course_reviews(formulary, facts, {running}, kNow);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].rule, "ketorolac/course-48h");
  EXPECT_EQ(due[0].due.ms, hours_ago(2).ms);  // 50 h ago + 48 h
  EXPECT_TRUE(due[0].overdue);
  EXPECT_NE(due[0].message.find("48 h"), std::string::npos) << due[0].message;

  auto five_days = formulary.configured({{{"ketorolac/course", "5-days"}}, {}});
  due = course_reviews(five_days, facts, {running}, kNow);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].due.ms, hours_ago(50 - 120).ms);
  EXPECT_FALSE(due[0].overdue);
  // Acetaminophen has no course limit: nothing falls due.
  OrderRecord para = running;
  para.order.scheduled->drug = "acetaminophen";
  facts.course_started = course_starts({para}, kNow);
  EXPECT_TRUE(course_reviews(formulary, facts, {para}, kNow).empty());
}

TEST(Courses, ChangingKetorolacPastItsCourseLimitNeedsAReason) {
  const auto formulary = Formulary::load_directory(RELIEF_FORMULARY_DIR);
  PatientFacts facts{30, 120, std::nullopt};
  // 10 mg IV q6h for 30 kg: 0.33 mg/kg a dose, 40 mg a day (the default daily cap): within every
  // dose limit, so only the course length is at issue.
  auto order = make_order(ScheduledDoseOrder{"ketorolac", Route::iv, DrugAmount{10, AmountUnit::mg}, 6, false, std::nullopt});
  facts.course_started = {{"ketorolac", hours_ago(50)}};
  auto late = check_order(formulary, facts, order, {}, {}, kNow);
  const Finding* f = late.find("ketorolac/course-48h");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::warn);
  EXPECT_NEAR(f->computed->value, 50, 1e-9);
  EXPECT_DOUBLE_EQ(f->limit->value, 48);
  EXPECT_TRUE(late.needs_override());
  facts.course_started = {{"ketorolac", hours_ago(20)}};
  EXPECT_TRUE(check_order(formulary, facts, order, {}, {}, kNow).findings.empty());
  facts.course_started.clear();  // a new course
  EXPECT_TRUE(check_order(formulary, facts, order, {}, {}, kNow).findings.empty());
}

}  // namespace
}  // namespace relief::acute
