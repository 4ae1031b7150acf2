#include "core/measure_definitions.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace relief {

const std::vector<MeasureDefinition>& measure_definitions() {
  static const std::vector<MeasureDefinition> defs{
      {kLoinc, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported", "survey", "{score}", 0, 10,
       true, {}, "reference/clinical.md 1.2 (V)"},
      {kLoinc, "38208-5", "Pain severity - Reported", "survey", "{score}", 0, 10, true, {},
       "reference/clinical.md 1.3 (V)"},
      {kLoinc, "57696-7", "Pain severity FPS-R", "survey", "{score}", 0, 10, true, {0, 2, 4, 6, 8, 10},
       "reference/clinical.md 1.2: six faces scored 0,2,4,6,8,10 (V)"},
      {kLoinc, "38221-8", "Pain severity Wong-Baker FACES pain rating scale", "survey", "{score}", 0, 10, true,
       {0, 2, 4, 6, 8, 10}, "reference/clinical.md 1.2 (V)"},
      // LOINC code for FLACC is partly verified (P) in reference/clinical.md: confirm at loinc.org.
      {kLoinc, "38213-5", "FLACC pain scale [Score]", "survey", "{score}", 0, 10, true, {},
       "reference/clinical.md 1.2: 5 categories x 0-2 (V); code P"},
      // Sedation scales have no LOINC code in the retrieved sources: local codes (clinical.md 1.3).
      // POSS "S" (asleep, easy to arouse) is charted as 0 with the letter in the note.
      {kReliefCodes, "poss", "Pasero Opioid-induced Sedation Scale", "survey", "{score}", 0, 4, true, {},
       "reference/clinical.md 3 (V)"},
      {kReliefCodes, "umss", "University of Michigan Sedation Scale", "survey", "{score}", 0, 4, true, {},
       "reference/clinical.md 3 (P)"},
      {kReliefCodes, "rass", "Richmond Agitation-Sedation Scale", "survey", "{score}", -5, 4, true, {},
       "reference/clinical.md 3 (V)"},
      {kLoinc, "29463-7", "Body weight", "vital-signs", "kg", 0.2, 250, false, {}, "plausible pediatric range"},
      {kLoinc, "9279-1", "Respiratory rate", "vital-signs", "/min", 0, 150, true, {}, "physiological range"},
      {kLoinc, "8867-4", "Heart rate", "vital-signs", "/min", 0, 350, true, {}, "physiological range"},
      {kLoinc, "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "vital-signs", "%", 0, 100, false,
       {}, "physiological range"},
  };
  return defs;
}

const MeasureDefinition* find_measure(std::string_view system, std::string_view code) {
  for (const auto& d : measure_definitions())
    if (d.code == code && (system.empty() || d.system == system)) return &d;
  return nullptr;
}

namespace {
std::string number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}
}  // namespace

std::vector<Problem> validate_observation(const Observation& o, Instant now, AllowedValues allowed) {
  std::vector<Problem> problems;
  if (o.patient_id.empty()) problems.push_back({"subject", "an observation needs a subject (Patient/ID)"});
  if (o.code.code.empty()) problems.push_back({"code", "an observation needs a code"});
  // Clocks drift; five minutes in the future is tolerated, more is a typing error.
  if (o.effective.ms > now.ms + 5 * 60 * 1000) problems.push_back({"effectiveDateTime", "the time is in the future"});
  const bool needs_value = o.status != ObservationStatus::cancelled && o.status != ObservationStatus::entered_in_error &&
                           o.status != ObservationStatus::registered;
  if (!o.value) {
    if (needs_value) problems.push_back({"value[x]", "a numeric value is required"});
    return problems;
  }
  double v = *o.value;
  if (!std::isfinite(v)) {
    problems.push_back({"value[x]", "the value is not a finite number"});
    return problems;
  }
  const MeasureDefinition* def = find_measure(o.code.system, o.code.code);
  if (!def) return problems;
  std::string name{def->display};
  if (v < def->min || v > def->max)
    problems.push_back({"value[x]", name + " must be between " + number(def->min) + " and " + number(def->max) +
                                        "; " + number(v) + " is out of range"});
  else if (def->integer && v != std::floor(v))
    problems.push_back({"value[x]", name + " is a whole number; " + number(v) + " is not"});
  else if (allowed == AllowedValues::published && !def->allowed.empty() &&
           std::find(def->allowed.begin(), def->allowed.end(), v) == def->allowed.end())
  {
    std::string values;
    for (double a : def->allowed) values += (values.empty() ? "" : ", ") + number(a);
    problems.push_back({"value[x]", name + " takes only the values " + values + "; " + number(v) + " is not one"});
  }
  if (!o.unit.empty() && o.unit != def->unit)
    problems.push_back({"valueQuantity.code", name + " is recorded in '" + std::string(def->unit) + "', not '" + o.unit + "'"});
  return problems;
}

}  // namespace relief
