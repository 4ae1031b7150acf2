#include "programs/acute/service_statistics.hpp"

#include <algorithm>
#include <boost/json.hpp>

namespace relief::acute {
namespace {

std::optional<double> median(std::vector<double> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  auto n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

template <class E>
std::string name_of(E e) {
  return boost::json::value_from(e).as_string().c_str();
}

double minutes_between(Instant a, Instant b) { return (b.ms - a.ms) / 60'000.0; }

}  // namespace

ServiceStatistics service_statistics(Reader& r, Instant from, Instant to) {
  ServiceStatistics s;
  std::vector<double> to_first_assessment, to_acknowledge;
  for (const auto& c : list<AcuteConsult>(r, std::nullopt, std::nullopt)) {
    if (c.requested_at < from || !(c.requested_at < to) || c.status == ConsultStatus::cancelled) continue;
    ++s.consults_by_month[format_date(date_of(c.requested_at)).substr(0, 7)][name_of(c.reason)];
    if (c.accepted_at && c.first_assessed_at) {
      ++s.consults_assessed;
      to_first_assessment.push_back(std::max(0.0, minutes_between(*c.accepted_at, *c.first_assessed_at)));
    }
  }
  for (const auto& o : list<OrderRecord>(r, std::nullopt, std::nullopt)) {
    Instant start = std::max(o.started, from);
    Instant end = std::min(o.stopped.value_or(to), to);
    if (end < start || end == start) continue;
    s.modality_days[name_of(o.order.kind)] += (end.ms - start.ms) / 86'400'000.0;
  }
  for (const auto& a : list<AlertRecord>(r, std::nullopt, std::nullopt)) {
    if (a.alert.observed_at < from || !(a.alert.observed_at < to)) continue;
    ++s.alerts;
    ++s.alerts_by_kind[name_of(a.alert.kind)];
    if (a.status == AlertStatus::acknowledged && a.acknowledged_at) {
      ++s.alerts_acknowledged;
      to_acknowledge.push_back(std::max(0.0, minutes_between(a.alert.observed_at, *a.acknowledged_at)));
    }
  }
  s.median_minutes_to_first_assessment = median(to_first_assessment);
  s.median_minutes_to_acknowledge = median(to_acknowledge);
  return s;
}

}  // namespace relief::acute
