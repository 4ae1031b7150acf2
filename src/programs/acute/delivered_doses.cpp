#include "programs/acute/delivered_doses.hpp"

#include <algorithm>

namespace relief::acute {
namespace {
constexpr std::int64_t kHourMs = 3'600'000;
}

std::vector<GivenDose> delivered_last_24h(const std::vector<OrderRecord>& orders, Instant now) {
  const Instant window_start{now.ms - 24 * kHourMs};
  std::vector<GivenDose> given;
  for (const auto& record : orders) {
    const Instant start = std::max(record.started, window_start);
    const Instant end = std::min(record.stopped.value_or(now), now);
    const auto& o = record.order;
    if (o.catheter && o.catheter->rate_ml_h > 0 && start < end) {
      // One entry per started hour keeps each amount near the time it ran.
      const Route route = o.kind == Modality::epidural ? Route::epidural : Route::perineural;
      for (Instant t = start; t < end; t = Instant{t.ms + kHourMs}) {
        double hours = std::min<double>(kHourMs, end.ms - t.ms) / kHourMs;
        given.push_back(GivenDose{o.catheter->drug, route, DrugAmount{o.catheter->rate_ml_h * hours, AmountUnit::ml},
                                  o.catheter->concentration, t});
      }
    }
    if (o.block && !(record.started < window_start) && !(now < record.started)) {
      given.push_back(GivenDose{o.block->drug, o.block->route, DrugAmount{o.block->volume_ml, AmountUnit::ml},
                                o.block->concentration, record.started});
    }
    if (o.scheduled && !o.scheduled->as_needed && o.scheduled->interval_h > 0) {
      const std::int64_t step = static_cast<std::int64_t>(o.scheduled->interval_h * kHourMs);
      for (Instant t = record.started; !(end < t) && t < now; t = Instant{t.ms + step})
        if (!(t < window_start)) given.push_back(GivenDose{o.scheduled->drug, o.scheduled->route, o.scheduled->dose, std::nullopt, t});
    }
  }
  return given;
}

}  // namespace relief::acute
