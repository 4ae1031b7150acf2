#pragma once
// The pain scales the acute service reads as a child's pain: their codes as Relief charts them,
// their names and ranges (those of the instrument definitions in data/instruments; a test keeps
// the two the same). The severe-pain reassessment rule (sedation_rules.cpp) reads the 0-10
// scales against the site's threshold (7 by default), and the behavioural scales of neonates
// and ventilated children (NIPS, N-PASS, CHEOPS, COMFORT-B) against their own published
// cut-offs; the census shows them as what they are ("7 (NIPS 0-7)").
#include <string>
#include <string_view>
#include <vector>

namespace relief::acute {

struct PainScale {
  std::string_view code;
  std::string_view name;  // "NIPS"
  double min;
  double max;
  bool zero_to_ten;  // self-report and FLACC-type scales scored 0-10
  // Not 0-10: the score from which pain needs treatment and a reassessment, and its source.
  double reassess_from = 0;
  std::string_view reassess_source;
};

const std::vector<PainScale>& pain_scales();
const PainScale* find_pain_scale(std::string_view code);
// The 0-10 scales' codes, which the monitoring rules read and a bedside pain score may be charted under.
std::vector<std::string> zero_to_ten_pain_codes();
bool is_pain_code(std::string_view code);  // a 0-10 pain scale's code

}  // namespace relief::acute
