#include "programs/acute/sedation_rules.hpp"

#include <boost/json.hpp>
#include <algorithm>
#include <charconv>
#include <cmath>

#include "programs/acute/pain_scales.hpp"

namespace relief::acute {
namespace {

constexpr const char* kRespiratorySource =
    "Relief reference default, not in shared/reference/clinical.md (evidence M: typical pediatric PCA protocol "
    "values); the site must confirm";

template <class T>
const T* latest(const std::vector<T>& list, Instant now) {
  const T* best = nullptr;
  for (const auto& item : list)
    if (item.at <= now && (!best || best->at < item.at)) best = &item;
  return best;
}

std::string age_band_text(const RespiratoryBand& b) {
  auto years = [](int m) { return m % 12 == 0 ? std::to_string(m / 12) + " y" : std::to_string(m) + " mo"; };
  if (!b.max_age_months) return years(b.min_age_months) + " and older";
  return years(b.min_age_months) + " to under " + years(*b.max_age_months);
}


std::string scale_name(SedationScale s) {
  switch (s) {
    case SedationScale::poss: return "POSS";
    case SedationScale::umss: return "UMSS";
    case SedationScale::rass: return "RASS";
  }
  return "?";
}

void sedation_alerts(const MonitoringSettings& s, const SedationAssessment& a, std::vector<Alert>& out) {
  auto level = sedation_level(a);
  if (!level) return;  // POSS S: asleep, easy to arouse, acceptable
  auto name = scale_name(a.scale);
  Quantity observed{static_cast<double>(*level), name};
  auto alert = [&](AlertKind kind, std::string rule, double threshold, std::string message, std::string source) {
    out.push_back({kind, std::move(rule), std::move(message), a.at, observed, Quantity{threshold, name}, std::move(source)});
  };
  switch (a.scale) {
    case SedationScale::poss:
      if (*level >= 4)
        alert(AlertKind::sedation_stop, "sedation/poss-stop", 4,
              "POSS 4 (somnolent, minimal or no response): stop the opioid, consider naloxone, stay with the child and "
              "call for help if needed; notify the pain service now.",
              "[S86] POSS interventions, V");
      else if (*level >= s.poss_hold_at)
        alert(AlertKind::sedation_hold, "sedation/poss-hold", s.poss_hold_at,
              "POSS " + std::to_string(*level) + " is unacceptable sedation: hold the opioid and notify the pain "
              "service; monitor sedation and breathing closely until POSS is below " + std::to_string(s.poss_hold_at) + ".",
              "[S86][S88] POSS 3-4 unacceptable, V (threshold: site setting)");
      break;
    case SedationScale::umss:
      if (*level >= 4)
        alert(AlertKind::sedation_stop, "sedation/umss-stop", 4,
              "UMSS 4 (unrousable): stop the opioid, consider naloxone, stay with the child; notify the pain service now.",
              "[S90] UMSS levels; action M");
      else if (*level >= s.umss_hold_at)
        alert(AlertKind::sedation_hold, "sedation/umss-hold", s.umss_hold_at,
              "UMSS " + std::to_string(*level) + " is deep sedation: hold the opioid and notify the pain service.",
              "[S90] typical PCA default UMSS >= 3, M (threshold: site setting)");
      break;
    case SedationScale::rass:
      if (!s.rass_hold_at_or_below) {
        out.push_back({AlertKind::sedation_unmonitored, "sedation/rass-without-rule",
                       "RASS " + a.level + " was recorded, but this site has no RASS hold rule, so opioid sedation is "
                       "not being checked. Use POSS or UMSS on the ward (RASS is not recommended for ward opioid "
                       "monitoring), or ask an administrator to set a RASS hold level.",
                       a.at, observed, std::nullopt, "[S92] ASPMN, V"});
      } else if (*level <= *s.rass_hold_at_or_below) {
        alert(AlertKind::sedation_hold, "sedation/rass-hold", *s.rass_hold_at_or_below,
              "RASS " + std::to_string(*level) + " is at or below the site's hold level: hold the opioid and notify "
              "the pain service.",
              "site rule, M ([S91] RASS levels; [S92] RASS not recommended on wards)");
      }
      break;
  }
}

}  // namespace

// The numeric level, or nullopt for POSS "S". Throws for a level the scale does not have.
std::optional<int> sedation_level(const SedationAssessment& a) {
  std::string text = a.level;
  if (a.scale == SedationScale::poss && (text == "S" || text == "s")) return std::nullopt;
  if (!text.empty() && text[0] == '+') text.erase(0, 1);
  int v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  bool ok = ec == std::errc{} && end == text.data() + text.size() && !text.empty();
  switch (a.scale) {
    case SedationScale::poss: ok = ok && v >= 1 && v <= 4; break;
    case SedationScale::umss: ok = ok && v >= 0 && v <= 4; break;
    case SedationScale::rass: ok = ok && v >= -5 && v <= 4; break;
  }
  if (!ok) {
    const char* range = a.scale == SedationScale::poss ? "S or 1 to 4" : a.scale == SedationScale::umss ? "0 to 4" : "-5 to +4";
    throw ValidationError("sedation.level", "'" + a.level + "' is not a level of this scale (" + range + ")");
  }
  return v;
}

MonitoringSettings default_monitoring_settings() {
  MonitoringSettings s;
  s.respiratory_rate_minimum = {
      {0, 12, 20},    // infants
      {12, 72, 16},   // 1 to 5 years
      {72, 156, 14},  // 6 to 12 years
      {156, std::nullopt, 12},
  };
  s.respiratory_rate_source = kRespiratorySource;
  return s;
}

std::vector<Problem> validate_monitoring_settings(const MonitoringSettings& s) {
  std::vector<Problem> out;
  if (s.poss_hold_at < 2 || s.poss_hold_at > 4) out.push_back({"poss_hold_at", "must be 2, 3 or 4"});
  if (s.umss_hold_at < 1 || s.umss_hold_at > 4) out.push_back({"umss_hold_at", "must be 1 to 4"});
  if (s.rass_hold_at_or_below && (*s.rass_hold_at_or_below < -5 || *s.rass_hold_at_or_below > -1))
    out.push_back({"rass_hold_at_or_below", "must be -1 to -5"});
  if (!(s.severe_pain_at > 0 && s.severe_pain_at <= 10)) out.push_back({"severe_pain_at", "must be above 0 and at most 10"});
  if (s.reassess_within_min < 5 || s.reassess_within_min > 240)
    out.push_back({"reassess_within_min", "must be 5 to 240 minutes"});
  if (s.spo2_minimum && !(*s.spo2_minimum >= 70 && *s.spo2_minimum <= 100))
    out.push_back({"spo2_minimum", "must be 70 to 100 %"});
  // Bands must tile the ages from birth with no gap or overlap, so every child has a threshold.
  auto bands = s.respiratory_rate_minimum;
  std::sort(bands.begin(), bands.end(), [](auto& a, auto& b) { return a.min_age_months < b.min_age_months; });
  int next = 0;
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const auto& b = bands[i];
    auto field = "respiratory_rate_minimum." + std::to_string(i);
    if (b.min_age_months != next) out.push_back({field, "age bands must start at 0 months and follow each other without gaps"});
    if (!(b.min_rate > 0 && b.min_rate < 60)) out.push_back({field + ".min_rate", "must be 1 to 59 breaths/min"});
    if (b.max_age_months) {
      if (*b.max_age_months <= b.min_age_months) out.push_back({field + ".max_age_months", "must be above min_age_months"});
      next = *b.max_age_months;
    } else if (i + 1 != bands.size()) {
      out.push_back({field + ".max_age_months", "only the last band may be open-ended"});
    } else {
      next = -1;
    }
  }
  if (!bands.empty() && next != -1) out.push_back({"respiratory_rate_minimum", "the last band must be open-ended"});
  return out;
}

