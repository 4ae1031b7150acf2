#pragma once
// Which pain scale suits this child: the age/ability decision table of reference/clinical.md
// 1.1, held as site-editable rules (data/instruments/site-defaults/recommendation.json). The first
// rule that matches wins and says why; the clinician may always choose another scale, and the
// choice records both.
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

namespace relief::instruments {

struct PatientFacts {
  int age_months = 0;
  bool in_nicu = false;
  bool ventilated = false;
  bool procedural = false;            // a procedure rather than ongoing pain
  bool cognitive_impairment = false;
  std::optional<bool> can_self_report;  // unknown: no self-report rule applies
};

struct RecommendationRule {
  std::string id;
  std::optional<int> min_months;  // inclusive
  std::optional<int> max_months;  // inclusive
  std::optional<bool> in_nicu;
  std::optional<bool> ventilated;
  std::optional<bool> procedural;
  std::optional<bool> cognitive_impairment;
  std::optional<bool> can_self_report;
  std::string recommend;                  // an instrument id
  std::vector<std::string> alternatives;  // instrument ids, or named scales Relief does not define
  std::string because;
  std::string source;
};

struct Recommendation {
  std::string instrument;  // empty when no rule matched
  std::vector<std::string> alternatives;
  std::string rule;
  std::string reason;
  std::string source;
};

struct ScaleChoice {
  std::string used;
  std::string recommended;
  bool overridden = false;
  std::string reason;  // the rule's reason, or the clinician's reason for overriding
};

// {"rules": [{"id": ..., "when": {...}, "recommend": ..., "alternatives": [...], "because": ..., "source": ...}]}
// Throws std::invalid_argument naming the rule.
std::vector<RecommendationRule> parse_recommendation_rules(const boost::json::value& json);

Recommendation recommend_scale(const std::vector<RecommendationRule>& rules, const PatientFacts& patient);

// Whether the decision table names this instrument at all (recommended or as an alternative):
// only then is choosing another scale an override that needs a reason. A questionnaire (FDI,
// PCS-C) is outside the table, and no pain scale is "instead of" it.
bool covered_by_recommendation(const std::vector<RecommendationRule>& rules, const std::string& instrument);

// The clinician's choice wins; an override needs a reason (it is recorded with the score).
// Throws std::invalid_argument when overriding without a reason.
ScaleChoice choose_scale(const Recommendation& r, const std::string& clinician_choice = "",
                         const std::string& clinician_reason = "");

}  // namespace relief::instruments
