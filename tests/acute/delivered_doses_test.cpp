// What the service's orders already delivered counts toward the 24-hour totals.
#include <gtest/gtest.h>

#include "programs/acute/delivered_doses.hpp"

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

}  // namespace
}  // namespace relief::acute
