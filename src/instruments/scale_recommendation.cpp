#include "instruments/scale_recommendation.hpp"

#include <boost/json.hpp>
#include <stdexcept>

namespace relief::instruments {
namespace {

namespace json = boost::json;

std::optional<bool> flag(const json::object& when, const char* key, const std::string& rule) {
  auto found = when.find(key);
  if (found == when.end()) return std::nullopt;
  if (!found->value().is_bool()) throw std::invalid_argument("recommendation rule " + rule + ": " + key + " must be true or false");
  return found->value().get_bool();
}

std::optional<int> months(const json::object& when, const char* key, const std::string& rule) {
  auto found = when.find(key);
  if (found == when.end()) return std::nullopt;
  if (!found->value().is_int64()) throw std::invalid_argument("recommendation rule " + rule + ": " + key + " must be whole months");
  return static_cast<int>(found->value().get_int64());
}

std::string text(const json::object& o, const char* key, const std::string& rule, bool required) {
  auto found = o.find(key);
  if (found == o.end()) {
    if (required) throw std::invalid_argument("recommendation rule " + rule + ": '" + key + "' is required");
    return "";
  }
  if (!found->value().is_string()) throw std::invalid_argument("recommendation rule " + rule + ": " + key + " must be text");
  return std::string(found->value().get_string());
}

bool matches(const std::optional<bool>& wanted, bool fact) { return !wanted || *wanted == fact; }

std::string count_text(int n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

// "3 years 1 month", "1 month", "3 years" (it read "3 years 1 months").
std::string age_text(int m) {
  if (m < 24) return count_text(m, "month", "months");
  return count_text(m / 12, "year", "years") + (m % 12 ? " " + count_text(m % 12, "month", "months") : "");
}

}  // namespace

std::vector<RecommendationRule> parse_recommendation_rules(const json::value& v) {
  const auto* rules = v.is_object() ? v.as_object().if_contains("rules") : nullptr;
  if (!rules || !rules->is_array()) throw std::invalid_argument("recommendation: 'rules' (a list) is required");
  std::vector<RecommendationRule> out;
  for (const auto& entry : rules->as_array()) {
    if (!entry.is_object()) throw std::invalid_argument("recommendation: a rule is an object");
    const auto& o = entry.as_object();
    RecommendationRule r;
    r.id = text(o, "id", "#" + std::to_string(out.size() + 1), true);
    for (const auto& [key, value] : o)
      if (key != "id" && key != "when" && key != "recommend" && key != "alternatives" && key != "because" && key != "source")
        throw std::invalid_argument("recommendation rule " + r.id + ": unknown key '" + std::string(key) + "'");
    json::object empty;
    const auto* when = o.if_contains("when");
    const json::object& w = when && when->is_object() ? when->as_object() : empty;
    for (const auto& [key, value] : w)
      if (key != "min_months" && key != "max_months" && key != "in_nicu" && key != "ventilated" && key != "procedural" &&
          key != "cognitive_impairment" && key != "can_self_report")
        throw std::invalid_argument("recommendation rule " + r.id + ": unknown condition '" + std::string(key) + "'");
    r.min_months = months(w, "min_months", r.id);
    r.max_months = months(w, "max_months", r.id);
    r.in_nicu = flag(w, "in_nicu", r.id);
    r.ventilated = flag(w, "ventilated", r.id);
    r.procedural = flag(w, "procedural", r.id);
    r.cognitive_impairment = flag(w, "cognitive_impairment", r.id);
    r.can_self_report = flag(w, "can_self_report", r.id);
    r.recommend = text(o, "recommend", r.id, true);
    r.because = text(o, "because", r.id, true);
    r.source = text(o, "source", r.id, false);
    if (const auto* alts = o.if_contains("alternatives")) {
      if (!alts->is_array()) throw std::invalid_argument("recommendation rule " + r.id + ": alternatives is a list");
      for (const auto& a : alts->as_array()) {
        if (!a.is_string()) throw std::invalid_argument("recommendation rule " + r.id + ": an alternative is text");
        r.alternatives.emplace_back(a.get_string());
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

Recommendation recommend_scale(const std::vector<RecommendationRule>& rules, const PatientFacts& p) {
  for (const auto& r : rules) {
    if (r.min_months && p.age_months < *r.min_months) continue;
    if (r.max_months && p.age_months > *r.max_months) continue;
    if (!matches(r.in_nicu, p.in_nicu) || !matches(r.ventilated, p.ventilated) || !matches(r.procedural, p.procedural) ||
        !matches(r.cognitive_impairment, p.cognitive_impairment))
      continue;
    // Self-report rules need a known answer: an unknown ability never earns a self-report scale.
    if (r.can_self_report && (!p.can_self_report || *p.can_self_report != *r.can_self_report)) continue;
    return {r.recommend, r.alternatives, r.id, "age " + age_text(p.age_months) + ": " + r.because, r.source};
  }
  return {"", {}, "", "no rule of the site's decision table matches age " + age_text(p.age_months) +
                          " with these facts; the clinician chooses the scale", ""};
}

ScaleChoice choose_scale(const Recommendation& r, const std::string& clinician_choice, const std::string& clinician_reason) {
  if (clinician_choice.empty() || clinician_choice == r.instrument) {
    if (r.instrument.empty()) throw std::invalid_argument("no scale is recommended: the clinician must choose one");
    return {r.instrument, r.instrument, false, r.reason};
  }
  if (clinician_reason.empty())
    throw std::invalid_argument("choosing " + clinician_choice + " instead of the recommended " +
                                (r.instrument.empty() ? std::string("(none)") : r.instrument) + " needs a reason");
  return {clinician_choice, r.instrument, true, clinician_reason};
}

bool covered_by_recommendation(const std::vector<RecommendationRule>& rules, const std::string& instrument) {
  for (const auto& r : rules) {
    if (r.recommend == instrument) return true;
    for (const auto& a : r.alternatives)
      if (a == instrument) return true;
  }
  return false;
}

}  // namespace relief::instruments
