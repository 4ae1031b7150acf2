#pragma once
// Scores one administration of an instrument exactly as its definition says: item scores (with
// reverse keys and transforms), every scale in order, the missing-data decision and the rule
// behind it, the band, cut-offs reached, and the facts the score rests on that are unverified.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "instruments/definition.hpp"
#include "instruments/score_range.hpp"

namespace relief::instruments {

// One answer: a number (2), or a response code ("S" for POSS). Absent means not answered.
struct AnswerValue {
  std::optional<double> number;
  std::string code;
};

struct Administration {
  std::map<std::string, AnswerValue> answers;  // by item id
  std::optional<int> age_months;
  std::optional<Reporter> reporter;
  std::map<std::string, double> context;  // inputs to adjustments: gestational_age_weeks ...
  std::map<std::string, std::vector<std::string>> individual_descriptors;  // r-FLACC, by category
};

struct ItemScore {
  std::string item;
  std::string code;             // the response recorded
  std::optional<double> value;  // its published value
  std::optional<double> score;  // after reverse keying / transform: what the scales use
};

// What happened about missing items for one scale, and under which rule.
struct MissingDecision {
  std::string rule_id;      // empty: the default (every item answered)
  std::string rule;         // the rule as a sentence
  int items = 0;
  int answered = 0;
  std::vector<std::string> missing;
  std::string decision;     // complete, scored_with_missing, prorated, not_scored
  std::string reason;
};

struct ScaleScore {
  std::string id;
  std::string name;
  std::optional<double> value;  // nullopt: not scored (see missing.reason)
  std::optional<double> raw;    // sum of the answered item scores, before proration and transforms
  MissingDecision missing;
  std::optional<Band> band;
  std::vector<std::string> notes;  // adjustments applied, lookups used
  std::optional<ScoreRange> range;
};

struct Flag {
  std::string id;
  std::string scale;
  std::string label;
  std::string source;
};

struct ScoreResult {
  std::string instrument;
  std::string version;
  std::string name;
  std::map<std::string, std::string> settings;  // the site's choices the score was made under
  std::string primary;
  std::vector<ItemScore> items;
  std::vector<ScaleScore> scales;
  std::vector<Flag> flags;
  std::vector<std::string> warnings;
  std::vector<Verification> verification;
  std::map<std::string, std::vector<std::string>> individual_descriptors;

  const ScaleScore& total() const;
  const ScaleScore* scale(const std::string& id) const;
};

// Throws relief::ValidationError with one Problem per bad answer, each naming the item
// ("answers.legs": "FLACC legs takes 0, 1 or 2; 3 is not one of them").
ScoreResult score(const Definition& d, const Administration& a);

// The band a value falls in: the last band whose min the value reaches, within the last max.
std::optional<Band> band_of(const std::vector<Band>& bands, double value);

}  // namespace relief::instruments
