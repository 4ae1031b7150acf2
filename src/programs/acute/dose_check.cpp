#include "programs/acute/dose_check.hpp"

#include <algorithm>
#include <cmath>

#include "programs/acute/dose_check_detail.hpp"

namespace relief::acute {

bool DoseCheck::refused() const {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.severity == Severity::refuse; });
}

bool DoseCheck::needs_override() const { return !refused() && !findings.empty(); }

const Finding* DoseCheck::find(std::string_view rule) const {
  for (const auto& f : findings)
    if (f.rule == rule || (f.rule.size() > rule.size() && f.rule.ends_with(rule) &&
                           f.rule[f.rule.size() - rule.size() - 1] == '/'))
      return &f;
  return nullptr;
}

std::vector<Problem> override_problems(const DoseCheck& check, std::string_view reason) {
  std::vector<Problem> out;
  for (const auto& f : check.findings)
    if (f.severity == Severity::refuse) out.push_back({f.rule, "refused and cannot be overridden: " + f.message});
  bool blank = reason.find_first_not_of(" \t\r\n") == std::string_view::npos;
  if (out.empty() && !check.findings.empty() && blank)
    out.push_back({"override_reason", "the order is over a soft limit: give the reason for going ahead"});
  return out;
}

namespace detail {
namespace {

constexpr const char* kReliefRule = "Relief rule";

bool exceeds(Measure m, double computed, double limit) {
  double eps = 1e-9 * std::max(1.0, std::fabs(limit));
  return is_minimum(m) ? computed < limit - eps : computed > limit + eps;
}

std::string provenance(const Limit& l) {
  std::string out = l.source + "; evidence " + to_string(l.evidence);
  if (!l.pharmacy_confirmed) out += "; reference value not yet confirmed by the pharmacy";
  return out;
}

// 120 rather than 119.99999999999999: what a reader sees of a computed dose (twelve significant
// digits keep every real difference; the comparison itself used the exact value).
std::optional<Quantity> for_reading(std::optional<Quantity> q) {
  if (q && std::isfinite(q->value) && q->value != 0) {
    const double scale = std::pow(10.0, 11 - std::floor(std::log10(std::fabs(q->value))));
    q->value = std::round(q->value * scale) / scale;
  }
  return q;
}

Finding finding_for(Severity s, const AppliedLimit& a, const std::optional<Quantity>& computed, std::string message) {
  Finding f;
  f.severity = s;
  f.rule = a.limit->rule_id();
  f.computed = for_reading(computed);
  if (a.limit->measure != Measure::caution) f.limit = Quantity{a.value, a.limit->unit};
  f.source = a.limit->source;
  f.evidence = to_string(a.limit->evidence);
  f.pharmacy_confirmed = a.limit->pharmacy_confirmed;
  f.message = std::move(message);
  return f;
}

}  // namespace

std::string mg_text(double mg) {
  // Fentanyl is written in mcg, morphine in mg: below 0.1 mg, mcg read more safely than 0.0x mg.
  if (mg > 0 && mg < 0.1) return format_number(mg * kMcgPerMg) + " mcg";
  return format_number(mg) + " mg";
}

// Relief rule (evidence M: no reference in clinical.md gives it as a number): per-kg opioid and
// local anaesthetic limits stop growing at 50 kg, about where a child's per-kg dose reaches an
// adult's. The PCA regimens are written for children under 45-50 kg (RCH "<45 kg" [S97]), and
// UpToDate doses obese patients by ideal body weight [S94]: at 120 kg a per-kg limit alone let a
// 3.6 mg morphine demand dose and 48 mg/h of epidural bupivacaine through.
constexpr double kDosingWeightCeilingKg = 50;

double CheckContext::dosing_weight(const DrugEntry& drug) const {
  const bool capped = drug.drug_class == DrugClass::opioid || drug.drug_class == DrugClass::local_anaesthetic;
  return capped ? std::min(*patient.weight_kg, kDosingWeightCeilingKg) : *patient.weight_kg;
}

std::string CheckContext::kg_text(const DrugEntry& drug) const {
  const double w = dosing_weight(drug);
  if (w == *patient.weight_kg) return format_number(w) + " kg";
  return format_number(w) + " kg (the dosing-weight ceiling for opioids and local anaesthetics; the child weighs " +
         format_number(*patient.weight_kg) + " kg)";
}

double CheckContext::pma_weeks() const {
  // Unrecorded, a child is taken as born at term: 40 weeks plus their age (check_order warns when
  // this matters, for a neonate).
  return patient.postmenstrual_age_weeks.value_or(40 + patient.age_months * 4.345);
}

LimitContext CheckContext::limits_for(std::vector<Route> routes, bool with_adrenaline) const {
  return LimitContext{static_cast<double>(patient.age_months), pma_weeks(), patient.weight_kg, std::move(routes),
                      with_adrenaline};
}

void CheckContext::add(Severity s, std::string rule, std::string message) {
  Finding f;
  f.severity = s;
  f.rule = std::move(rule);
  f.source = kReliefRule;
  f.message = std::move(message);
  findings.push_back(std::move(f));
}

bool CheckContext::compare(const DrugEntry& drug, Measure m, double computed, const LimitContext& ctx,
                           const std::string& subject, const std::function<std::string(double)>& advice) {
  auto s = formulary.strictest(drug, m, ctx);
  const AppliedLimit* over = nullptr;
  Severity severity = Severity::refuse;
  if (s.hard && exceeds(m, computed, s.hard->value)) {
    over = &*s.hard;
  } else if (s.soft && exceeds(m, computed, s.soft->value)) {
    over = &*s.soft;
    severity = Severity::warn;
  }
  if (over) {
    const Limit& l = *over->limit;
    Quantity value{computed, l.unit};
    std::string msg = severity == Severity::refuse ? "Refused: " : "Warning: ";
    msg += subject + " is " + format(value) + ", ";
    msg += is_minimum(m) ? "below the minimum of " : (severity == Severity::refuse ? "above the limit of " : "above the soft limit of ");
    msg += over->explain();
    if (auto cond = l.when.describe(); !cond.empty()) msg += " (" + cond + ")";
    msg += " for " + drug.name + " [" + provenance(l) + "].";
    if (!l.note.empty()) msg += " " + l.note;
    if (advice) msg += " " + advice(over->value);
    if (severity == Severity::warn) msg += " Going ahead needs an override reason.";
    findings.push_back(finding_for(severity, *over, value, std::move(msg)));
  }
  return s.any();
}

void CheckContext::restrictions(const DrugEntry& drug, const LimitContext& ctx) {
  auto age = static_cast<double>(patient.age_months);
  compare(drug, Measure::min_age, age, ctx, "This child's age");
  if (patient.weight_kg) compare(drug, Measure::min_weight, *patient.weight_kg, ctx, "This child's weight");
  compare(drug, Measure::min_pma, pma_weeks(), ctx,
          patient.postmenstrual_age_weeks ? "This child's postmenstrual age" : "This child's postmenstrual age (taken as term-born)");
  for (const auto& a : formulary.applicable(drug, Measure::caution, ctx)) {
    auto s = a.limit->strength == Strength::hard ? Severity::refuse : Severity::warn;
    std::string msg = s == Severity::refuse ? "Refused: " : "Warning: ";
    msg += drug.name;
    if (auto cond = a.limit->when.describe(); !cond.empty()) msg += " (" + cond + ")";
    msg += ": " + a.limit->note + " [" + provenance(*a.limit) + "].";
    if (s == Severity::warn) msg += " Going ahead needs an override reason.";
    findings.push_back(finding_for(s, a, std::nullopt, std::move(msg)));
  }
}

void CheckContext::no_limit(const DrugEntry& drug, Measure m, const std::string& what) {
  add(Severity::warn, "order/no-limit/" + drug.id + "/" + to_string(m),
      "Warning: no formulary limit covers the " + what + " of " + drug.name +
          " for this child, so it was not checked. The pharmacy should add one; going ahead needs an override reason.");
}

}  // namespace detail

