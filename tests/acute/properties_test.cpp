// Properties over random children and orders. The expected outcome is worked out here from the
// reference numbers (clinical.md 4.1, 4.4), not read back from the formulary, so a drifting data
// file or a changed formula fails.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cmath>

#include "acute_test_support.hpp"

namespace relief::acute {
namespace {
using namespace testing;

// Whole tenths of a kilogram and of a mcg/kg, so the arithmetic is not on a rounding edge.
double tenths(int v) { return v / 10.0; }

RC_GTEST_PROP(DoseProperties, MorphineDemandIsRefusedExactlyAboveThirtyMcgPerKg, ()) {
  const double weight = tenths(*rc::gen::inRange(50, 501));        // 5 to 50 kg (above, the dosing weight is 50)
  const double mcg_per_kg = tenths(*rc::gen::inRange(10, 600));    // 1 to 60 mcg/kg
  RC_PRE(std::fabs(mcg_per_kg - 30) > 0.05 && std::fabs(mcg_per_kg - 20) > 0.05);
  auto o = morphine_pca(mcg_per_kg * weight / 1000, 10);
  auto result = check(child(weight, 120), make_order(o));
  const Finding* hard = result.find("morphine/pca-demand-hard");
  const Finding* soft = result.find("morphine/pca-demand-soft");
  RC_ASSERT((hard != nullptr) == (mcg_per_kg > 30));
  RC_ASSERT((soft != nullptr) == (mcg_per_kg > 20 && mcg_per_kg <= 30));
  if (hard) RC_ASSERT(std::fabs(hard->computed->value - mcg_per_kg) < 1e-6);
}

RC_GTEST_PROP(DoseProperties, FourHourTotalIsPressesAllowedByTheLockoutTimesTheDose, ()) {
  // Without pump limits the 4-hour total is floor(240 / lockout) demand doses plus 4 h of basal.
  const double weight = *rc::gen::inRange(10, 51);  // up to the 50 kg dosing-weight ceiling
  const int lockout = *rc::gen::inRange(5, 61);
  const double demand = tenths(*rc::gen::inRange(50, 300)) * weight / 1000;  // 5-30 mcg/kg
  const double basal = tenths(*rc::gen::inRange(0, 200)) * weight / 1000;    // 0-20 mcg/kg/h
  auto o = morphine_pca(demand, lockout);
  if (basal > 0) o.basal_rate_per_h = DrugAmount{basal, AmountUnit::mg};
  const double expected = ((240 / lockout) * demand + 4 * basal) * 1000 / weight;
  RC_PRE(std::fabs(expected - 300) > 1e-3 && std::fabs(expected - 400) > 1e-3);
  auto result = check(child(weight, 144), make_order(o));
  const Finding* hard = result.find("morphine/pca-4h-hard");
  const Finding* soft = result.find("morphine/pca-4h-soft");
  RC_ASSERT((hard != nullptr) == (expected > 400));
  RC_ASSERT((soft != nullptr) == (expected > 300 && expected <= 400));
  if (const Finding* f = hard ? hard : soft) RC_ASSERT(std::fabs(f->computed->value - expected) < 1e-6);
}

RC_GTEST_PROP(DoseProperties, AcetaminophenDailyTotalSumsEveryRouteInTheWorstWindow, ()) {
  // A child of 10 kg or more (default maximum 60 mg/kg/day) on IV q6h from now, with one oral dose
  // given h hours ago. The 24 h from that dose hold it and the IV doses at 0, 6, 12, 18 h that fall
  // before 24 - h; the window from now holds the 4 IV doses only.
  const double weight = *rc::gen::inRange(10, 40);
  const double iv = *rc::gen::inRange(5, 16);     // mg/kg per IV dose
  const double oral = *rc::gen::inRange(5, 16);   // mg/kg, the oral dose
  const int hours_ago = *rc::gen::inRange(1, 24);
  int iv_in_window = 0;
  for (int t = 0; t < 24; t += 6) iv_in_window += t < 24 - hours_ago;
  const double expected = std::max(oral + iv_in_window * iv, 4 * iv);
  RC_PRE(std::fabs(expected - 60) > 1e-6);
  auto result = check(child(weight, 60), make_order(scheduled("acetaminophen", Route::iv, iv * weight, 6)), {},
                      {GivenDose{"acetaminophen", Route::oral, {oral * weight, AmountUnit::mg}, std::nullopt,
                                 hours_from_now(-hours_ago)}});
  const Finding* f = result.find("acetaminophen/day-from-10kg-s111");
  RC_ASSERT((f != nullptr) == (expected > 60));
  if (f) RC_ASSERT(std::fabs(f->computed->value - expected) < 1e-6);
}

RC_GTEST_PROP(DoseProperties, InfusionCeilingFollowsTheAgeBand, ()) {
  // Bupivacaine 0.1% (1 mg/mL): mg/kg/h = (mL/h) / kg. Ceiling 0.2 under 6 months, 0.4 after ([S99]).
  const int age = *rc::gen::inRange(0, 180);
  const double weight = *rc::gen::inRange(3, 60);
  const double mg_kg_h = tenths(*rc::gen::inRange(1, 6));  // 0.1 to 0.5
  const double ceiling = age < 6 ? 0.2 : 0.4;
  RC_PRE(std::fabs(mg_kg_h - ceiling) > 1e-6);
  PatientFacts p{weight, age, 60};
  auto result = check(p, make_order(Modality::epidural, epidural("bupivacaine", 0.1, mg_kg_h * weight)));
  bool refused_for_rate = result.find(age < 6 ? "bupivacaine/infusion-infant-s99" : "bupivacaine/infusion-child-s99");
  RC_ASSERT(refused_for_rate == (mg_kg_h > ceiling));
}

RC_GTEST_PROP(DoseProperties, RaisingADoseNeverMakesTheCheckMorePermissive, ()) {
  const double weight = *rc::gen::inRange(5, 70);
  const double low = *rc::gen::inRange(1, 40);
  const double high = low + *rc::gen::inRange(1, 40);
  auto at = [&](double mcg_per_kg) {
    return check(child(weight, 100), make_order(morphine_pca(mcg_per_kg * weight / 1000, 10)));
  };
  auto a = at(low), b = at(high);
  RC_ASSERT(!a.refused() || b.refused());
  RC_ASSERT(b.findings.size() >= a.findings.size() || b.refused());
}

}  // namespace
}  // namespace relief::acute
