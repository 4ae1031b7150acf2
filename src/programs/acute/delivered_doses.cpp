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
                                o.block->concentration, record.started, true});
    }
    if (o.scheduled && !o.scheduled->as_needed && o.scheduled->interval_h > 0) {
      const std::int64_t step = static_cast<std::int64_t>(o.scheduled->interval_h * kHourMs);
      for (Instant t = record.started; !(end < t) && t < now; t = Instant{t.ms + step})
        if (!(t < window_start)) given.push_back(GivenDose{o.scheduled->drug, o.scheduled->route, o.scheduled->dose, std::nullopt, t});
    }
  }
  return given;
}

std::map<std::string, Instant> course_starts(const std::vector<OrderRecord>& orders, Instant now) {
  constexpr std::int64_t kDayMs = 24 * 3'600'000LL;
  std::map<std::string, std::vector<std::pair<Instant, Instant>>> runs;
  for (const auto& o : orders) {
    auto drug = primary_drug(o.order);
    if (drug.empty()) continue;
    Instant end = o.status == OrderStatus::active || !o.stopped ? now : *o.stopped;
    runs[drug].emplace_back(o.started, end);
  }
  std::map<std::string, Instant> out;
  for (auto& [drug, list] : runs) {
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    Instant start = list.front().first, end = list.front().second;
    for (const auto& [from, to] : list) {
      if (from.ms > end.ms + kDayMs) start = from;  // a pause of more than a day: a new course
      if (end < to) end = to;
    }
    if (end.ms + kDayMs >= now.ms) out[drug] = start;
  }
  return out;
}

// A running order whose drug limits the length of a course (ketorolac) falls due for review when
// the course reaches that limit: the census shows it, and overdue once it has passed.
std::vector<DueAssessment> course_reviews(const Formulary& formulary, const PatientFacts& facts,
                                          const std::vector<OrderRecord>& running, Instant now_at) {
  std::vector<DueAssessment> out;
  for (const auto& o : running) {
    const DrugEntry* drug = formulary.find(primary_drug(o.order));
    auto started = drug ? facts.course_started.find(drug->id) : facts.course_started.end();
    if (started == facts.course_started.end()) continue;
    LimitContext ctx{static_cast<double>(facts.age_months), facts.postmenstrual_age_weeks, facts.weight_kg, {}, false};
    auto strictest = formulary.strictest(*drug, Measure::course_hours, ctx);
    const auto& limit = strictest.soft ? strictest.soft : strictest.hard;
    if (!limit) continue;
    DueAssessment d;
    d.rule = limit->limit->rule_id();
    d.triggered_by = started->second;
    d.due = Instant{started->second.ms + static_cast<std::int64_t>(limit->value * 3'600'000)};
    d.overdue = now_at > d.due;
    d.message = "review the " + drug->name + " course (" + format_number(limit->value) + " h limit)";
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace relief::acute