namespace {

Route order_route(const ModalityOrder& o) {
  switch (o.kind) {
    case Modality::pca: return Route::iv;
    case Modality::epidural: return Route::epidural;
    case Modality::peripheral_nerve_catheter: return Route::perineural;
    case Modality::spinal:
    case Modality::single_shot_block: return o.block->route;
    case Modality::scheduled_dose: return o.scheduled->route;
    case Modality::topical:
    case Modality::non_drug: return Route::topical;
  }
  return Route::iv;
}

bool uses_pma(const DrugEntry& d) {
  return std::any_of(d.limits.begin(), d.limits.end(),
                     [](const Limit& l) { return l.when.min_pma_weeks || l.when.max_pma_weeks || l.measure == Measure::min_pma; });
}

const std::vector<Additive>* additives_of(const ModalityOrder& o) {
  if (o.catheter) return &o.catheter->additives;
  if (o.block) return &o.block->additives;
  return nullptr;
}

}  // namespace

DoseCheck check_order(const Formulary& formulary, const PatientFacts& patient, const ModalityOrder& proposed,
                      const std::vector<ActiveOrder>& active, const std::vector<GivenDose>& given_last_24h,
                      Instant now) {
  DoseCheck result;
  result.notice = formulary.notice();
  detail::CheckContext c{formulary, patient, now, result.findings};

  if (auto problems = validate_order(proposed); !problems.empty()) {
    for (const auto& p : problems) c.add(Severity::refuse, "order/invalid", "Refused: " + p.field + ": " + p.message + ".");
    return result;
  }
  if (!is_weight_based(proposed)) return result;  // topical and non-drug therapies carry no dose limit

  // Without the drug in the formulary, nothing can be checked: the order waits for the pharmacy.
  const auto drug_id = primary_drug(proposed);
  const DrugEntry* drug = formulary.find(drug_id);
  if (!drug)
    c.add(Severity::refuse, "order/not-in-formulary",
          "Refused: " + drug_id + " is not in the site formulary, so its dose cannot be checked. Ask the pharmacy to add it.");
  const auto route = order_route(proposed);
  if (drug && std::find(drug->routes.begin(), drug->routes.end(), route) == drug->routes.end())
    c.add(Severity::refuse, "order/route-not-in-formulary",
          "Refused: the formulary does not list " + drug->name + " by the " + route_label(route) + " route.");
  if (const auto* adds = additives_of(proposed))
    for (const auto& a : *adds)
      if (!formulary.find(a.drug))
        c.add(Severity::refuse, "order/not-in-formulary",
              "Refused: the additive " + a.drug + " is not in the site formulary, so its concentration cannot be checked.");

  if (!patient.weight_kg) {
    c.add(Severity::refuse, "order/weight-required",
          "Refused: no dosing weight is recorded for this child, and a weight-based dose cannot be checked without "
          "one. Record the weight in kg, then order again.");
  } else if (!(*patient.weight_kg > 0.3 && *patient.weight_kg < 250)) {
    c.add(Severity::refuse, "order/weight-implausible",
          "Refused: the recorded weight of " + format_number(*patient.weight_kg) +
              " kg is not a plausible dosing weight; correct it, then order again.");
  }
  // Relief rule (M: a site choice, not from a reference): a child's weight changes within
  // weeks, and a dose per kg on last year's weight is a dose for another child.
  constexpr std::int64_t kWeightOldDays = 30;
  if (patient.weight_kg && patient.weight_recorded) {
    auto days = (now.ms - patient.weight_recorded->ms) / 86'400'000;
    if (days > kWeightOldDays)
      c.add(Severity::warn, "order/weight-old",
            "Warning: the dosing weight of " + format_number(*patient.weight_kg) + " kg was recorded on " +
                format_instant(*patient.weight_recorded).substr(0, 10) + ", " + std::to_string(days) +
                " days ago. Weigh the child and record the weight, or give an override reason.");
  }
  if (patient.age_months < 0 || patient.age_months > 12 * 30)
    c.add(Severity::refuse, "order/age-implausible", "Refused: the age in months is not plausible; correct it.");
  if (result.refused()) return result;

  auto ctx = c.limits_for({route}, proposed.block && proposed.block->with_adrenaline);
  if (!patient.postmenstrual_age_weeks && patient.age_months < 1 && uses_pma(*drug))
    c.add(Severity::warn, "order/pma-assumed-term",
          "Warning: no postmenstrual age is recorded for this neonate, so " + drug->name +
              "'s limits were applied as for a baby born at term. Record the PMA if the baby was born early; going "
              "ahead needs an override reason.");
  c.restrictions(*drug, ctx);
  // A change to a running course (ketorolac: 48 h or 5 days, a site choice) is checked against
  // how long the course has already run; a new course starts at zero.
  if (auto it = patient.course_started.find(drug->id); it != patient.course_started.end())
    c.compare(*drug, Measure::course_hours, std::max<double>(0, (now.ms - it->second.ms) / 3'600'000.0), ctx,
              "This " + drug->name + " course");
  switch (proposed.kind) {
    case Modality::pca: detail::check_pca(c, *drug, *proposed.pca); break;
    case Modality::epidural:
    case Modality::peripheral_nerve_catheter: detail::check_catheter(c, *drug, *proposed.catheter, route); break;
    case Modality::spinal:
    case Modality::single_shot_block: detail::check_block(c, *drug, *proposed.block); break;
    case Modality::scheduled_dose: detail::check_scheduled(c, *drug, *proposed.scheduled); break;
    default: break;
  }
  if (const auto* adds = additives_of(proposed)) detail::check_additives(c, *adds, route);

  detail::check_concurrent_opioids(c, proposed, active);
  if (proposed.kind != Modality::pca) {
    auto exposure = detail::build_exposure(proposed, active, given_last_24h, now, result.findings);
    if (proposed.block) detail::check_repeat_blocks(c, *drug, exposure);
    detail::check_24h(c, *drug, exposure);
    if (drug->drug_class == DrugClass::local_anaesthetic) detail::check_local_anaesthetics_combined(c, exposure);
  }
  return result;
}

}  // namespace relief::acute
