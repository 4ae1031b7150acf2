#pragma once
// An instrument definition as Relief scores it: items and their responses, scales, the
// missing-data rules, bands, codes, change thresholds, licence and provenance. Definitions are
// data (data/instruments/*.json) read by definition_parser; nothing here knows a scale by name.
//
// Provenance matters as much as arithmetic: every fact that shared/reference/clinical.md could
// not verify (tag M) or only partly verified (P) is listed in `verification`, and every score
// carries that list so a clinician sees which numbers rest on unverified sources.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/observation.hpp"

namespace relief::instruments {

// One response a respondent can give. Most responses are numbers; a few are levels without a
// number (POSS "S": asleep, easy to arouse).
struct ResponseOption {
  std::string code;                // what is recorded: "0" .. "4", or "S"
  std::optional<double> value;     // the published score of the response; nullopt for a level without one
  std::optional<double> scored_as; // a published transform of the value (PedsQL: 0 -> 100 ... 4 -> 0)
  std::string label;               // only where the licence lets Relief ship the wording
  std::string band;                // for a level without a number: how the level is interpreted
};

struct ResponseSet {
  std::string id;
  std::vector<ResponseOption> options;  // discrete responses, or ...
  std::optional<long> whole_min;        // ... any whole number in [whole_min, whole_max] (days of school)
  std::optional<long> whole_max;
  bool scored = true;                   // false: a recorded fact such as schooling mode, never summed

