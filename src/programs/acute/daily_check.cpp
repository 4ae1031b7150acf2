// Scheduled doses and the 24-hour totals: acetaminophen summed across IV, oral and rectal doses;
// NSAID daily maxima; local anaesthetic summed across every catheter, block and bolus.
#include <algorithm>
#include <cmath>

#include "programs/acute/dose_check_detail.hpp"

namespace relief::acute::detail {
namespace {

// Scheduled doses from `first` every interval (no closer than max_doses_per_24h allows), far
// enough ahead that a window starting at any of them is complete.
void add_schedule(Exposure& e, const ScheduledDoseOrder& o, Instant first, Instant now, ExposureOrigin origin) {
  auto mg = to_mg(o.dose, std::nullopt);
  if (!mg || !(o.interval_h > 0)) return;
  double interval_h = o.interval_h;
  if (o.max_doses_per_24h && *o.max_doses_per_24h > 0) interval_h = std::max(interval_h, 24.0 / *o.max_doses_per_24h);
  const auto step = static_cast<std::int64_t>(std::llround(interval_h * kHourMs));
  for (std::int64_t t = first.ms; t < now.ms + 2 * kDayMs; t += step) e.doses.push_back({o.drug, o.route, *mg, Instant{t}, origin});
}

void add_order(Exposure& e, const ModalityOrder& o, std::optional<Instant> next_due, Instant now, ExposureOrigin origin) {
  switch (o.kind) {
    case Modality::epidural:
    case Modality::peripheral_nerve_catheter:
      if (o.catheter->rate_ml_h > 0)
        e.infusions.push_back({o.catheter->drug, o.kind == Modality::epidural ? Route::epidural : Route::perineural,
                               o.catheter->rate_ml_h * mg_per_ml(o.catheter->concentration), now, origin});
      break;
    case Modality::spinal:
    case Modality::single_shot_block:
      // Only the proposed block is still to come; one already given is in the medication record.
      if (origin == ExposureOrigin::proposed)
        e.doses.push_back(
            {o.block->drug, o.block->route, o.block->volume_ml * mg_per_ml(o.block->concentration), now, origin, true});
      break;
    case Modality::scheduled_dose: add_schedule(e, *o.scheduled, next_due.value_or(now), now, origin); break;
    default: break;  // PCA is checked per 1 and 4 hours; topical and non-drug carry no dose
  }
}

}  // namespace

void check_scheduled(CheckContext& c, const DrugEntry& drug, const ScheduledDoseOrder& o) {
  const double w = c.dosing_weight(drug);
  const double mg = *to_mg(o.dose, std::nullopt);
  const auto ctx = c.limits_for({o.route});
  const std::string what = "The " + route_label(o.route) + " dose of " + mg_text(mg) + " for " + c.kg_text(drug);
  if (!c.compare(drug, Measure::single_dose_per_kg, mg / w, ctx, what,
                 [&](double limit) { return "The largest dose within the limit is " + mg_text(limit * w) + "."; }))
    c.no_limit(drug, Measure::single_dose_per_kg, "single dose");
  c.compare(drug, Measure::single_dose, mg, ctx, "The " + route_label(o.route) + " dose");
}

Exposure build_exposure(const ModalityOrder& proposed, const std::vector<ActiveOrder>& active,
                        const std::vector<GivenDose>& given, Instant now, std::vector<Finding>& findings) {
  Exposure e;
  for (const auto& g : given) {
    if (g.at.ms > now.ms || g.at.ms <= now.ms - kDayMs) continue;
    auto mg = to_mg(g.amount, g.concentration);
    if (!mg || !std::isfinite(*mg) || *mg < 0) {
      Finding f;
      f.severity = Severity::warn;
      f.rule = "order/given-dose-unreadable";
      f.source = "Relief rule";
      f.message = "Warning: a dose of " + g.drug + " given at " + format_instant(g.at) + " is recorded as " +
                  format(g.amount) + " without a concentration, so it is missing from the 24-hour totals. Correct the record.";
      findings.push_back(std::move(f));
      continue;
    }
    e.doses.push_back({g.drug, g.route, *mg, g.at, ExposureOrigin::given, g.single_shot});
  }
  for (const auto& a : active) add_order(e, a.order, a.next_dose_due, now, ExposureOrigin::active);
  add_order(e, proposed, std::nullopt, now, ExposureOrigin::proposed);
  return e;
}

void check_24h(CheckContext& c, const DrugEntry& drug, const Exposure& exposure) {
  const double w = c.dosing_weight(drug);
  // The window that breaks the hard limit by most, else the soft limit by most; each window holds
  // its own routes, so a route-specific maximum (IV acetaminophen) applies where IV doses fall.
  for (auto measure : {Measure::day_per_kg, Measure::day}) {
    const bool per_kg = measure == Measure::day_per_kg;
    const WindowTotal* worst = nullptr;
    bool worst_hard = false, any_limit = false, any_amount = false;
    double worst_ratio = 0;
    auto windows = windows_24h(exposure, drug.id, c.now);
    for (const auto& win : windows) {
      if (win.mg <= 0) continue;
      any_amount = true;
      auto s = c.formulary.strictest(drug, measure, c.limits_for(win.routes()));
      any_limit = any_limit || s.any();
      double value = per_kg ? win.mg / w : win.mg;
      auto consider = [&](const std::optional<AppliedLimit>& l, bool hard) {
        if (!l || value <= l->value * (1 + 1e-9)) return false;
        double ratio = value / l->value;
        if ((hard && !worst_hard) || (hard == worst_hard && ratio > worst_ratio)) {
          worst = &win;
          worst_hard = hard;
          worst_ratio = ratio;
        }
        return true;
      };
      if (!consider(s.hard, true)) consider(s.soft, false);
    }
    if (worst) {
      std::string subject = "In the 24 hours " + describe_window_start(worst->start, c.now) + ", " + drug.name +
                            " would total " + mg_text(worst->mg) + " (" + worst->breakdown() + ")";
      if (per_kg) subject += " for " + c.kg_text(drug);
      subject += ", which";
      c.compare(drug, measure, per_kg ? worst->mg / w : worst->mg, c.limits_for(worst->routes()), subject);
    } else if (per_kg && any_amount && !any_limit) {  // nothing to total (a bolus-only epidural): nothing unchecked
      c.no_limit(drug, measure, "24-hour total");
    }
  }
}

void check_local_anaesthetics_combined(CheckContext& c, const Exposure& exposure) {
  // Local anaesthetic toxicity is taken as additive across agents: each agent's share of its own
  // 24-hour maximum is summed, and a total above 100% warns (clinical.md 4.3 asks for the
  // cumulative dose across every route; combining agents this way is Relief's rule, evidence M).
  std::vector<std::string> agents;
  for (const auto* d : c.formulary.drugs())
    if (d->drug_class == DrugClass::local_anaesthetic) agents.push_back(d->id);
  double worst_share = 0;
  std::string worst_text;
  for (auto start : window_starts(exposure, agents, c.now)) {
    double share = 0;
    int present = 0;
    std::string text;
    for (const auto& id : agents) {
      auto win = window_total(exposure, id, start);
      if (win.mg <= 0) continue;
      const DrugEntry& d = *c.formulary.find(id);
      const double w = c.dosing_weight(d);
      auto s = c.formulary.strictest(d, Measure::day_per_kg, c.limits_for(win.routes()));
      const auto& l = s.hard ? s.hard : s.soft;
      if (!l) continue;
      ++present;
      double part = win.mg / w / l->value;
      share += part;
      text += (text.empty() ? "" : " + ") + d.name + " " + format_number(win.mg / w) + " of " +
              format(Quantity{l->value, l->limit->unit}) + " (" + format_number(std::round(part * 100)) + "%)";
    }
    if (present >= 2 && share > 1 + 1e-9 && share > worst_share) {
      worst_share = share;
      worst_text = "In the 24 hours " + describe_window_start(start, c.now) + ": " + text;
    }
  }
  if (worst_share > 0) {
    Finding f;
    f.severity = Severity::warn;
    f.rule = "order/local-anaesthetic-combined";
    f.computed = Quantity{worst_share * 100, "% of maximum"};
    f.limit = Quantity{100, "% of maximum"};
    f.source = "Relief rule: local anaesthetic toxicity taken as additive across agents (reference/clinical.md 4.3)";
    f.evidence = "M";
    f.message = "Warning: local anaesthetics from more than one agent add up to " + format_number(std::round(worst_share * 100)) +
                "% of their 24-hour maxima. " + worst_text + ". Going ahead needs an override reason.";
    c.findings.push_back(std::move(f));
  }
}

}  // namespace relief::acute::detail
