#include "programs/acute/pain_scales.hpp"

namespace relief::acute {

const std::vector<PainScale>& pain_scales() {
  static const std::vector<PainScale> scales{
      {"72514-3", "NRS", 0, 10, true},           // numeric rating (LOINC)
      {"38208-5", "Pain", 0, 10, true},          // reported pain severity (LOINC)
      {"57696-7", "FPS-R", 0, 10, true},         // Faces Pain Scale - Revised (LOINC)
      {"38221-8", "Wong-Baker", 0, 10, true},    // Wong-Baker FACES (LOINC)
      {"38213-5", "FLACC", 0, 10, true},         // LOINC
      {"r-flacc-total", "r-FLACC", 0, 10, true}, // Relief's code, as its instrument definition charts it
      {"nips-total", "NIPS", 0, 7, false, 5, "[S38] NIPS 5 and over: severe pain, drug treatment indicated (V)"},
      // N-PASS pain, with the prematurity points (LOINC and Relief's code).
      {"95621-9", "N-PASS", 0, 13, false, 4, "[S41] N-PASS pain above 3: intervene (P)"},
      {"n-pass-pain", "N-PASS", 0, 13, false, 4, "[S41] N-PASS pain above 3: intervene (P)"},
      {"cheops-total", "CHEOPS", 4, 13, false, 8, "[S34] CHEOPS 8 and over: requires analgesia (V)"},
      {"comfort-b-total", "COMFORT-B", 6, 30, false, 23, "[S14] COMFORT-B 23 and over: distress (V)"},
  };
  return scales;
}

const PainScale* find_pain_scale(std::string_view code) {
  for (const auto& s : pain_scales())
    if (s.code == code) return &s;
  return nullptr;
}

std::vector<std::string> zero_to_ten_pain_codes() {
  std::vector<std::string> out;
  for (const auto& s : pain_scales())
    if (s.zero_to_ten) out.emplace_back(s.code);
  return out;
}

bool is_pain_code(std::string_view code) {
  const auto* s = find_pain_scale(code);
  return s && s->zero_to_ten;
}

}  // namespace relief::acute
