// IV opioid PCA: the demand dose and basal rate per kg, and what the pump as programmed can
// deliver in any 1 and 4 hours. The lockout sets how many demand doses fit in a period
// (UpToDate [S94]: a 10-minute lockout is a de facto 6 doses an hour); a programmed 1- or 4-hour
// limit caps that, and the formulary's 1- and 4-hour maxima per kg are checked against the cap.
#include <algorithm>
#include <cmath>

#include "programs/acute/dose_check_detail.hpp"

namespace relief::acute::detail {
namespace {

std::string per_kg_advice(double limit_mcg_per_kg, double weight, const std::string& what) {
  return what + " within the limit is " + mg_text(limit_mcg_per_kg * weight / kMcgPerMg) + " for " +
         format_number(weight) + " kg.";
}

// What the pump can deliver in `minutes`, and how that was worked out, for the message.
struct Deliverable {
  double mg = 0;
  std::string how;
};

Deliverable deliverable(const PcaOrder& o, int minutes, double demand_mg, double basal_mg_h) {
  int presses = minutes / o.lockout_min;  // a dose at the start of each lockout interval
  double possible = presses * demand_mg + basal_mg_h * minutes / 60.0;
  Deliverable d{possible, std::to_string(presses) + " demand doses of " + mg_text(demand_mg) + " at a " +
                              std::to_string(o.lockout_min) + "-min lockout"};
  d.how += basal_mg_h > 0 ? " + basal " + mg_text(basal_mg_h) + "/h" : ", no basal";
  auto cap = [&](double limit_mg, const std::string& label) {
    if (limit_mg < d.mg) {
      d.mg = limit_mg;
      d.how += ", capped by the pump's " + label + " of " + mg_text(limit_mg);
    }
  };
  auto mg = [&](const std::optional<DrugAmount>& a) { return a ? to_mg(*a, o.concentration) : std::nullopt; };
  if (minutes == 60) {
    if (auto h1 = mg(o.limit_1h)) cap(*h1, "1-hour limit");
    if (auto h4 = mg(o.limit_4h)) cap(*h4, "4-hour limit");
  } else {
    if (auto h4 = mg(o.limit_4h)) cap(*h4, "4-hour limit");
    if (auto h1 = mg(o.limit_1h)) cap(*h1 * 4, "1-hour limit (x4)");
    if (!o.limit_4h) d.how += ", no 4-hour limit programmed";
  }
  return d;
}

}  // namespace

void check_pca(CheckContext& c, const DrugEntry& drug, const PcaOrder& o) {
  const double w = c.dosing_weight(drug);
  const auto ctx = c.limits_for({Route::iv});
  const double demand_mg = *to_mg(o.demand_dose, o.concentration);
  const double basal_mg_h = o.basal_rate_per_h ? *to_mg(*o.basal_rate_per_h, o.concentration) : 0;

  if (!c.compare(drug, Measure::pca_demand_per_kg, demand_mg * kMcgPerMg / w, ctx,
                 "The demand dose of " + mg_text(demand_mg) + " for " + c.kg_text(drug),
                 [&](double limit) { return per_kg_advice(limit, w, "The largest demand dose"); }))
    c.no_limit(drug, Measure::pca_demand_per_kg, "PCA demand dose");

  if (basal_mg_h > 0) {
    c.compare(drug, Measure::pca_basal_per_kg_h, basal_mg_h * kMcgPerMg / w, ctx,
              "The basal rate of " + mg_text(basal_mg_h) + "/h for " + c.kg_text(drug),
              [&](double limit) { return per_kg_advice(limit, w, "The highest basal rate (per hour)"); });
    c.compare(drug, Measure::pca_basal_per_h, basal_mg_h * kMcgPerMg, ctx, "The basal rate");
  }

  auto hour = deliverable(o, 60, demand_mg, basal_mg_h);
  c.compare(drug, Measure::pca_1h_per_kg, hour.mg * kMcgPerMg / w, ctx,
            "What the pump can deliver in 1 hour (" + hour.how + " = " + mg_text(hour.mg) + " for " +
                c.kg_text(drug) + ")",
            [&](double limit) { return "Program a 1-hour limit of at most " + mg_text(limit * w / kMcgPerMg) + "."; });

  auto four = deliverable(o, 240, demand_mg, basal_mg_h);
  if (!c.compare(drug, Measure::pca_4h_per_kg, four.mg * kMcgPerMg / w, ctx,
                 "What the pump can deliver in 4 hours (" + four.how + " = " + mg_text(four.mg) + " for " +
                     c.kg_text(drug) + ")",
                 [&](double limit) {
                   return "Program a 4-hour limit of at most " + mg_text(limit * w / kMcgPerMg) +
                          ", lengthen the lockout or lower the dose.";
                 }))
    c.no_limit(drug, Measure::pca_4h_per_kg, "4-hour PCA total");

  if (o.controller == PcaController::patient)
    c.compare(drug, Measure::pca_patient_min_age, c.patient.age_months, ctx,
              "For a patient-controlled PCA, this child's age", [](double) {
                return "Consider nurse- or parent-controlled analgesia if the child cannot use the button reliably.";
              });
}

}  // namespace relief::acute::detail
