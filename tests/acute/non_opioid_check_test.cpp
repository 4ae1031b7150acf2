// Acetaminophen across routes, ibuprofen and ketorolac (clinical.md 4.4 and 7 items 11-12).
#include "acute_test_support.hpp"

namespace relief::acute {
namespace {
using namespace testing;

GivenDose oral_acetaminophen(double mg, double hours_ago) {
  return GivenDose{"acetaminophen", Route::oral, {mg, AmountUnit::mg}, std::nullopt, hours_from_now(-hours_ago)};
}

TEST(NonOpioidCheck, AcetaminophenIvPlusAnOralDoseTheSameDayIsRefusedCountingBothRoutes) {
  // 12 kg, 18 months. IV 15 mg/kg = 180 mg q6h from now: doses at 0, 6, 12 and 18 h.
  // An oral 180 mg was given 3 h ago. The 24 h from that dose hold 180 + 4 x 180 = 900 mg
  // = 75 mg/kg > 60 mg/kg/day (default, [S111]: 10 kg and over).
  auto order = make_order(scheduled("acetaminophen", Route::iv, 180, 6));
  auto result = check(child(12, 18), order, {}, {oral_acetaminophen(180, 3)});
  ASSERT_TRUE(result.refused()) << describe(result);
  const Finding* f = result.find("acetaminophen/day-from-10kg-s111");
  ASSERT_NE(f, nullptr) << describe(result);
  EXPECT_NEAR(f->computed->value, (180.0 + 4 * 180) / 12, 1e-9);
  EXPECT_EQ(f->computed->unit, "mg/kg/day");
  EXPECT_DOUBLE_EQ(f->limit->value, 60);
  EXPECT_TRUE(contains(f->message, "given: oral 180 mg")) << f->message;
  EXPECT_TRUE(contains(f->message, "this order: IV 720 mg")) << f->message;
  EXPECT_TRUE(contains(f->message, "3 h ago")) << f->message;

  // The IV course alone is 4 x 180 = 720 mg = 60 mg/kg/day: at the limit, accepted.
  auto alone = check(child(12, 18), order);
  EXPECT_TRUE(alone.findings.empty()) << describe(alone);
  // A dose given more than 24 h ago no longer counts.
  EXPECT_TRUE(check(child(12, 18), order, {}, {oral_acetaminophen(180, 25)}).findings.empty());
}

TEST(NonOpioidCheck, UnderTheLabelOptionTheIvBandHoldsAMixedDay) {
  // Site choice s109-label: IV 29 days-2 years 60 mg/kg/day, oral 75. A window with IV doses is
  // held to the lower figure: 75 mg/kg > 60, refused by the IV rule.
  auto f = shipped_formulary().configured({{{"acetaminophen/daily-max", "s109-label"}}, {}});
  auto result = check(child(12, 18), make_order(scheduled("acetaminophen", Route::iv, 180, 6)), {},
                      {oral_acetaminophen(180, 3)}, f);
  EXPECT_NE(result.find("acetaminophen/day-iv-infant-label"), nullptr) << describe(result);
  // Oral only, 4 x 15 mg/kg + 15 mg/kg = 75 mg/kg: the oral label maximum, accepted.
  auto oral = check(child(12, 18), make_order(scheduled("acetaminophen", Route::oral, 180, 6)), {},
                    {oral_acetaminophen(180, 3)}, f);
  EXPECT_FALSE(oral.refused()) << describe(oral);
}

TEST(NonOpioidCheck, AnotherActiveAcetaminophenOrderCounts) {
  // 20 kg: oral 300 mg q6h running (next dose in 2 h) and IV 300 mg q6h proposed: 8 doses in 24 h
  // = 2400 mg = 120 mg/kg/day.
  ActiveOrder oral{make_order(scheduled("acetaminophen", Route::oral, 300, 6)), hours_from_now(2)};
  auto result = check(child(20, 72), make_order(scheduled("acetaminophen", Route::iv, 300, 6)), {oral});
  const Finding* f = result.find("acetaminophen/day-from-10kg-s111");
  ASSERT_NE(f, nullptr) << describe(result);
  EXPECT_NEAR(f->computed->value, 8 * 300.0 / 20, 1e-9);
  EXPECT_TRUE(contains(f->message, "other active orders: oral 1200 mg")) << f->message;
}

TEST(NonOpioidCheck, AcetaminophenSingleDoseAndAbsoluteCaps) {
  // 80 kg: 15 mg/kg would be 1200 mg, above the 1 g single-dose cap ([S110]).
  auto big = check(child(80, 200), make_order(scheduled("acetaminophen", Route::iv, 1200, 6)));
  EXPECT_NE(big.find("acetaminophen/single-absolute"), nullptr) << describe(big);
  // 80 kg, 1 g q4h by mouth: 6 doses = 6 g a day, above 4 g ([S110][S112]), and 6000 / 80 =
  // 75 mg/kg/day, above the oral 60 of [S113].
  auto daily = check(child(80, 200), make_order(scheduled("acetaminophen", Route::oral, 1000, 4)));
  EXPECT_NE(daily.find("acetaminophen/day-oral-s113"), nullptr) << describe(daily);
  EXPECT_NE(daily.find("acetaminophen/day-absolute"), nullptr) << describe(daily);
  // 16 mg/kg in one dose is over 15 mg/kg.
  EXPECT_NE(check(child(10, 12), make_order(scheduled("acetaminophen", Route::oral, 160, 8))).find("acetaminophen/single-per-kg"),
            nullptr);
}

// [S111]'s 30 mg/kg/day under 10 kg is an IV regimen (clinical.md 4.4): by mouth an 8 kg infant
// of 8 months may have 15 mg/kg every 6 hours, 120 mg x 4 = 480 mg = 60 mg/kg/day ([S113]), which
// was refused. The same doses IV are still held to 30.
TEST(NonOpioidCheck, OralAcetaminophenForAnInfantFollowsTheOralMaximaNotTheIvRegimen) {
  auto oral = check(child(8, 8), make_order(scheduled("acetaminophen", Route::oral, 120, 6)));
  EXPECT_TRUE(oral.findings.empty()) << describe(oral);
  auto iv = check(child(8, 8), make_order(scheduled("acetaminophen", Route::iv, 120, 6)));
  const Finding* f = iv.find("acetaminophen/day-under-10kg-s111");
  ASSERT_NE(f, nullptr) << describe(iv);
  EXPECT_EQ(f->severity, Severity::refuse);
  EXPECT_NEAR(f->computed->value, 60, 1e-9);
  // 140 mg every 6 hours by mouth at 9.5 kg: 560 / 9.5 = 58.9 mg/kg/day, within 60.
  EXPECT_FALSE(check(child(9.5, 10), make_order(scheduled("acetaminophen", Route::oral, 140, 6))).refused());
  // 150 mg every 6 hours by mouth at 8 kg: 75 mg/kg/day is over the oral 60 of [S113].
  auto over = check(child(8, 8), make_order(scheduled("acetaminophen", Route::oral, 150, 6)));
  EXPECT_NE(over.find("acetaminophen/single-per-kg"), nullptr) << describe(over);  // 18.75 mg/kg a dose
  EXPECT_NE(over.find("acetaminophen/day-oral-s113"), nullptr) << describe(over);
}

TEST(NonOpioidCheck, KetorolacUnderSixMonthsIsRefusedWhicheverAgeTheSiteChooses) {
  // 7 kg, 5 months: 0.5 mg/kg = 3.5 mg IV q6h.
  auto order = make_order(scheduled("ketorolac", Route::iv, 3.5, 6));
  auto result = check(child(7, 5), order);
  const Finding* f = result.find("ketorolac/min-age-12mo");
  ASSERT_NE(f, nullptr) << describe(result);
  EXPECT_EQ(f->severity, Severity::refuse);
  EXPECT_NEAR(f->computed->value, 5, 1e-9);
  EXPECT_EQ(f->computed->unit, "months");
  EXPECT_TRUE(contains(f->message, "below the minimum")) << f->message;

  auto six = shipped_formulary().configured({{{"ketorolac/min-age", "6-months"}}, {}});
  EXPECT_NE(check(child(7, 5), order, {}, {}, six).find("ketorolac/min-age-6mo"), nullptr);
  // At 9 months the 6-month option warns instead ("avoid under 6-12 months").
  auto nine = check(child(8, 9), make_order(scheduled("ketorolac", Route::iv, 4, 6)), {}, {}, six);
  EXPECT_FALSE(nine.refused()) << describe(nine);
  EXPECT_NE(nine.find("ketorolac/6-12mo-caution"), nullptr) << describe(nine);
}

TEST(NonOpioidCheck, KetorolacDailyCapIsASiteChoice) {
  // 50 kg, 14 years: 15 mg IV q6h = 60 mg/day (1.2 mg/kg/day <= 2). Over the default 40 mg/day cap.
  auto order = make_order(scheduled("ketorolac", Route::iv, 15, 6));
  auto result = check(child(50, 168), order);
  const Finding* f = result.find("ketorolac/day-40");
  ASSERT_NE(f, nullptr) << describe(result);
  EXPECT_NEAR(f->computed->value, 60, 1e-9);
  auto ninety = shipped_formulary().configured({{{"ketorolac/daily-cap", "90"}}, {}});
  EXPECT_TRUE(check(child(50, 168), order, {}, {}, ninety).findings.empty());
  // 20 mg IV is above the 15 mg per-dose cap ([S115]) and 0.4 mg/kg is within 0.5 mg/kg.
  auto dose = check(child(50, 168), make_order(scheduled("ketorolac", Route::iv, 20, 8)), {}, {}, ninety);
  EXPECT_NE(dose.find("ketorolac/single-iv-15"), nullptr) << describe(dose);
}

TEST(NonOpioidCheck, IbuprofenAgeAndDailyMaximum) {
  // 4 months: refused under the label option, allowed (with a warning) under the 3-month option.
  auto infant = make_order(scheduled("ibuprofen", Route::oral, 60, 8));  // 6.5 kg: 9.2 mg/kg
  EXPECT_NE(check(child(6.5, 4), infant).find("ibuprofen/min-age-label"), nullptr);
  auto three = shipped_formulary().configured({{{"ibuprofen/min-age", "3-months-5-kg"}}, {}});
  auto allowed = check(child(6.5, 4), infant, {}, {}, three);
  EXPECT_FALSE(allowed.refused()) << describe(allowed);
  EXPECT_NE(allowed.find("ibuprofen/under-6mo-caution"), nullptr);
  // 20 kg: 200 mg q6h = 800 mg = 40 mg/kg/day, the maximum; q4h = 1200 mg = 60 mg/kg/day, refused.
  EXPECT_TRUE(check(child(20, 72), make_order(scheduled("ibuprofen", Route::oral, 200, 6))).findings.empty());
  auto q4h = check(child(20, 72), make_order(scheduled("ibuprofen", Route::oral, 200, 4)));
  const Finding* f = q4h.find("ibuprofen/day-per-kg");
  ASSERT_NE(f, nullptr) << describe(q4h);
  EXPECT_NEAR(f->computed->value, 6 * 200.0 / 20, 1e-9);
  // A maximum number of doses a day limits the projection: q4h but at most 4 doses is 800 mg.
  auto capped = scheduled("ibuprofen", Route::oral, 200, 4);
  capped.max_doses_per_24h = 4;
  EXPECT_TRUE(check(child(20, 72), make_order(capped)).findings.empty());
}

TEST(NonOpioidCheck, GivenDoseInMillilitresWithoutConcentrationIsFlagged) {
  GivenDose unreadable{"acetaminophen", Route::oral, {5, AmountUnit::ml}, std::nullopt, hours_from_now(-1)};
  auto result = check(child(20, 72), make_order(scheduled("acetaminophen", Route::oral, 300, 6)), {}, {unreadable});
  EXPECT_NE(result.find("order/given-dose-unreadable"), nullptr) << describe(result);
}

}  // namespace
}  // namespace relief::acute