MonitoringSettings parse_monitoring_settings(const boost::json::value& json) {
  auto s = default_monitoring_settings();
  if (!json.is_object()) throw ValidationError("monitoring", "must be a JSON object");
  const auto& o = json.as_object();
  std::vector<Problem> problems;
  for (const auto& [key, value] : o) {
    const std::string k(key);
    try {
      if (k == "ward_scale") {
        auto v = boost::json::value_to<std::string>(value);
        if (v == "poss") s.ward_scale = SedationScale::poss;
        else if (v == "umss") s.ward_scale = SedationScale::umss;
        else problems.push_back({k, "must be poss or umss (RASS is not recommended on wards)"});
      } else if (k == "poss_hold_at") s.poss_hold_at = boost::json::value_to<int>(value);
      else if (k == "umss_hold_at") s.umss_hold_at = boost::json::value_to<int>(value);
      else if (k == "rass_hold_at_or_below") s.rass_hold_at_or_below = value.is_null() ? std::nullopt : std::optional<int>(boost::json::value_to<int>(value));
      else if (k == "severe_pain_at") s.severe_pain_at = boost::json::value_to<double>(value);
      else if (k == "reassess_within_min") s.reassess_within_min = boost::json::value_to<int>(value);
      else if (k == "spo2_minimum") s.spo2_minimum = value.is_null() ? std::nullopt : std::optional<double>(boost::json::value_to<double>(value));
      else if (k == "respiratory_rate_minimum") s.respiratory_rate_minimum = boost::json::value_to<std::vector<RespiratoryBand>>(value);
      else if (k == "respiratory_rate_source") s.respiratory_rate_source = boost::json::value_to<std::string>(value);
      else if (k != "description") problems.push_back({k, "unknown monitoring setting"});
    } catch (const std::exception&) {
      problems.push_back({k, "has the wrong type"});
    }
  }
  if (o.contains("respiratory_rate_minimum") && !o.contains("respiratory_rate_source"))
    problems.push_back({"respiratory_rate_source", "say where the site's respiratory rate thresholds come from"});
  auto more = validate_monitoring_settings(s);
  problems.insert(problems.end(), more.begin(), more.end());
  if (!problems.empty()) throw ValidationError(std::move(problems));
  return s;
}

