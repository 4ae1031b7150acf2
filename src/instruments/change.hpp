#pragma once
// Change against a patient's baseline: the minimal clinically important difference (MCID) and
// the reliable change index (Jacobson-Truax: RCI = (x2 - x1) / S_diff, S_diff = sqrt(2) x SEM,
// SEM = SD x sqrt(1 - r); reliable when |RCI| > 1.96), plus movement between bands. Harrison et
// al. 2022 call an FDI responder a reliable improvement that also crosses a severity band.
#include <optional>
#include <string>

#include "instruments/definition.hpp"

namespace relief::instruments {

struct ChangeAssessment {
  std::string scale;
  double baseline = 0;
  double current = 0;
  double difference = 0;                    // current - baseline
  std::optional<double> percent;            // of the baseline; none when the baseline is 0
  bool improved = false;                    // in the scale's direction of improvement
  bool worsened = false;
  std::optional<double> mcid_points;        // the thresholds used
  std::optional<double> mcid_percent;
  bool mcid_reached = false;                // |difference| >= points, or |percent| >= percent
  std::optional<double> rci;                // none without SD and reliability
  bool reliable = false;                    // |RCI| > 1.96
  std::optional<Band> baseline_band;
  std::optional<Band> current_band;
  bool band_improved = false;               // moved to a better band
  bool responder = false;                   // reliable improvement that also crosses into a better band
  std::string source;
  std::string explanation;                  // one sentence a clinician can read
};

// Throws relief::ValidationError when the scale is unknown. `reporter`: who answered both times;
// an MCID established for other reporters is not applied (none known: applied).
ChangeAssessment assess_change(const Definition& d, const std::string& scale, double baseline, double current,
                               std::optional<Reporter> reporter = std::nullopt);

// The reliable change index on its own (SD > 0, 0 < reliability < 1).
double reliable_change_index(double baseline, double current, double sd, double reliability);

}  // namespace relief::instruments
