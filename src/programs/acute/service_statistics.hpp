#pragma once
// What a pain service director reports: consults per month by reason, modality-days, alerts and
// how fast they were acknowledged, and the time from accepting a consult to the first assessment.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "programs/acute/service_records.hpp"

namespace relief::acute {

struct ServiceStatistics {
  std::map<std::string, std::map<std::string, int>> consults_by_month;  // "2026-11" -> reason -> count
  std::map<std::string, double> modality_days;                          // modality -> days running
  int alerts = 0;
  std::map<std::string, int> alerts_by_kind;
  int alerts_acknowledged = 0;
  std::optional<double> median_minutes_to_acknowledge;
  int consults_assessed = 0;
  std::optional<double> median_minutes_to_first_assessment;
};

// Consults requested in [from, to); orders' running days clipped to the window; alerts raised in it.
ServiceStatistics service_statistics(Reader& r, Instant from, Instant to);

}  // namespace relief::acute
