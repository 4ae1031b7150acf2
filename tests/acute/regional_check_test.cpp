// Epidural and nerve catheters, blocks, and cumulative local anaesthetic (clinical.md 4.2, 4.3).
// mL x % -> mg: 1% is 10 mg/mL, so 0.1% = 1 mg/mL and 0.25% = 2.5 mg/mL.
#include "acute_test_support.hpp"

namespace relief::acute {
namespace {
using namespace testing;

BlockOrder block(std::string drug, Route route, double percent, double volume_ml, bool adrenaline = false) {
  BlockOrder b;
  b.site = route == Route::epidural ? "caudal" : "femoral nerve";
  b.route = route;
  b.drug = std::move(drug);
  b.concentration = {percent, ConcentrationUnit::percent};
  b.volume_ml = volume_ml;
  b.with_adrenaline = adrenaline;
  return b;
}

TEST(RegionalCheck, SixKgFourMonthOldBupivacaineEpiduralAboveTheInfantCeilingIsRefused) {
  // 0.1% = 1 mg/mL; 1.5 mL/h = 1.5 mg/h; / 6 kg = 0.25 mg/kg/h > 0.2 mg/kg/h (under 6 months, [S99]).
  // The highest rate is 0.2 x 6 / 1 = 1.2 mL/h.
  auto result = check(child(6, 4), make_order(Modality::epidural, epidural("bupivacaine", 0.1, 1.5)));
  ASSERT_TRUE(result.refused()) << describe(result);
  const Finding* f = result.find("bupivacaine/infusion-infant-s99");
  ASSERT_NE(f, nullptr) << describe(result);
  EXPECT_NEAR(f->computed->value, 1.5 * 1.0 / 6, 1e-9);
  EXPECT_EQ(f->computed->unit, "mg/kg/h");
  EXPECT_DOUBLE_EQ(f->limit->value, 0.2);
  EXPECT_TRUE(contains(f->source, "[S99]"));
  EXPECT_TRUE(contains(f->message, "0.25 mg/kg/h")) << f->message;
  EXPECT_TRUE(contains(f->message, "1.2 mL/h")) << f->message;
  EXPECT_TRUE(contains(f->message, "under 6 months")) << f->message;
}

TEST(RegionalCheck, SixKgFourMonthOldAtOneMlPerHourIsWithinLimits) {
  // 1 mL/h x 1 mg/mL = 1 mg/h; / 6 kg = 0.167 mg/kg/h <= 0.2. Volume 1/6 = 0.167 mL/kg/h <= 0.3.
  // Over 24 h: 24 mg = 4 mg/kg <= 4.8 (0.2 x 24).
  auto result = check(child(6, 4), make_order(Modality::epidural, epidural("bupivacaine", 0.1, 1)));
  EXPECT_TRUE(result.findings.empty()) << describe(result);
}

TEST(RegionalCheck, TheSiteMayChooseTheUpToDateAgeBands) {
  // [S100] allows 0.3 mg/kg/h from 3 to 12 months, so 0.25 mg/kg/h at 4 months passes.
  auto f = shipped_formulary().configured({{{"bupivacaine/infusion-ceiling", "s100-uptodate"}}, {}});
  auto result = check(child(6, 4), make_order(Modality::epidural, epidural("bupivacaine", 0.1, 1.5)), {}, {}, f);
  EXPECT_FALSE(result.refused()) << describe(result);
  // ... and still refuses at 2 months (0.2 under 3 months).
  EXPECT_NE(check(child(6, 2), make_order(Modality::epidural, epidural("bupivacaine", 0.1, 1.5)), {}, {}, f)
                .find("bupivacaine/infusion-under-3mo-s100"),
            nullptr);
}

TEST(RegionalCheck, CumulativeBupivacaineFromABlockAndAnEpiduralCrossesTheTwentyFourHourLimit) {
  // 20 kg, 5 years. A caudal of 20 mL of 0.25% one hour ago: 20 x 2.5 = 50 mg (2.5 mg/kg).
  // Proposed: epidural 0.2% (2 mg/mL) at 4 mL/h = 8 mg/h = 0.4 mg/kg/h, at the ceiling
  // (0.2 mL/kg/h, within the 0.3 mL/kg/h volume limit).
  // The 24 h from the caudal: 50 + 8 x 23 = 234 mg = 11.7 mg/kg > 9.6 (0.4 x 24; soft, derived).
  GivenDose caudal{"bupivacaine", Route::epidural, {20, AmountUnit::ml}, Concentration{0.25, ConcentrationUnit::percent},
                   hours_from_now(-1)};
  auto order = make_order(Modality::epidural, epidural("bupivacaine", 0.2, 4));
  auto result = check(child(20, 60), order, {}, {caudal});
  EXPECT_FALSE(result.refused()) << describe(result);
  const Finding* f = result.find("bupivacaine/day-child-s99");
  ASSERT_NE(f, nullptr) << describe(result);
  EXPECT_EQ(f->severity, Severity::warn);
  EXPECT_NEAR(f->computed->value, (50 + 8.0 * 23) / 20, 1e-9);
  EXPECT_DOUBLE_EQ(f->limit->value, 9.6);
  EXPECT_EQ(f->evidence, "derived");
  EXPECT_TRUE(contains(f->message, "1 h ago")) << f->message;
  EXPECT_TRUE(contains(f->message, "given: epidural 50 mg")) << f->message;
  EXPECT_TRUE(contains(f->message, "this order: epidural 184 mg")) << f->message;

  // Without the caudal the infusion alone is 8 x 24 = 192 mg = 9.6 mg/kg: at the limit, no finding.
  EXPECT_TRUE(check(child(20, 60), order).findings.empty()) << describe(check(child(20, 60), order));

  // The same, the other way round: the epidural runs and the block is proposed now.
  ActiveOrder running{order, std::nullopt};
  auto block_now = check(child(20, 60), make_order(Modality::single_shot_block, block("bupivacaine", Route::epidural, 0.25, 20)),
                         {running});
  const Finding* g = block_now.find("bupivacaine/day-child-s99");
  ASSERT_NE(g, nullptr) << describe(block_now);
  EXPECT_NEAR(g->computed->value, (50 + 8.0 * 24) / 20, 1e-9);
}

TEST(RegionalCheck, AmideDosesFallThirtyPercentUnderSixMonths) {
  // 5 kg, 3 months, femoral block, plain bupivacaine: 2 mg/kg (site default) less 30% = 1.4 mg/kg.
  // 3 mL of 0.25% = 7.5 mg = 1.5 mg/kg > 1.4: refused. At 9 months the limit is 2 mg/kg: allowed.
  auto order = make_order(Modality::single_shot_block, block("bupivacaine", Route::perineural, 0.25, 3));
  auto infant = check(child(5, 3), order);
  const Finding* f = infant.find("bupivacaine/single-plain-2");
  ASSERT_NE(f, nullptr) << describe(infant);
  EXPECT_NEAR(f->computed->value, 3 * 2.5 / 5, 1e-9);
  EXPECT_NEAR(f->limit->value, 2 * 0.7, 1e-9);
  EXPECT_TRUE(contains(f->message, "less 30%")) << f->message;
  EXPECT_TRUE(contains(f->message, "[S106]")) << f->message;
  EXPECT_FALSE(check(child(5, 9), order).refused()) << describe(check(child(5, 9), order));
}

TEST(RegionalCheck, AdrenalineRaisesTheSingleShotMaximum) {
  // 20 kg: 10 mL of 0.5% plain bupivacaine = 50 mg = 2.5 mg/kg > 2 (plain, default). With
  // adrenaline the maximum is 3 mg/kg.
  auto plain = check(child(20, 96), make_order(Modality::single_shot_block, block("bupivacaine", Route::perineural, 0.5, 10)));
  EXPECT_NE(plain.find("bupivacaine/single-plain-2"), nullptr) << describe(plain);
  auto with = check(child(20, 96), make_order(Modality::single_shot_block, block("bupivacaine", Route::perineural, 0.5, 10, true)));
  EXPECT_FALSE(with.refused()) << describe(with);
  // A site that follows the 2.5 mg/kg plain maximum allows the plain block too.
  auto f = shipped_formulary().configured({{{"bupivacaine/plain-single-max", "2.5"}}, {}});
  EXPECT_FALSE(check(child(20, 96), make_order(Modality::single_shot_block, block("bupivacaine", Route::perineural, 0.5, 10)), {}, {}, f)
                   .refused());
}

TEST(RegionalCheck, CaudalSingleShotUsesTheCaudalTable) {
  // 20 kg: 20 mL of 0.25% = 50 mg = 2.5 mg/kg, the caudal maximum ([S100]); 24 mL = 3 mg/kg is refused.
  EXPECT_FALSE(check(child(20, 60), make_order(Modality::single_shot_block, block("bupivacaine", Route::epidural, 0.25, 20))).refused());
  auto over = check(child(20, 60), make_order(Modality::single_shot_block, block("bupivacaine", Route::epidural, 0.25, 24)));
  EXPECT_NE(over.find("bupivacaine/single-caudal-epidural"), nullptr) << describe(over);
}

TEST(RegionalCheck, LidocainePlainMaximumIsASiteChoice) {
  // 20 kg: 9 mL of 1% lidocaine = 90 mg = 4.5 mg/kg: over 4 (default), within 4.5 and 5.
  auto order = make_order(Modality::single_shot_block, block("lidocaine", Route::infiltration, 1, 9));
  EXPECT_NE(check(child(20, 120), order).find("lidocaine/single-plain-4"), nullptr);
  for (std::string option : {"4.5", "5"}) {
    auto f = shipped_formulary().configured({{{"lidocaine/plain-max", option}}, {}});
    EXPECT_FALSE(check(child(20, 120), order, {}, {}, f).refused()) << option;
  }
}

TEST(RegionalCheck, OpioidAdditiveConcentrationIsChecked) {
  // Fentanyl 5 mcg/mL in the epidural: above the 2 mcg/mL of [S104][S101] (soft).
  auto o = epidural("bupivacaine", 0.1, 6);
  o.additives.push_back({"fentanyl", {5, ConcentrationUnit::mcg_per_ml}});
  auto result = check(child(20, 96), make_order(Modality::epidural, o));
  const Finding* f = result.find("fentanyl/epidural-additive");
  ASSERT_NE(f, nullptr) << describe(result);
  EXPECT_NEAR(f->computed->value, 5, 1e-9);
  o.additives[0].concentration = {2, ConcentrationUnit::mcg_per_ml};
  EXPECT_TRUE(check(child(20, 96), make_order(Modality::epidural, o)).findings.empty());
  o.additives[0].drug = "morphine";  // not listed for the epidural route
  EXPECT_NE(check(child(20, 96), make_order(Modality::epidural, o)).find("order/route-not-in-formulary"), nullptr);
}

// A unit slip: fentanyl 2 mg/mL (2000 mcg/mL) meant as 2 mcg/mL. Over the soft 2 mcg/mL it
// only warned, and an override reason let 12 mg/h of epidural fentanyl through.
TEST(RegionalCheck, AnAdditiveFarAboveItsRangeIsRefused) {
  auto o = epidural("bupivacaine", 0.1, 6);
  o.additives.push_back({"fentanyl", {2, ConcentrationUnit::mg_per_ml}});
  auto result = check(child(20, 96), make_order(Modality::epidural, o));
  const Finding* f = result.find("fentanyl/epidural-additive-ceiling");
  ASSERT_NE(f, nullptr) << describe(result);
  EXPECT_EQ(f->severity, Severity::refuse);
  EXPECT_NEAR(f->computed->value, 2000, 1e-9);
  EXPECT_EQ(f->evidence, "M");
}

// 20 kg, 6 years: a caudal of 20 mL of 0.25% bupivacaine is 50 mg, 2.5 mg/kg, the caudal maximum.
// Given an hour ago, the same block again makes 5 mg/kg: refused, where each alone passed.
// Five hours later the first no longer counts (the 24-hour total still does).
TEST(RegionalCheck, ASecondBlockWithinFourHoursCountsWithTheFirst) {
  GivenDose caudal{"bupivacaine", Route::epidural, {20, AmountUnit::ml}, Concentration{0.25, ConcentrationUnit::percent},
                   hours_from_now(-1), true};
  auto again = make_order(Modality::single_shot_block, block("bupivacaine", Route::epidural, 0.25, 20));
  auto result = check(child(20, 72), again, {}, {caudal});
  const Finding* f = result.find("bupivacaine/single-caudal-epidural");
  ASSERT_NE(f, nullptr) << describe(result);
  EXPECT_EQ(f->severity, Severity::refuse);
  EXPECT_NEAR(f->computed->value, 5, 1e-9);
  EXPECT_TRUE(contains(f->message, "1 block of Bupivacaine given in the last 4 hours (50 mg)")) << f->message;
  EXPECT_TRUE(contains(f->message, "No more can be given now.")) << f->message;

  caudal.at = hours_from_now(-5);
  EXPECT_FALSE(check(child(20, 72), again, {}, {caudal}).refused()) << describe(check(child(20, 72), again, {}, {caudal}));
  // An hour of an epidural infusion is not a block: it counts in the 24-hour total only.
  GivenDose infusion_hour{"bupivacaine", Route::epidural, {4, AmountUnit::ml}, Concentration{0.2, ConcentrationUnit::percent},
                          hours_from_now(-1)};
  EXPECT_FALSE(check(child(20, 72), again, {}, {infusion_hour}).refused());
}

TEST(RegionalCheck, CliniciansBolusesAreCheckedAsSingleDosesAndCounted) {
  // 20 kg, bupivacaine 0.1% epidural at 6 mL/h with 20 mL boluses: 20 mg = 1 mg/kg (<= 2.5 caudal/epidural).
  // Three boluses in 4 hours is more than Starship's two ([S101], soft).
  auto o = epidural("bupivacaine", 0.1, 6);
  o.clinician_bolus = ClinicianBolus{20, 15, 3};
  auto result = check(child(20, 96), make_order(Modality::epidural, o));
  EXPECT_FALSE(result.refused()) << describe(result);
  EXPECT_NE(result.find("bupivacaine/boluses-per-4h"), nullptr) << describe(result);
  o.clinician_bolus = ClinicianBolus{60, 15, 2};  // 60 mg = 3 mg/kg > 2.5
  EXPECT_NE(check(child(20, 96), make_order(Modality::epidural, o)).find("bupivacaine/single-caudal-epidural"), nullptr);
}

// A bolus-only epidural (no infusion) has no 24-hour infusion total: it was told that "no
// formulary limit covers the 24-hour total", though the limit exists and there was nothing to add.
TEST(RegionalCheck, ABolusOnlyEpiduralIsNotToldItsDailyTotalIsUnchecked) {
  auto o = epidural("bupivacaine", 0.25, 0);
  o.clinician_bolus = ClinicianBolus{20, 15, 2};  // 50 mg = 2.5 mg/kg at 20 kg, the maximum
  auto result = check(child(20, 96), make_order(Modality::epidural, o));
  EXPECT_TRUE(result.findings.empty()) << describe(result);
}

TEST(RegionalCheck, LocalAnaestheticsFromTwoAgentsAddUp) {
  // 20 kg: lidocaine 1% with adrenaline, 10 mL given 2 h ago = 100 mg = 5 mg/kg, 71% of its 7 mg/kg.
  // Proposed ropivacaine 0.2% at 3 mL/h = 6 mg/h = 0.3 mg/kg/h; 24 h = 7.2 mg/kg, 75% of 9.6.
  // From the lidocaine dose the window holds 5/7 (71%) + 6 x 22 h = 132 mg = 6.6 mg/kg of 9.6 (69%):
  // together 140% of their maxima, a warning, though each alone is within its own.
  GivenDose lido{"lidocaine", Route::infiltration, {10, AmountUnit::ml}, Concentration{1, ConcentrationUnit::percent},
                 hours_from_now(-2)};
  auto result = check(child(20, 96), make_order(Modality::peripheral_nerve_catheter, epidural("ropivacaine", 0.2, 3)), {}, {lido});
  const Finding* f = result.find("order/local-anaesthetic-combined");
  ASSERT_NE(f, nullptr) << describe(result);
  // The window from the lidocaine: 5/7 + (6 x 22 / 20) / 9.6.
  EXPECT_NEAR(f->computed->value, (5.0 / 7 + (6.0 * 22 / 20) / 9.6) * 100, 1e-6);
  EXPECT_EQ(result.find("ropivacaine/day-from-12mo"), nullptr);
}

TEST(RegionalCheck, NeonateWithoutPostmenstrualAgeIsTakenAsTermAndTold) {
  // 3.5 kg newborn, ropivacaine 0.1% at 0.5 mL/h = 0.5 mg/h = 0.14 mg/kg/h (<= 0.2).
  auto result = check(child(3.5, 0), make_order(Modality::epidural, epidural("ropivacaine", 0.1, 0.5)));
  EXPECT_FALSE(result.refused()) << describe(result);
  EXPECT_NE(result.find("order/pma-assumed-term"), nullptr) << describe(result);
  EXPECT_NE(result.find("ropivacaine/special-risk-neonate"), nullptr) << describe(result);  // under 44 weeks PMA
  PatientFacts older_infant{6, 4, 57};
  EXPECT_TRUE(check(older_infant, make_order(Modality::epidural, epidural("ropivacaine", 0.1, 1))).findings.empty());
}

}  // namespace
}  // namespace relief::acute
