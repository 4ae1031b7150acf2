// Order value types: field-level validation and the JSON form the store keeps.
#include <boost/json.hpp>
#include <cmath>

#include "acute_test_support.hpp"
#include "core/json_conversions.hpp"

namespace relief::acute {
namespace {
using namespace testing;

bool has_field(const std::vector<Problem>& problems, const std::string& field) {
  return std::any_of(problems.begin(), problems.end(), [&](const Problem& p) { return p.field == field; });
}

TEST(ModalityOrder, PcaLockoutMustBeFiveToSixtyMinutes) {
  EXPECT_TRUE(validate_order(make_order(morphine_pca(0.4, 5))).empty());
  EXPECT_TRUE(validate_order(make_order(morphine_pca(0.4, 60))).empty());
  EXPECT_TRUE(has_field(validate_order(make_order(morphine_pca(0.4, 4))), "pca.lockout_min"));
  EXPECT_TRUE(has_field(validate_order(make_order(morphine_pca(0.4, 61))), "pca.lockout_min"));
}

TEST(ModalityOrder, NumbersMustBePositiveAndLimitsConsistent) {
  auto o = morphine_pca(0, 10);
  o.concentration.value = -1;
  o.basal_rate_per_h = DrugAmount{-0.1, AmountUnit::mg};
  o.limit_1h = DrugAmount{3, AmountUnit::mg};
  o.limit_4h = DrugAmount{2, AmountUnit::mg};
  auto problems = validate_order(make_order(o));
  for (auto field : {"pca.demand_dose.value", "pca.concentration.value", "pca.basal_rate_per_h.value", "pca.limit_4h"})
    EXPECT_TRUE(has_field(problems, field)) << field;
  o = morphine_pca(std::nan(""), 10);
  EXPECT_TRUE(has_field(validate_order(make_order(o)), "pca.demand_dose.value"));
}

TEST(ModalityOrder, TheBodyMustMatchTheKind) {
  auto o = make_order(morphine_pca(0.4, 10));
  o.kind = Modality::epidural;
  auto problems = validate_order(o);
  EXPECT_TRUE(has_field(problems, "catheter"));
  EXPECT_TRUE(has_field(problems, "pca"));
}

TEST(ModalityOrder, RegionalAndOtherModalitiesHaveTheirOwnSense) {
  auto cat = epidural("bupivacaine", 20, 0);  // 20% is a unit slip; no rate and no bolus delivers nothing
  cat.site = "";
  auto problems = validate_order(make_order(Modality::epidural, cat));
  for (auto field : {"catheter.concentration.value", "catheter.rate_ml_h", "catheter.site"})
    EXPECT_TRUE(has_field(problems, field)) << field;

  BlockOrder spinal{"L4-5", Route::perineural, "bupivacaine", {0.5, ConcentrationUnit::percent}, 1, false, {}};
  EXPECT_TRUE(has_field(validate_order(make_order(Modality::spinal, spinal)), "block.route"));
  spinal.route = Route::intrathecal;
  EXPECT_TRUE(validate_order(make_order(Modality::spinal, spinal)).empty());

  auto s = scheduled("acetaminophen", Route::oral, 200, 6);
  s.dose.unit = AmountUnit::ml;
  EXPECT_TRUE(has_field(validate_order(make_order(s)), "scheduled.dose.unit"));

  EXPECT_TRUE(has_field(validate_order(make_order(NonDrugOrder{NonDrugKind::other, "", ""})), "non_drug.description"));
  EXPECT_TRUE(validate_order(make_order(NonDrugOrder{NonDrugKind::animal_assisted, "", "daily"})).empty());
  EXPECT_TRUE(has_field(validate_order(make_order(TopicalOrder{"", "", "", ""})), "topical.product"));
}

TEST(ModalityOrder, NonDrugAndTopicalOrdersNeedNoWeightAndCarryNoDoseFindings) {
  PatientFacts unknown{std::nullopt, 30, std::nullopt};
  auto dog = make_order(NonDrugOrder{NonDrugKind::animal_assisted, "therapy dog visit", "daily"});
  EXPECT_TRUE(check(unknown, dog).findings.empty());
  auto cream = make_order(TopicalOrder{"lidocaine 4% cream", "both hands", "1 g", "before cannulation"});
  EXPECT_TRUE(check(unknown, cream).findings.empty());
}

TEST(ModalityOrder, JsonRoundTripKeepsEveryField) {
  auto o = epidural("ropivacaine", 0.2, 4);
  o.additives.push_back({"clonidine", {1, ConcentrationUnit::mcg_per_ml}});
  o.clinician_bolus = ClinicianBolus{4, 15, 2};
  auto order = make_order(Modality::epidural, o);
  order.indication = "Nuss procedure";
  auto json = boost::json::value_from(order);
  EXPECT_EQ(json.at("kind").as_string(), "epidural");
  EXPECT_EQ(json.at("catheter").at("concentration").at("unit").as_string(), "percent");
  auto back = boost::json::value_to<ModalityOrder>(json);
  EXPECT_EQ(boost::json::serialize(boost::json::value_from(back)), boost::json::serialize(json));
  EXPECT_EQ(back.catheter->additives.at(0).drug, "clonidine");
  EXPECT_DOUBLE_EQ(back.catheter->clinician_bolus->volume_ml, 4);
  EXPECT_FALSE(back.pca.has_value());

  // Findings serialise too, for the order screen and the audit.
  auto result = check(child(20, 120), make_order(morphine_pca(0.8, 10)));
  auto fj = boost::json::value_from(result);
  EXPECT_EQ(fj.at("findings").at(0).at("severity").as_string(), "refuse");
}

TEST(Quantity, PercentConvertsTenMilligramsPerMillilitrePerPercent) {
  EXPECT_DOUBLE_EQ(mg_per_ml({0.25, ConcentrationUnit::percent}), 2.5);
  EXPECT_DOUBLE_EQ(mg_per_ml({0.1, ConcentrationUnit::percent}), 1);
  EXPECT_DOUBLE_EQ(mg_per_ml({10, ConcentrationUnit::mcg_per_ml}), 0.01);
  EXPECT_DOUBLE_EQ(*to_mg({20, AmountUnit::ml}, Concentration{0.25, ConcentrationUnit::percent}), 50);
  EXPECT_DOUBLE_EQ(*to_mg({400, AmountUnit::mcg}, std::nullopt), 0.4);
  EXPECT_FALSE(to_mg({2, AmountUnit::ml}, std::nullopt).has_value());
  EXPECT_EQ(format(Quantity{1.0 / 6, "mg/kg/h"}), "0.167 mg/kg/h");
  EXPECT_EQ(format(Quantity{40, "mcg/kg"}), "40 mcg/kg");
  EXPECT_EQ(format(Concentration{0.25, ConcentrationUnit::percent}), "0.25%");
}

}  // namespace
}  // namespace relief::acute
