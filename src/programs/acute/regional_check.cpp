// Epidural and peripheral nerve catheters, spinals and single-shot blocks: the local anaesthetic
// in mg (mL x concentration; 0.25% = 2.5 mg/mL) per kg per hour or per injection, against limits
// that fall for infants, and the concentration of any opioid or clonidine added.
#include <algorithm>

#include "programs/acute/dose_check_detail.hpp"

namespace relief::acute::detail {

void check_catheter(CheckContext& c, const DrugEntry& drug, const CatheterOrder& o, Route route) {
  const double w = c.dosing_weight(drug);
  const double mg_ml = mg_per_ml(o.concentration);
  const auto ctx = c.limits_for({route});
  const std::string solution = format(o.concentration) + " " + drug.name;

  if (o.rate_ml_h > 0) {
    double mg_h = o.rate_ml_h * mg_ml;
    if (!c.compare(drug, Measure::infusion_per_kg_h, mg_h / w, ctx,
                   "The infusion of " + format_number(o.rate_ml_h) + " mL/h of " + solution + " (" + format_number(mg_h) +
                       " mg/h for " + c.kg_text(drug) + ")",
                   [&](double limit) {
                     return "The highest rate of this solution within the limit is " +
                            format_number(limit * w / mg_ml) + " mL/h.";
                   }))
      c.no_limit(drug, Measure::infusion_per_kg_h, "infusion rate");
    c.compare(drug, Measure::infusion_volume_per_kg_h, o.rate_ml_h / w, ctx,
              "The infusion volume of " + format_number(o.rate_ml_h) + " mL/h for " + c.kg_text(drug),
              [&](double limit) { return "At most " + format_number(limit * w) + " mL/h."; });
  }
  if (o.clinician_bolus) {
    const auto& b = *o.clinician_bolus;
    double mg = b.volume_ml * mg_ml;
    if (!c.compare(drug, Measure::single_dose_per_kg, mg / w, ctx,
                   "A clinician bolus of " + format_number(b.volume_ml) + " mL of " + solution + " (" + mg_text(mg) + ")",
                   [&](double limit) { return "The largest bolus within the limit is " + format_number(limit * w / mg_ml) + " mL."; }))
      c.no_limit(drug, Measure::single_dose_per_kg, "bolus dose");
    c.compare(drug, Measure::single_dose, mg, ctx, "A clinician bolus");
    c.compare(drug, Measure::catheter_boluses_per_4h, b.max_per_4h, ctx, "The number of boluses allowed in 4 hours");
  }
}

void check_block(CheckContext& c, const DrugEntry& drug, const BlockOrder& o) {
  const double w = c.dosing_weight(drug);
  const double mg_ml = mg_per_ml(o.concentration);
  const double mg = o.volume_ml * mg_ml;
  const auto ctx = c.limits_for({o.route}, o.with_adrenaline);
  const std::string what = format_number(o.volume_ml) + " mL of " + format(o.concentration) + " " + drug.name +
                           (o.with_adrenaline ? " with adrenaline" : "") + " (" + mg_text(mg) + " for " +
                           c.kg_text(drug) + ")";
  if (!c.compare(drug, Measure::single_dose_per_kg, mg / w, ctx, "The dose of " + what,
                 [&](double limit) { return "The largest volume of this solution within the limit is " + format_number(limit * w / mg_ml) + " mL."; }))
    c.no_limit(drug, Measure::single_dose_per_kg, "single dose");
  c.compare(drug, Measure::single_dose, mg, ctx, "The dose of " + what);
}

// Relief rule (evidence M: the reference gives single-shot maxima, clinical.md 4.3, but no interval
// after which a block may be repeated at the full dose): blocks and spinals of one agent within
// 4 hours count together against its single-shot maximum, the most a child should have at once.
// Three caudal blocks of 2.5 mg/kg bupivacaine in as many minutes each passed on their own.
constexpr std::int64_t kRepeatBlockMs = 4 * kHourMs;

void check_repeat_blocks(CheckContext& c, const DrugEntry& drug, const Exposure& exposure) {
  double earlier_mg = 0, this_mg = 0;
  int earlier = 0;
  std::vector<Route> routes;
  for (const auto& d : exposure.doses) {
    if (d.drug != drug.id || !d.single_shot) continue;
    if (d.origin == ExposureOrigin::proposed) {
      this_mg += d.mg;
    } else if (d.at.ms <= c.now.ms && d.at.ms > c.now.ms - kRepeatBlockMs) {
      earlier_mg += d.mg;
      ++earlier;
    } else {
      continue;
    }
    if (std::find(routes.begin(), routes.end(), d.route) == routes.end()) routes.push_back(d.route);
  }
  if (earlier == 0) return;
  const double w = c.dosing_weight(drug);
  // Every route's maximum that applies to one of the injections: the strictest holds the total.
  c.compare(drug, Measure::single_dose_per_kg, (earlier_mg + this_mg) / w, c.limits_for(routes),
            "With " + std::to_string(earlier) + (earlier == 1 ? " block" : " blocks") + " of " + drug.name +
                " given in the last 4 hours (" + mg_text(earlier_mg) + "), this one (" + mg_text(this_mg) +
                ") makes " + mg_text(earlier_mg + this_mg) + " for " + c.kg_text(drug) + ", which",
            [&](double limit) {
              double room = limit * w - earlier_mg;
              return room > 0 ? "At most " + mg_text(room) + " more can be given now." : std::string("No more can be given now.");
            });
}

void check_additives(CheckContext& c, const std::vector<Additive>& additives, Route route) {
  for (const auto& a : additives) {
    const DrugEntry* drug = c.formulary.find(a.drug);
    if (!drug) continue;  // refused earlier
    if (std::find(drug->routes.begin(), drug->routes.end(), route) == drug->routes.end()) {
      c.add(Severity::refuse, "order/route-not-in-formulary",
            "Refused: the formulary does not list " + drug->name + " by the " + route_label(route) + " route.");
      continue;
    }
    auto ctx = c.limits_for({route});
    c.restrictions(*drug, ctx);
    if (!c.compare(*drug, Measure::additive_concentration, mg_per_ml(a.concentration) * kMcgPerMg, ctx,
                   "The concentration of " + drug->name + " added to the local anaesthetic"))
      c.no_limit(*drug, Measure::additive_concentration, "concentration as an additive");
  }
}

}  // namespace relief::acute::detail
