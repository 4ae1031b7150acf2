#include "programs/acute/exposure_window.hpp"

#include <algorithm>
#include <set>

#include "programs/acute/quantity.hpp"

namespace relief::acute {
namespace {

std::string origin_label(ExposureOrigin o) {
  switch (o) {
    case ExposureOrigin::given: return "given";
    case ExposureOrigin::proposed: return "this order";
    case ExposureOrigin::active: return "other active orders";
  }
  return "?";
}

}  // namespace

std::vector<Route> WindowTotal::routes() const {
  std::set<Route> seen;
  for (const auto& [key, mg] : parts)
    if (mg > 0) seen.insert(key.second);
  return {seen.begin(), seen.end()};
}

std::string WindowTotal::breakdown() const {
  std::string out;
  ExposureOrigin current{};
  bool first = true;
  for (const auto& [key, amount] : parts) {
    if (amount <= 0) continue;
    if (first || key.first != current) {
      out += (first ? "" : "; ") + origin_label(key.first) + ": ";
      current = key.first;
    } else {
      out += ", ";
    }
    first = false;
    out += route_label(key.second) + " " + format_number(amount) + " mg";
  }
  return out;
}

std::vector<Instant> window_starts(const Exposure& exposure, const std::vector<std::string>& drugs, Instant now) {
  std::set<std::int64_t> starts{now.ms};
  for (const auto& d : exposure.doses)
    if (std::find(drugs.begin(), drugs.end(), d.drug) != drugs.end() && d.at.ms >= now.ms - kDayMs &&
        d.at.ms <= now.ms + kDayMs)
      starts.insert(d.at.ms);
  std::vector<Instant> out;
  for (auto s : starts) out.push_back(Instant{s});
  return out;
}

WindowTotal window_total(const Exposure& exposure, const std::string& drug, Instant start) {
  WindowTotal w;
  w.start = start;
  const std::int64_t s = start.ms, end = s + kDayMs;
  for (const auto& d : exposure.doses) {
    if (d.drug != drug || d.at.ms < s || d.at.ms >= end) continue;
    w.mg += d.mg;
    w.parts[{d.origin, d.route}] += d.mg;
    ++w.doses;
  }
  for (const auto& inf : exposure.infusions) {
    if (inf.drug != drug) continue;
    auto from = std::max(s, inf.from.ms);
    if (from >= end) continue;
    double mg = inf.mg_per_h * static_cast<double>(end - from) / kHourMs;
    w.mg += mg;
    w.parts[{inf.origin, inf.route}] += mg;
  }
  return w;
}

std::vector<WindowTotal> windows_24h(const Exposure& exposure, const std::string& drug, Instant now) {
  std::vector<WindowTotal> out;
  for (auto start : window_starts(exposure, {drug}, now)) out.push_back(window_total(exposure, drug, start));
  return out;
}

std::string describe_window_start(Instant start, Instant now) {
  auto minutes = (start.ms - now.ms) / 60'000;
  auto text = [](std::int64_t m) {
    if (m % 60 == 0) return std::to_string(m / 60) + " h";
    if (m < 60) return std::to_string(m) + " min";
    return format_number(static_cast<double>(m) / 60) + " h";
  };
  if (minutes == 0) return "starting now";
  if (minutes < 0) return "starting " + text(-minutes) + " ago";
  return "starting in " + text(minutes);
}

}  // namespace relief::acute
