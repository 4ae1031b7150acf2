#include "instruments/score_range.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace relief::instruments {
namespace {

bool whole(double v) { return std::isfinite(v) && v == std::floor(v); }

std::optional<ScoreRange> slot_range(const Definition& d, const Slot& slot) {
  std::optional<ScoreRange> out;
  for (const auto& id : slot.items) {
    const Item* item = d.find_item(id);
    if (!item) return std::nullopt;
    auto r = item_range(d, *item);
    if (!r) return std::nullopt;
    if (!out) out = r;
    else out = ScoreRange{std::min(out->min, r->min), std::max(out->max, r->max)};
  }
  return out;
}

}  // namespace

std::optional<ScoreRange> item_range(const Definition& d, const Item& item) {
  auto found = d.response_sets.find(item.response_set);
  if (found == d.response_sets.end() || !found->second.scored) return std::nullopt;
  const ResponseSet& set = found->second;
  if (set.whole_number_range()) return ScoreRange{set.lowest_value(), set.highest_value()};
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (const auto& o : set.options) {
    if (!o.value) continue;
    double v = o.scored_as ? *o.scored_as : *o.value;
    low = std::min(low, v);
    high = std::max(high, v);
  }
  if (low > high) return std::nullopt;
  return ScoreRange{low, high};  // reverse keying maps [low, high] onto itself
}

std::optional<ScoreRange> score_range(const Definition& d, const std::string& scale_id) {
  const Scale* s = d.find_scale(scale_id);
  if (!s) return std::nullopt;
  std::optional<ScoreRange> r;
  switch (s->method) {
    case Method::sum:
    case Method::mean: {
      if (s->slots.empty()) return std::nullopt;
      for (const auto& slot : s->slots) {
        auto sr = slot_range(d, slot);
        if (!sr) return std::nullopt;
        if (!r) r = sr;
        else if (s->method == Method::sum) r = ScoreRange{r->min + sr->min, r->max + sr->max};
        else r = ScoreRange{std::min(r->min, sr->min), std::max(r->max, sr->max)};
      }
      break;
    }
    case Method::sum_of_scales:
    case Method::mean_of_scales: {
      for (const auto& part : s->of_scales) {
        auto pr = score_range(d, part);
        if (!pr) return std::nullopt;
        if (!r) r = pr;
        else if (s->method == Method::sum_of_scales) r = ScoreRange{r->min + pr->min, r->max + pr->max};
        else r = ScoreRange{std::min(r->min, pr->min), std::max(r->max, pr->max)};
      }
      break;
    }
    case Method::weighted: {
      ScoreRange acc{0, 0};
      for (const auto& t : s->terms) {
        auto pr = score_range(d, t.scale);
        if (!pr) return std::nullopt;
        double a = t.weight * pr->min, b = t.weight * pr->max;
        acc.min += std::min(a, b);
        acc.max += std::max(a, b);
      }
      r = acc;
      break;
    }
    case Method::lookup: {
      auto table = d.lookups.find(s->lookup);
      if (table == d.lookups.end() || table->second.rows.empty()) return std::nullopt;
      double low = std::numeric_limits<double>::infinity(), high = -low;
      for (const auto& [raw, value] : table->second.rows) {
        low = std::min(low, value);
        high = std::max(high, value);
      }
      r = ScoreRange{low, high};
      break;
    }
    case Method::ratio:
      r = ScoreRange{0, 100};
      break;
  }
  if (!r) return std::nullopt;
  if (s->transform) {
    double a = s->transform->apply(r->min), b = s->transform->apply(r->max);
    r = ScoreRange{std::min(a, b), std::max(a, b)};
  }
  for (const auto& adj : d.adjustments) {
    if (adj.scale != scale_id) continue;
    double low = 0, high = 0;
    for (const auto& rule : adj.rules) {
      low = std::min(low, rule.add);
      high = std::max(high, rule.add);
    }
    r->min += low;
    r->max += high;
  }
  return r;
}

bool whole_number_scale(const Definition& d, const std::string& scale_id) {
  const Scale* s = d.find_scale(scale_id);
  if (!s) return false;
  if (s->transform && (s->transform->multiply != 1 || s->transform->divide != 1 || !whole(s->transform->add)))
    return false;
  for (const auto& adj : d.adjustments)
    if (adj.scale == scale_id)
      for (const auto& rule : adj.rules)
        if (!whole(rule.add)) return false;
  switch (s->method) {
    case Method::sum: {
      if (!s->missing_rule.empty()) {
        auto rule = d.missing_rules.find(s->missing_rule);
        if (rule != d.missing_rules.end() && rule->second.prorate && rule->second.round == Rounding::none) return false;
      }
      for (const auto& slot : s->slots)
        for (const auto& id : slot.items) {
          const Item* item = d.find_item(id);
          if (!item) return false;
          for (const auto& o : d.responses_of(*item).options)
            if (o.value && !whole(o.scored_as ? *o.scored_as : *o.value)) return false;
        }
      return true;
    }
    case Method::sum_of_scales:
      for (const auto& part : s->of_scales)
        if (!whole_number_scale(d, part)) return false;
      return true;
    case Method::weighted:
      for (const auto& t : s->terms)
        if (!whole(t.weight) || !whole_number_scale(d, t.scale)) return false;
      return true;
    case Method::lookup: {
      auto table = d.lookups.find(s->lookup);
      if (table == d.lookups.end()) return false;
      for (const auto& [raw, value] : table->second.rows)
        if (!whole(value)) return false;
      return true;
    }
    default:
      return false;
  }
}

}  // namespace relief::instruments