  bool whole_number_range() const { return whole_min.has_value(); }
  double lowest_value() const;   // over the numeric responses
  double highest_value() const;
};

struct Item {
  std::string id;            // the published item number ("1", "2" ...) or category name ("face")
  std::string response_set;  // key into Definition::response_sets
  bool reverse = false;      // reverse-keyed: score = lowest + highest - value
  std::string text;          // only where the licence allows
};

// A place in a scale that one item fills, or exactly one of several (COMFORT-B: respiratory
// response when ventilated, crying when breathing spontaneously).
struct Slot {
  std::vector<std::string> items;
  std::string label() const;  // "face", or "respiratory_response | crying"
};

enum class Method {
  sum,             // sum of item scores
  mean,            // mean of the answered item scores
  sum_of_scales,   // sum of other scales
  mean_of_scales,  // mean of other scales (ASWS total)
  weighted,        // a weighted sum of other scales (PSOCQ-A readiness)
  lookup,          // another scale's value through a table (PROMIS raw -> T)
  ratio,           // 100 x numerator items / denominator item (percentage of school days)
};
std::string to_string(Method m);

struct WeightedTerm {
  std::string scale;
  double weight = 1;
};

struct LinearTransform {  // value x multiply / divide + add (CALI-9: x 100 / 36)
  double multiply = 1;
  double divide = 1;
  double add = 0;
  double apply(double v) const { return v * multiply / divide + add; }
};

enum class Rounding { none, up, nearest };

// When a scale may be scored with items missing, and how.
struct MissingRule {
  std::string id;
  std::optional<int> max_missing;            // at most this many items may be missing
  std::optional<double> max_missing_fraction;  // at most this fraction (PedsQL: 0.5)
  bool prorate = false;                      // sums: sum x items / answered
  Rounding round = Rounding::none;           // of the prorated sum
  bool local_convention = false;             // no published rule: a site's choice
  std::string source;
  std::string describe() const;              // the rule as a sentence, echoed with every score
};

struct Scale {
  std::string id;
  std::string name;
  Method method = Method::sum;
  std::vector<Slot> slots;                 // item-based methods
  bool items_site_supplied = false;        // the item key is not published in Relief: a site loads it
  std::vector<std::string> of_scales;      // sum_of_scales / mean_of_scales / lookup (one)
  std::vector<WeightedTerm> terms;         // weighted
  std::vector<std::string> numerator;      // ratio
  std::string denominator;                 // ratio
  std::string missing_rule;                // key into Definition::missing_rules; empty: none may be missing
  std::optional<LinearTransform> transform;
  std::string lookup;                      // key into Definition::lookups
  std::optional<double> declared_min;      // the published range, checked against the computed one
  std::optional<double> declared_max;
  std::string higher_is = "worse";         // "worse" or "better": the direction of improvement
};

struct Band {
  double min = 0;  // inclusive
  double max = 0;  // inclusive for whole-number scores; a value below the next band's min otherwise
  std::string label;
  std::string action;  // what the band asks of the clinician, where a source says so
};

// A cut-off reported beside the band (COMFORT-B >= 17 suggests pain; NIPS > 3).
struct Threshold {
  std::string id;
  std::string scale;
  std::optional<double> at_least;
  std::optional<double> at_most;
  // The ages the cut-off was derived in (COMFORT-B >= 17: 0-3 years). Outside them it does not
  // flag; with the age unknown it does, and its label says the age.
  std::optional<int> max_age_months;
  // Judged only when this item was answered with one of these codes (school days missed: a
  // count per school year means nothing for a month). Unanswered: not judged, with a warning.
  std::string when_item;
  std::vector<std::string> when_in;
  std::string label;
  std::string source;
};

// Points added for a patient characteristic (N-PASS prematurity). The first rule whose `below`
// exceeds the input applies.
struct AdjustmentRule {
  double below = 0;
  double add = 0;
};
struct Adjustment {
  std::string id;
  std::string scale;
  std::string input;  // a context value of the administration, e.g. "gestational_age_weeks"
  std::vector<AdjustmentRule> rules;
  std::string description;
};

// The answers to some items together cannot exceed another item's answer.
struct SumLimit {
  std::vector<std::string> items;
  std::string limit_item;  // the sum is at most this item's answer ...
  // ... or at most the number for another item's answer: school days enrolled at most 7 in a
  // "week" report (30 in a week raised the chronic-absence flag).
  std::string by_item;
  std::map<std::string, double> at_most;
};

struct LookupTable {
  std::string id;
  std::string description;
  bool site_supplied = false;
  std::map<long, double> rows;  // whole raw score -> value
};

struct Code {
  std::string system;
  std::string code;
  std::string display;
  std::string verification;  // "", "P" or "M"
};

struct ChangeRule {
  std::optional<double> mcid_points;   // minimal clinically important difference, in score points
  std::optional<double> mcid_percent;  // ... or as a percentage of the baseline
  std::optional<double> sd;            // reliable change index inputs: baseline SD ...
  std::optional<double> reliability;   // ... and test-retest reliability
  // The reporters the MCID was established for (PedsQL's 4.4 is child self-report's); empty: any.
  std::vector<Reporter> mcid_reporters;
  // Items whose answers must be the same for two administrations to be compared: days missed
  // over a week and over a term are not one measure.
  std::vector<std::string> same_answers;
  std::string source;
};

struct Licence {
  std::string status;  // public-domain, free-with-citation, permission-required, licensed, unknown
  std::string holder;
  bool text_shipped = false;
  std::string notes;
};

struct Verification {
  std::string path;    // where in the definition ("/bands/total")
  std::string status;  // "M" or "P"
  std::string note;
};

struct SettingOption {
  std::string name;
  std::string description;
  std::string source;
};
struct SiteSetting {
  std::string key;
  std::string description;
  std::string default_option;
  std::vector<SettingOption> options;
};

struct AgeLimits {
  std::optional<int> min_months;
  std::optional<int> max_months;  // inclusive: the last month of the validated range
  std::string note;
};

struct AgeRange : AgeLimits {
  // A reporter whose form is validated for other ages (PedsQL: parents report from 5 years,
  // children themselves from 8, on these items).
  std::map<Reporter, AgeLimits> by_reporter;
  const AgeLimits& of(std::optional<Reporter> reporter) const {
    if (reporter)
      if (auto f = by_reporter.find(*reporter); f != by_reporter.end()) return f->second;
    return *this;
  }
};

struct Definition {
  std::string id;
  std::string version;
  std::string name;
  std::string kind;  // observational, questionnaire, rating, record
  std::vector<Reporter> reporters;
  AgeRange age;
  std::map<std::string, ResponseSet> response_sets;
  std::vector<Item> items;
  std::vector<Scale> scales;  // in order; a scale may use only scales before it
  std::string primary;        // the scale reported as the total
  std::map<std::string, MissingRule> missing_rules;
  std::map<std::string, std::vector<Band>> bands;  // by scale
  std::vector<Threshold> thresholds;
  std::vector<Adjustment> adjustments;
  std::map<std::string, LookupTable> lookups;
  std::map<std::string, std::vector<Code>> codes;        // by scale
  std::map<std::string, ChangeRule> change;              // by scale
  std::vector<SumLimit> sum_limits;                      // school days: attended + missed <= enrolled
  // Items of which at most one may be non-zero: two sides of one observation (N-PASS: a
  // criterion is graded towards pain/agitation or towards sedation, never both at once).
  std::vector<std::vector<std::string>> one_side_only;
  // Scales whose items divide the instrument's between them, each item in exactly one (FOPQ-C's
  // fear and avoidance, 11 + 13 = 24): a site's key that overlaps or leaves items out is refused.
  std::vector<std::vector<std::string>> partitions;
  bool individual_descriptors = false;  // r-FLACC: per-patient behaviours by category
  Licence licence;
  std::vector<std::string> citations;
  std::vector<Verification> verification;
  std::vector<SiteSetting> settings;
  std::vector<std::string> site_supplied;  // definition paths a site supplement may fill
  std::map<std::string, std::string> chosen_settings;  // filled when resolved for a site

  const Item* find_item(const std::string& id) const;
  const Scale* find_scale(const std::string& id) const;
  const ResponseSet& responses_of(const Item& item) const;
  std::string key() const { return id + "@" + version; }
};

}  // namespace relief::instruments
