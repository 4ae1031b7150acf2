#pragma once
// What Relief knows about the things it records as single-value Observations: the code, the
// unit, and the values that make sense. A pain score of 11 on a 0-10 scale is refused here,
// in one place, whichever door it came in by.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "core/observation.hpp"

namespace relief {

inline constexpr std::string_view kLoinc = "http://loinc.org";
inline constexpr std::string_view kUcum = "http://unitsofmeasure.org";
// Codes for things LOINC does not (yet) name; see docs/api.md.
inline constexpr std::string_view kReliefCodes = "https://relief.example.org/fhir/CodeSystem/relief-observation";

struct MeasureDefinition {
  std::string_view system;
  std::string_view code;
  std::string_view display;
  std::string_view category;  // FHIR observation-category
  std::string_view unit;      // UCUM
  double min;
  double max;
  bool integer;
  std::vector<double> allowed;  // when only some values exist (FPS-R: 0, 2, 4 ... 10)
  std::string_view source;      // why these values (reference/clinical.md)
};

const std::vector<MeasureDefinition>& measure_definitions();
const MeasureDefinition* find_measure(std::string_view system, std::string_view code);

inline constexpr std::string_view kPainNrsCode = "72514-3";
inline constexpr std::string_view kBodyWeightCode = "29463-7";

// Rules that hold for every observation, plus the definition's range when the code is known.
// Which of a measure's `allowed` values apply. `as_scored`: the value comes from an instrument the
// site has configured, whose definition already checked it (the FPS-R's German ICU option scores
// every whole number 0-10 where the published scale has only even ones); range and whole-number
// rules still apply. Everything else is held to the published values.
enum class AllowedValues { published, as_scored };

std::vector<Problem> validate_observation(const Observation& o, Instant now,
                                          AllowedValues allowed = AllowedValues::published);

}  // namespace relief
