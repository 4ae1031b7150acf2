#include "programs/acute/formulary.hpp"

#include <algorithm>
#include <boost/describe/enum_from_string.hpp>
#include <boost/describe/enum_to_string.hpp>

#include "core/errors.hpp"
#include "programs/acute/quantity.hpp"

namespace relief::acute {

BOOST_DESCRIBE_ENUM(Measure, pca_demand_per_kg, pca_basal_per_kg_h, pca_basal_per_h, pca_1h_per_kg, pca_4h_per_kg,
                    pca_patient_min_age, infusion_per_kg_h, infusion_volume_per_kg_h, additive_concentration,
                    catheter_boluses_per_4h, single_dose_per_kg, single_dose, day_per_kg, day, min_age, min_weight,
                    min_pma, course_hours, caution)

std::string to_string(Measure m) { return boost::describe::enum_to_string(m, "?"); }

std::optional<Measure> measure_from_string(std::string_view s) {
  Measure m{};
  if (boost::describe::enum_from_string(std::string(s).c_str(), m)) return m;
  return std::nullopt;
}

std::string canonical_unit(Measure m) {
  switch (m) {
    case Measure::pca_demand_per_kg: return "mcg/kg";
    case Measure::pca_basal_per_kg_h: return "mcg/kg/h";
    case Measure::pca_basal_per_h: return "mcg/h";
    case Measure::pca_1h_per_kg: return "mcg/kg/1h";
    case Measure::pca_4h_per_kg: return "mcg/kg/4h";
    case Measure::pca_patient_min_age: return "months";
    case Measure::infusion_per_kg_h: return "mg/kg/h";
    case Measure::infusion_volume_per_kg_h: return "mL/kg/h";
    case Measure::additive_concentration: return "mcg/mL";
    case Measure::catheter_boluses_per_4h: return "boluses/4h";
    case Measure::single_dose_per_kg: return "mg/kg";
    case Measure::single_dose: return "mg";
    case Measure::day_per_kg: return "mg/kg/day";
    case Measure::day: return "mg/day";
    case Measure::min_age: return "months";
    case Measure::min_weight: return "kg";
    case Measure::min_pma: return "weeks";
    case Measure::course_hours: return "h";
    case Measure::caution: return "";
  }
  return "";
}

bool is_minimum(Measure m) {
  return m == Measure::min_age || m == Measure::min_weight || m == Measure::min_pma ||
         m == Measure::pca_patient_min_age;
}

std::string to_string(Strength s) { return s == Strength::hard ? "hard" : "soft"; }

std::string to_string(Evidence e) {
  switch (e) {
    case Evidence::V: return "V";
    case Evidence::P: return "P";
    case Evidence::M: return "M";
    case Evidence::derived: return "derived";
  }
  return "?";
}

std::string to_string(DrugClass c) {
  switch (c) {
    case DrugClass::opioid: return "opioid";
    case DrugClass::local_anaesthetic: return "local_anaesthetic";
    case DrugClass::non_opioid: return "non_opioid";
    case DrugClass::adjuvant: return "adjuvant";
  }
  return "?";
}

namespace {

std::string months_text(double m) {
  if (m >= 24 && static_cast<long>(m) % 12 == 0) return format_number(m / 12) + " years";
  return format_number(m) + (m == 1 ? " month" : " months");
}

bool holds(const Applicability& w, const LimitContext& ctx, const std::map<std::string, std::string>& chosen) {
  if (w.min_age_months && ctx.age_months < *w.min_age_months) return false;
  if (w.max_age_months && ctx.age_months >= *w.max_age_months) return false;
  // Unknown PMA: the condition holds, so a neonatal limit is not skipped for want of a fact.
  if (ctx.pma_weeks) {
    if (w.min_pma_weeks && *ctx.pma_weeks < *w.min_pma_weeks) return false;
    if (w.max_pma_weeks && *ctx.pma_weeks >= *w.max_pma_weeks) return false;
  }
  if (w.min_weight_kg || w.max_weight_kg) {
    if (!ctx.weight_kg) return true;  // weight-based checks refuse earlier without a weight
    if (w.min_weight_kg && *ctx.weight_kg < *w.min_weight_kg) return false;
    if (w.max_weight_kg && *ctx.weight_kg >= *w.max_weight_kg) return false;
  }
  if (!w.routes.empty()) {
    bool any = std::any_of(ctx.routes.begin(), ctx.routes.end(), [&](Route r) {
      return std::find(w.routes.begin(), w.routes.end(), r) != w.routes.end();
    });
    if (!any) return false;
  }
  if (w.with_adrenaline && *w.with_adrenaline != ctx.with_adrenaline) return false;
  for (const auto& [setting, option] : w.site_choice) {
    auto found = chosen.find(setting);
    if (found == chosen.end() || found->second != option) return false;
  }
  return true;
}

}  // namespace

std::string Applicability::describe() const {
  std::vector<std::string> parts;
  if (min_age_months && max_age_months)
    parts.push_back("age " + months_text(*min_age_months) + " to under " + months_text(*max_age_months));
  else if (max_age_months)
    parts.push_back("under " + months_text(*max_age_months));
  else if (min_age_months)
    parts.push_back(months_text(*min_age_months) + " and older");
  if (min_pma_weeks) parts.push_back("PMA " + format_number(*min_pma_weeks) + " weeks or more");
  if (max_pma_weeks) parts.push_back("PMA under " + format_number(*max_pma_weeks) + " weeks");
  if (min_weight_kg) parts.push_back(format_number(*min_weight_kg) + " kg or more");
  if (max_weight_kg) parts.push_back("under " + format_number(*max_weight_kg) + " kg");
  if (!routes.empty()) {
    std::string r;
    for (auto route : routes) r += (r.empty() ? "" : "/") + route_label(route);
    parts.push_back(r);
  }
  if (with_adrenaline) parts.push_back(*with_adrenaline ? "with adrenaline" : "plain");
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

std::string AppliedLimit::explain() const {
  std::string out = format(Quantity{value, limit->unit});
  if (!reductions.empty()) {
    out += " (" + format(Quantity{limit->value, limit->unit});
    for (const auto* r : reductions) {
      out += " less " + format_number(r->percent) + "%";
      auto cond = r->when.describe();
      if (!cond.empty()) out += " " + cond;
      out += " " + r->source;
    }
    out += ")";
  }
  return out;
}

const DrugEntry* Formulary::find(std::string_view drug) const {
  auto found = drugs_.find(drug);
  return found == drugs_.end() ? nullptr : &found->second;
}

std::vector<const DrugEntry*> Formulary::drugs() const {
  std::vector<const DrugEntry*> out;
  for (const auto& [id, d] : drugs_) out.push_back(&d);
  return out;
}

std::vector<AppliedLimit> Formulary::applicable(const DrugEntry& drug, Measure measure, const LimitContext& ctx) const {
  std::map<std::string, std::string> chosen;
  for (const auto& [id, c] : drug.choices) chosen[id] = c.chosen;
  std::vector<AppliedLimit> out;
  for (const auto& limit : drug.limits) {
    if (limit.measure != measure || !holds(limit.when, ctx, chosen)) continue;
    AppliedLimit applied{&limit, limit.value, {}};
    if (!is_minimum(measure) && measure != Measure::caution) {
      for (const auto& r : drug.reductions) {
        if (std::find(r.measures.begin(), r.measures.end(), measure) == r.measures.end()) continue;
        if (!holds(r.when, ctx, chosen)) continue;
        applied.value *= (100 - r.percent) / 100;
        applied.reductions.push_back(&r);
      }
    }
    out.push_back(applied);
  }
  return out;
}

Formulary::Strictest Formulary::strictest(const DrugEntry& drug, Measure measure, const LimitContext& ctx) const {
  Strictest s;
  bool minimum = is_minimum(measure);
  for (const auto& a : applicable(drug, measure, ctx)) {
    auto& slot = a.limit->strength == Strength::hard ? s.hard : s.soft;
    if (!slot || (minimum ? a.value > slot->value : a.value < slot->value)) slot = a;
  }
  return s;
}

Formulary Formulary::configured(const FormularySettings& settings) const {
  Formulary out = *this;
  std::vector<Problem> problems;
  auto split = [&](const std::string& key, const std::string& field) -> std::pair<DrugEntry*, std::string> {
    auto slash = key.find('/');
    if (slash == std::string::npos) {
      problems.push_back({field + "." + key, "name it as drug/id, e.g. \"acetaminophen/daily-max\""});
      return {nullptr, ""};
    }
    auto drug = out.drugs_.find(key.substr(0, slash));
    if (drug == out.drugs_.end()) {
      problems.push_back({field + "." + key, "no drug '" + key.substr(0, slash) + "' in the formulary"});
      return {nullptr, ""};
    }
    return {&drug->second, key.substr(slash + 1)};
  };
  for (const auto& [key, option] : settings.choices) {
    auto [drug, id] = split(key, "choices");
    if (!drug) continue;
    auto choice = drug->choices.find(id);
    if (choice == drug->choices.end()) {
      problems.push_back({"choices." + key, drug->id + " has no site choice '" + id + "'"});
    } else if (!choice->second.options.contains(option)) {
      std::string known;
      for (const auto& [o, text] : choice->second.options) known += (known.empty() ? "" : ", ") + o;
      problems.push_back({"choices." + key, "no option '" + option + "' (options: " + known + ")"});
    } else {
      choice->second.chosen = option;
    }
  }
  for (const auto& [key, change] : settings.soft_limits) {
    auto [drug, id] = split(key, "soft_limits");
    if (!drug) continue;
    auto limit = std::find_if(drug->limits.begin(), drug->limits.end(), [&](const Limit& l) { return l.id == id; });
    if (limit == drug->limits.end()) {
      problems.push_back({"soft_limits." + key, drug->id + " has no limit '" + id + "'"});
      continue;
    }
    if (limit->strength == Strength::hard) {
      problems.push_back({"soft_limits." + key, "is a hard limit: only the pharmacy's formulary files may change it"});
      continue;
    }
    if (change.reason.empty()) {
      problems.push_back({"soft_limits." + key, "say why the site changes this limit (reason)"});
      continue;
    }
    if (change.disabled) {
      drug->limits.erase(limit);
      continue;
    }
    if (!change.value || !(*change.value > 0)) {
      problems.push_back({"soft_limits." + key, "give a value greater than zero, or disable the limit"});
      continue;
    }
    limit->value = *change.value;
    limit->source = "site setting: " + change.reason + " (reference: " + limit->source + ")";
  }
  if (!problems.empty()) throw ValidationError(std::move(problems));
  return out;
}

}  // namespace relief::acute