MonitoringState evaluate_monitoring(const MonitoringSettings& s, const MonitoringInput& in, Instant now) {
  MonitoringState state;
  if (const auto* sed = latest(in.sedation, now)) sedation_alerts(s, *sed, state.alerts);

  if (const auto* rr = latest(in.respiratory_rate, now)) {
    for (const auto& band : s.respiratory_rate_minimum) {
      bool in_band = in.age_months >= band.min_age_months && (!band.max_age_months || in.age_months < *band.max_age_months);
      if (!in_band || !(rr->value < band.min_rate)) continue;
      state.alerts.push_back({AlertKind::respiratory_rate_low, "respiratory/rate-low",
                              "Respiratory rate " + format_number(rr->value) + "/min is below " +
                                  format_number(band.min_rate) + "/min for age " + age_band_text(band) +
                                  ": hold the opioid, rouse and assess the child, notify the pain service.",
                              rr->at, Quantity{rr->value, "/min"}, Quantity{band.min_rate, "/min"},
                              s.respiratory_rate_source});
    }
  }
  if (const auto* sat = latest(in.spo2, now); sat && s.spo2_minimum && sat->value < *s.spo2_minimum)
    state.alerts.push_back({AlertKind::spo2_low, "respiratory/spo2-low",
                            "SpO2 " + format_number(sat->value) + "% is below the site minimum of " +
                                format_number(*s.spo2_minimum) + "%: hold the opioid, assess the airway, notify.",
                            sat->at, Quantity{sat->value, "%"}, Quantity{*s.spo2_minimum, "%"},
                            "site setting; rule shape from reference/clinical.md 3 (Implementation)"});

  // Only the newest pain score matters: a newer score answers the reassessment, and if it is
  // severe again it starts a new one.
  // A neonate's NIPS of 6 (of 7) started no timer when only 0-10 scores were read; each scale
  // that is not 0-10 has its own published cut-off (pain_scales.cpp).
  const auto* pain = latest(in.pain, now);
  const PainScale* scale = pain ? find_pain_scale(pain->scale) : nullptr;
  const bool own_cutoff = scale && !scale->zero_to_ten;
  if (pain && pain->score >= (own_cutoff ? scale->reassess_from : s.severe_pain_at)) {
    DueAssessment d;
    d.rule = "pain/reassess-severe";
    d.triggered_by = pain->at;
    d.triggering_score = pain->score;
    d.due = Instant{pain->at.ms + static_cast<std::int64_t>(s.reassess_within_min) * 60'000};
    d.overdue = now > d.due;
    d.message = own_cutoff ? std::string(scale->name) + " " + format_number(pain->score) + " (of " +
                                 format_number(scale->min) + "-" + format_number(scale->max) + ") is at or above " +
                                 format_number(scale->reassess_from) + ", " + std::string(scale->reassess_source) +
                                 ": treat, then reassess pain within " + std::to_string(s.reassess_within_min) + " minutes"
                           : "Pain " + format_number(pain->score) + "/10" + (pain->scale.empty() ? "" : " (" + pain->scale + ")") +
                                 " is severe: reassess pain within " + std::to_string(s.reassess_within_min) + " minutes";
    d.message += d.overdue ? "; the reassessment is overdue." : ".";
    state.due.push_back(std::move(d));
  }
  return state;
}

}  // namespace relief::acute
