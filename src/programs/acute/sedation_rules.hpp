#pragma once
// Bedside monitoring rules for children on opioids and regional infusions, as site settings with
// defaults (shared/reference/clinical.md 3): sedation at the hold threshold raises a "hold opioid,
// notify" alert; a low respiratory rate for age, or a low SpO2 where the site sets a minimum,
// raises an alert; severe pain makes a reassessment due, overdue once its time passes without a
// new pain score. Pure: the caller passes the assessments and the clock.
#include <boost/describe.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "core/time.hpp"
#include "programs/acute/quantity.hpp"

namespace relief::acute {

enum class SedationScale { poss, umss, rass };
BOOST_DESCRIBE_ENUM(SedationScale, poss, umss, rass)

// A sedation level as recorded: POSS "S" (asleep, easy to arouse) or "1".."4"; UMSS "0".."4";
// RASS "-5".."+4".
struct SedationAssessment {
  SedationScale scale = SedationScale::poss;
  std::string level;
  Instant at;
};
BOOST_DESCRIBE_STRUCT(SedationAssessment, (), (scale, level, at))

// A pain score on a 0-10 scale (NRS-11, FPS-R, FLACC, Wong-Baker ...); `scale` names it.
struct PainAssessment {
  double score = 0;
  std::string scale;
  Instant at;
};
BOOST_DESCRIBE_STRUCT(PainAssessment, (), (score, scale, at))

struct VitalSign {
  double value = 0;  // breaths/min, or SpO2 %
  Instant at;
};
BOOST_DESCRIBE_STRUCT(VitalSign, (), (value, at))

// The lowest acceptable respiratory rate for an age band [min, max) in months.
struct RespiratoryBand {
  int min_age_months = 0;
  std::optional<int> max_age_months;  // none: and older
  double min_rate = 0;                // breaths per minute
};
BOOST_DESCRIBE_STRUCT(RespiratoryBand, (), (min_age_months, max_age_months, min_rate))

struct MonitoringSettings {
  SedationScale ward_scale = SedationScale::poss;  // what the ward records (POSS or UMSS)
  int poss_hold_at = 3;                            // [S86][S88] V: POSS 3 and 4 are unacceptable
  int umss_hold_at = 3;                            // UMSS >= 3 typical PCA default, M
  std::optional<int> rass_hold_at_or_below;        // off: RASS is not recommended on wards [S92]; M if set
  double severe_pain_at = 7;                       // on a 0-10 scale
  int reassess_within_min = 60;
  std::vector<RespiratoryBand> respiratory_rate_minimum;  // reference defaults: the site must confirm
  std::string respiratory_rate_source;
  std::optional<double> spo2_minimum;              // off until the site sets one
};
BOOST_DESCRIBE_STRUCT(MonitoringSettings, (),
                      (ward_scale, poss_hold_at, umss_hold_at, rass_hold_at_or_below, severe_pain_at,
                       reassess_within_min, respiratory_rate_minimum, respiratory_rate_source, spo2_minimum))

MonitoringSettings default_monitoring_settings();
// A site's settings: any key given replaces the default ("respiratory_rate_minimum" as a whole).
// Throws relief::ValidationError naming the key.
MonitoringSettings parse_monitoring_settings(const boost::json::value& json);
std::vector<Problem> validate_monitoring_settings(const MonitoringSettings& s);

struct MonitoringInput {
  int age_months = 0;
  std::vector<SedationAssessment> sedation;  // recent ones; the latest counts
  std::vector<PainAssessment> pain;
  std::vector<VitalSign> respiratory_rate;
  std::vector<VitalSign> spo2;
};

enum class AlertKind {
  sedation_hold,         // hold the opioid, notify the pain service
  sedation_stop,         // stop the opioid, consider naloxone, stay with the child
  respiratory_rate_low,
  spo2_low,
  sedation_unmonitored,  // a scale recorded for which the site has no hold rule (RASS by default)
};
BOOST_DESCRIBE_ENUM(AlertKind, sedation_hold, sedation_stop, respiratory_rate_low, spo2_low, sedation_unmonitored)

struct Alert {
  AlertKind kind = AlertKind::sedation_hold;
  std::string rule;                     // "sedation/poss-hold"
  std::string message;
  Instant observed_at;                  // the assessment that raised it
  std::optional<Quantity> observed;
  std::optional<Quantity> threshold;
  std::string source;
};
BOOST_DESCRIBE_STRUCT(Alert, (), (kind, rule, message, observed_at, observed, threshold, source))

struct DueAssessment {
  std::string rule;                     // "pain/reassess-severe"
  Instant due;
  bool overdue = false;                 // now is past `due` and no newer pain score exists
  Instant triggered_by;                 // the severe score's time
  double triggering_score = 0;
  std::string message;
};
BOOST_DESCRIBE_STRUCT(DueAssessment, (), (rule, due, overdue, triggered_by, triggering_score, message))

struct MonitoringState {
  std::vector<Alert> alerts;
  std::vector<DueAssessment> due;
};

// Throws relief::ValidationError for a sedation level its scale does not have.
// The numeric level, or nullopt for POSS "S". Throws ValidationError for a level the scale does
// not have.
std::optional<int> sedation_level(const SedationAssessment& a);

MonitoringState evaluate_monitoring(const MonitoringSettings& settings, const MonitoringInput& input, Instant now);

}  // namespace relief::acute
