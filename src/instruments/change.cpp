#include "instruments/change.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/errors.hpp"
#include "instruments/scoring.hpp"

namespace relief::instruments {

double reliable_change_index(double baseline, double current, double sd, double reliability) {
  const double sem = sd * std::sqrt(1.0 - reliability);
  const double s_diff = std::sqrt(2.0) * sem;
  return (current - baseline) / s_diff;
}

ChangeAssessment assess_change(const Definition& d, const std::string& scale_id, double baseline, double current,
                               std::optional<Reporter> reporter) {
  const Scale* scale = d.find_scale(scale_id);
  if (!scale) throw ValidationError("baseline." + scale_id, d.name + " has no scale '" + scale_id + "'");
  ChangeAssessment c;
  c.scale = scale_id;
  c.baseline = baseline;
  c.current = current;
  c.difference = current - baseline;
  if (baseline != 0) c.percent = 100.0 * c.difference / std::fabs(baseline);
  const bool lower_is_better = scale->higher_is == "worse";
  c.improved = lower_is_better ? c.difference < 0 : c.difference > 0;
  c.worsened = lower_is_better ? c.difference > 0 : c.difference < 0;

  // Scores are exact to far better than 1e-9, so a tolerance only absorbs binary rounding.
  constexpr double tolerance = 1e-9;
  if (auto rule = d.change.find(scale_id); rule != d.change.end()) {
    const ChangeRule& r = rule->second;
    c.source = r.source;
    const bool mcid_applies = r.mcid_reporters.empty() || !reporter ||
                              std::find(r.mcid_reporters.begin(), r.mcid_reporters.end(), *reporter) != r.mcid_reporters.end();
    if (mcid_applies) {
      c.mcid_points = r.mcid_points;
      c.mcid_percent = r.mcid_percent;
    }
    if (c.mcid_points && std::fabs(c.difference) + tolerance >= *c.mcid_points) c.mcid_reached = true;
    if (c.mcid_percent && c.percent && std::fabs(*c.percent) + tolerance >= *c.mcid_percent) c.mcid_reached = true;
    if (r.sd && r.reliability) {
      c.rci = reliable_change_index(baseline, current, *r.sd, *r.reliability);
      c.reliable = std::fabs(*c.rci) > 1.96;
    }
  }
  if (auto bands = d.bands.find(scale_id); bands != d.bands.end()) {
    c.baseline_band = band_of(bands->second, baseline);
    c.current_band = band_of(bands->second, current);
    if (c.baseline_band && c.current_band && c.baseline_band->label != c.current_band->label) {
      const bool moved_down = c.current_band->min < c.baseline_band->min;
      c.band_improved = lower_is_better ? moved_down : !moved_down;
    }
  }
  c.responder = c.reliable && c.improved && c.band_improved;

  std::ostringstream why;
  if (c.improved || c.worsened)
    why << (c.improved ? "improved" : "worsened") << " by " << std::fabs(c.difference)
        << (std::fabs(c.difference) == 1 ? " point" : " points");
  else
    why << "unchanged";
  // "57%", not "57.1429%": a tenth of a percent is the most a clinician reads of it.
  if (c.percent) why << " (" << std::round(std::fabs(*c.percent) * 10) / 10 << "% of baseline)";
  if (c.mcid_points || c.mcid_percent)
    why << "; " << (c.mcid_reached ? "reaches" : "does not reach") << " the MCID";
  else if (auto rule = d.change.find(scale_id); rule != d.change.end() && (rule->second.mcid_points || rule->second.mcid_percent))
    why << "; no MCID is established for this reporter";
  else
    why << "; no MCID is defined for this scale";
  if (c.rci) why << "; RCI " << *c.rci << (c.reliable ? " (reliable, |RCI| > 1.96)" : " (not reliable)");
  else why << "; no RCI (the site has not set SD and test-retest reliability)";
  if (c.baseline_band && c.current_band && c.baseline_band->label != c.current_band->label)
    why << "; band " << c.baseline_band->label << " -> " << c.current_band->label;
  c.explanation = why.str();
  return c;
}

}  // namespace relief::instruments
