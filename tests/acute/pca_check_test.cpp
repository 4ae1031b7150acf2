// IV opioid PCA: worked examples with the arithmetic written out (shared/reference/clinical.md 4.1).
#include "acute_test_support.hpp"

namespace relief::acute {
namespace {
using namespace testing;

// A 20 kg, 10-year-old child on a morphine 1 mg/mL PCA with pump limits that keep within
// the reference: 2 mg in 1 h (100 mcg/kg) and 6 mg in 4 h (300 mcg/kg).
PcaOrder limited_morphine(double demand_mg) {
  auto o = morphine_pca(demand_mg, 10);
  o.limit_1h = DrugAmount{2, AmountUnit::mg};
  o.limit_4h = DrugAmount{6, AmountUnit::mg};
  return o;
}

TEST(PcaCheck, TwentyKgChildMorphineDemandOfPointFourMgIsWithinLimits) {
  // 0.4 mg / 20 kg = 0.02 mg/kg = 20 mcg/kg: at the soft limit (20), under the hard limit (30).
  // 1 h: 6 presses x 0.4 = 2.4 mg, capped by the 2 mg pump limit = 100 mcg/kg (soft limit 100).
  // 4 h: 24 presses x 0.4 = 9.6 mg, capped by the 6 mg pump limit = 300 mcg/kg (soft limit 300).
  auto result = check(child(20, 120), make_order(limited_morphine(0.4)));
  EXPECT_TRUE(result.findings.empty()) << describe(result);
  EXPECT_FALSE(result.refused());
  EXPECT_TRUE(contains(result.notice, "pharmacy"));
}

TEST(PcaCheck, DoubleTheDemandDoseIsRefusedNamingTheLimitAndSource) {
  // 0.8 mg / 20 kg = 40 mcg/kg, above the hard limit of 30 mcg/kg ([S94]).
  // The largest allowed demand dose is 30 mcg/kg x 20 kg = 600 mcg = 0.6 mg.
  auto result = check(child(20, 120), make_order(limited_morphine(0.8)));
  ASSERT_TRUE(result.refused()) << describe(result);
  const Finding* f = result.find("morphine/pca-demand-hard");
  ASSERT_NE(f, nullptr) << describe(result);
  EXPECT_EQ(f->severity, Severity::refuse);
  ASSERT_TRUE(f->computed && f->limit);
  EXPECT_NEAR(f->computed->value, 0.8 * 1000 / 20, 1e-9);
  EXPECT_EQ(f->computed->unit, "mcg/kg");
  EXPECT_DOUBLE_EQ(f->limit->value, 30);
  EXPECT_TRUE(contains(f->source, "[S94]"));
  EXPECT_EQ(f->evidence, "V");
  EXPECT_FALSE(f->pharmacy_confirmed);
  EXPECT_TRUE(contains(f->message, "40 mcg/kg")) << f->message;
  EXPECT_TRUE(contains(f->message, "30 mcg/kg")) << f->message;
  EXPECT_TRUE(contains(f->message, "0.6 mg")) << f->message;
  EXPECT_FALSE(override_problems(result, "the surgeon asked").empty());  // a refusal cannot be overridden
}

TEST(PcaCheck, SoftLimitWarnsAndNeedsAnOverrideReason) {
  // 0.5 mg / 20 kg = 25 mcg/kg: above the soft 20 (APA / OpenAnesthesia / Starship), below the hard 30.
  auto result = check(child(20, 120), make_order(limited_morphine(0.5)));
  EXPECT_FALSE(result.refused()) << describe(result);
  ASSERT_TRUE(result.needs_override());
  const Finding* f = result.find("morphine/pca-demand-soft");
  ASSERT_NE(f, nullptr) << describe(result);
  EXPECT_EQ(f->severity, Severity::warn);
  EXPECT_NEAR(f->computed->value, 25, 1e-9);
  EXPECT_DOUBLE_EQ(f->limit->value, 20);
  EXPECT_TRUE(contains(f->message, "override reason"));
  auto without = override_problems(result, "  ");
  ASSERT_EQ(without.size(), 1u);
  EXPECT_EQ(without[0].field, "override_reason");
  EXPECT_TRUE(override_problems(result, "opioid-tolerant: on morphine for 3 weeks").empty());
}

TEST(PcaCheck, FourHourLimitCountsTheDemandDosesTheLockoutAllows) {
  // No pump limits: a 10-minute lockout allows 240 / 10 = 24 demand doses in 4 hours.
  // 24 x 0.4 mg = 9.6 mg = 480 mcg/kg for 20 kg, above the hard 400 mcg/kg ([S95]).
  // Program at most 400 x 20 = 8000 mcg = 8 mg. In 1 hour: 6 x 0.4 = 2.4 mg = 120 mcg/kg > 100 (soft).
  auto result = check(child(20, 120), make_order(morphine_pca(0.4, 10)));
  const Finding* four = result.find("morphine/pca-4h-hard");
  ASSERT_NE(four, nullptr) << describe(result);
  EXPECT_NEAR(four->computed->value, 24 * 0.4 * 1000 / 20, 1e-9);
  EXPECT_DOUBLE_EQ(four->limit->value, 400);
  EXPECT_TRUE(contains(four->message, "24 demand doses")) << four->message;
  EXPECT_TRUE(contains(four->message, "8 mg")) << four->message;
  const Finding* hour = result.find("morphine/pca-1h-soft");
  ASSERT_NE(hour, nullptr) << describe(result);
  EXPECT_NEAR(hour->computed->value, 6 * 0.4 * 1000 / 20, 1e-9);
  EXPECT_EQ(hour->evidence, "derived");

  // A 15-minute lockout: 16 doses x 0.4 = 6.4 mg = 320 mcg/kg: over the soft 300, under the hard 400.
  // 1 hour: 4 x 0.4 = 1.6 mg = 80 mcg/kg: fine.
  auto slower = check(child(20, 120), make_order(morphine_pca(0.4, 15)));
  EXPECT_FALSE(slower.refused()) << describe(slower);
  const Finding* soft = slower.find("morphine/pca-4h-soft");
  ASSERT_NE(soft, nullptr) << describe(slower);
  EXPECT_NEAR(soft->computed->value, 16 * 0.4 * 1000 / 20, 1e-9);
  EXPECT_EQ(slower.find("morphine/pca-1h-soft"), nullptr);
}

TEST(PcaCheck, PumpLimitsAndBasalEnterTheFourHourTotal) {
  // Basal 0.2 mg/h (10 mcg/kg/h, at the soft limit) + 24 x 0.4 mg = 9.6 + 0.8 = 10.4 mg possible.
  // A 4-hour limit of 7 mg caps it at 7 mg = 350 mcg/kg: a warning (soft 300), not a refusal.
  auto o = morphine_pca(0.4, 10);
  o.basal_rate_per_h = DrugAmount{0.2, AmountUnit::mg};
  o.limit_4h = DrugAmount{7, AmountUnit::mg};
  auto capped_by_4h = check(child(20, 120), make_order(o));
  ASSERT_NE(capped_by_4h.find("morphine/pca-4h-soft"), nullptr) << describe(capped_by_4h);
  EXPECT_NEAR(capped_by_4h.find("morphine/pca-4h-soft")->computed->value, 7.0 * 1000 / 20, 1e-9);
  EXPECT_EQ(capped_by_4h.find("morphine/pca-basal-soft"), nullptr);

  // A 1-hour limit of 1.5 mg caps 4 hours at 4 x 1.5 = 6 mg = 300 mcg/kg: within every limit.
  o.limit_1h = DrugAmount{1.5, AmountUnit::mg};
  auto capped_by_1h = check(child(20, 120), make_order(o));
  EXPECT_TRUE(capped_by_1h.findings.empty()) << describe(capped_by_1h);
}

TEST(PcaCheck, DemandDoseInMillilitresUsesTheSyringeConcentration) {
  // RCH: 0.5 mg/kg in 50 mL, 2 mL bolus = 20 mcg/kg. For 20 kg: 10 mg in 50 mL = 0.2 mg/mL;
  // 2 mL = 0.4 mg = 20 mcg/kg.
  auto o = limited_morphine(0);
  o.concentration = {0.2, ConcentrationUnit::mg_per_ml};
  o.demand_dose = {2, AmountUnit::ml};
  auto fine = check(child(20, 120), make_order(o));
  EXPECT_TRUE(fine.findings.empty()) << describe(fine);
  o.demand_dose = {4, AmountUnit::ml};  // 0.8 mg = 40 mcg/kg
  EXPECT_NE(check(child(20, 120), make_order(o)).find("morphine/pca-demand-hard"), nullptr);
}

// Fentanyl 10 mcg/mL with a 10-minute lockout; amounts in mcg.
PcaOrder fentanyl_pca(double demand, double basal_per_h, double limit_1h, double limit_4h) {
  PcaOrder o;
  o.drug = "fentanyl";
  o.concentration = {10, ConcentrationUnit::mcg_per_ml};
  o.demand_dose = {demand, AmountUnit::mcg};
  o.lockout_min = 10;
  o.basal_rate_per_h = DrugAmount{basal_per_h, AmountUnit::mcg};
  o.limit_1h = DrugAmount{limit_1h, AmountUnit::mcg};
  o.limit_4h = DrugAmount{limit_4h, AmountUnit::mcg};
  return o;
}

TEST(PcaCheck, BasalRatePerKgAndTheAbsoluteFentanylCap) {
  // 45 kg: fentanyl basal 18 mcg/h = 0.4 mcg/kg/h: under the hard 0.5, over the soft 0.2.
  auto within = check(child(45, 150), make_order(fentanyl_pca(5, 18, 50, 200)));
  const Finding* soft = within.find("fentanyl/pca-basal-soft");
  ASSERT_NE(soft, nullptr) << describe(within);
  EXPECT_NEAR(soft->computed->value, 18.0 / 45, 1e-9);
  EXPECT_EQ(within.find("fentanyl/pca-basal-hard"), nullptr) << describe(within);

  // 70 kg: 28 mcg/h is over the absolute 25 mcg/h of [S94], which refuses; per kg it is
  // counted at the 50 kg dosing-weight ceiling, 0.56 mcg/kg/h, over the hard 0.5 too.
  auto o = fentanyl_pca(10, 28, 75, 300);  // demand 0.14 mcg/kg
  auto result = check(child(70, 180), make_order(o));
  const Finding* absolute = result.find("fentanyl/pca-basal-absolute");
  ASSERT_NE(absolute, nullptr) << describe(result);
  EXPECT_EQ(absolute->severity, Severity::refuse);
  EXPECT_NEAR(absolute->computed->value, 28, 1e-9);
  EXPECT_EQ(absolute->computed->unit, "mcg/h");
  const Finding* per_kg = result.find("fentanyl/pca-basal-hard");
  ASSERT_NE(per_kg, nullptr) << describe(result);
  EXPECT_NEAR(per_kg->computed->value, 28.0 / 50, 1e-9);
  EXPECT_TRUE(contains(per_kg->message, "the child weighs 70 kg")) << per_kg->message;
}

// A 120 kg adolescent: per kg alone, a 3.6 mg morphine demand dose (30 mcg/kg) was only over the
// soft limit. At the 50 kg dosing-weight ceiling it is 72 mcg/kg, over the hard 30: refused.
// 1 mg (20 mcg/kg at 50 kg, an adult's usual demand dose) passes.
TEST(PcaCheck, AboveFiftyKgPerKgOpioidLimitsAreAppliedAtFiftyKg) {
  auto big = morphine_pca(3.6, 10);
  big.limit_1h = DrugAmount{12, AmountUnit::mg};
  big.limit_4h = DrugAmount{48, AmountUnit::mg};
  auto result = check(child(120, 192), make_order(big));
  const Finding* f = result.find("morphine/pca-demand-hard");
  ASSERT_NE(f, nullptr) << describe(result);
  EXPECT_NEAR(f->computed->value, 3.6 * 1000 / 50, 1e-9);
  EXPECT_TRUE(contains(f->message, "50 kg (the dosing-weight ceiling")) << f->message;
  auto usual = morphine_pca(1, 10);
  usual.limit_1h = DrugAmount{6, AmountUnit::mg};
  usual.limit_4h = DrugAmount{15, AmountUnit::mg};
  EXPECT_FALSE(check(child(120, 192), make_order(usual)).refused()) << describe(check(child(120, 192), make_order(usual)));
}

// One PCA pump per child: a second PCA is refused whatever its drug; a change to the running one
// (which replaces it, so it is not among the running orders) is checked as usual.
TEST(PcaCheck, ASecondPcaIsRefusedAndAnEpiduralOpioidBesideOneWarns) {
  auto first = morphine_pca(0.6, 10);
  first.limit_1h = DrugAmount{3, AmountUnit::mg};
  first.limit_4h = DrugAmount{9, AmountUnit::mg};
  ActiveOrder running{make_order(first), std::nullopt};
  auto second = check(child(30, 120), make_order(first), {running});
  const Finding* f = second.find("order/second-pca");
  ASSERT_NE(f, nullptr) << describe(second);
  EXPECT_EQ(f->severity, Severity::refuse);
  EXPECT_TRUE(contains(f->message, "an IV opioid PCA of morphine is already running")) << f->message;
  EXPECT_TRUE(check(child(30, 120), make_order(first)).findings.empty()) << describe(check(child(30, 120), make_order(first)));

  // Bupivacaine 0.1% with fentanyl 2 mcg/mL by epidural while the morphine PCA runs.
  auto epi = epidural("bupivacaine", 0.1, 6);
  epi.additives.push_back({"fentanyl", {2, ConcentrationUnit::mcg_per_ml}});
  auto both = check(child(30, 120), make_order(Modality::epidural, epi), {running});
  const Finding* w = both.find("order/opioid-from-two-orders");
  ASSERT_NE(w, nullptr) << describe(both);
  EXPECT_EQ(w->severity, Severity::warn);
  EXPECT_TRUE(contains(w->message, "IV opioid PCA (morphine)")) << w->message;
  EXPECT_TRUE(check(child(30, 120), make_order(Modality::epidural, epi)).findings.empty());
}

TEST(PcaCheck, YoungChildPressingTheButtonWarnsNurseControlledDoesNot) {
  auto o = limited_morphine(0.3);  // 16 kg 4-year-old: 18.75 mcg/kg
  o.limit_1h = DrugAmount{1.5, AmountUnit::mg};
  o.limit_4h = DrugAmount{4.8, AmountUnit::mg};
  auto patient = check(child(16, 48), make_order(o));
  const Finding* f = patient.find("morphine/pca-patient-min-age");
  ASSERT_NE(f, nullptr) << describe(patient);
  EXPECT_EQ(f->severity, Severity::warn);
  EXPECT_TRUE(contains(f->message, "nurse- or parent-controlled"));
  o.controller = PcaController::nurse;
  EXPECT_TRUE(check(child(16, 48), make_order(o)).findings.empty());
}

TEST(PcaCheck, NoWeightRefusesWithAClearMessageAndChecksNothingElse) {
  PatientFacts unknown{std::nullopt, 120, std::nullopt};
  auto result = check(unknown, make_order(morphine_pca(0.8, 10)));
  ASSERT_EQ(result.findings.size(), 1u) << describe(result);
  EXPECT_EQ(result.findings[0].rule, "order/weight-required");
  EXPECT_EQ(result.findings[0].severity, Severity::refuse);
  EXPECT_TRUE(contains(result.findings[0].message, "weight"));
}

// A 6-year-old dosed on the 17.7 kg he weighed at 4: the order is not refused (the weight is
// plausible) but needs an override, and the warning says when he was weighed.
TEST(PcaCheck, AWeightRecordedMonthsAgoIsWarnedAbout) {
  auto facts = child(17.7, 72);
  facts.weight_recorded = hours_from_now(-24.0 * 729);
  auto o = limited_morphine(0.3);  // 17 mcg/kg, within every limit
  o.limit_1h = DrugAmount{1.5, AmountUnit::mg};
  o.limit_4h = DrugAmount{4.8, AmountUnit::mg};
  auto result = check(facts, make_order(o));
  ASSERT_EQ(result.findings.size(), 1u) << describe(result);
  const Finding* f = result.find("order/weight-old");
  ASSERT_NE(f, nullptr) << describe(result);
  EXPECT_EQ(f->severity, Severity::warn);
  EXPECT_TRUE(contains(f->message, "17.7 kg was recorded on 2023-03-03, 729 days ago")) << f->message;
  EXPECT_TRUE(result.needs_override());
  // Weighed last week: nothing to say about the weight.
  facts.weight_recorded = hours_from_now(-24.0 * 7);
  EXPECT_TRUE(check(facts, make_order(o)).findings.empty());
}

TEST(PcaCheck, DrugOutsideTheFormularyOrByAnUnlistedRouteIsRefused) {
  auto o = morphine_pca(0.4, 10);
  o.drug = "oxycodone";
  EXPECT_NE(check(child(20, 120), make_order(o)).find("order/not-in-formulary"), nullptr);
  auto wrong_route = scheduled("morphine", Route::oral, 4, 4);
  EXPECT_NE(check(child(20, 120), make_order(wrong_route)).find("order/route-not-in-formulary"), nullptr);
}

TEST(PcaCheck, InvalidOrderIsRefusedWithItsFieldProblems) {
  auto result = check(child(20, 120), make_order(morphine_pca(0.4, 3)));
  ASSERT_TRUE(result.refused());
  EXPECT_EQ(result.findings[0].rule, "order/invalid");
  EXPECT_TRUE(contains(result.findings[0].message, "pca.lockout_min"));
}

}  // namespace
}  // namespace relief::acute
