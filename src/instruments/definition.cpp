#include "instruments/definition.hpp"

#include <algorithm>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace relief::instruments {

double ResponseSet::lowest_value() const {
  if (whole_min) return static_cast<double>(*whole_min);
  double low = std::numeric_limits<double>::infinity();
  for (const auto& o : options)
    if (o.value) low = std::min(low, *o.value);
  return low;
}

double ResponseSet::highest_value() const {
  if (whole_max) return static_cast<double>(*whole_max);
  double high = -std::numeric_limits<double>::infinity();
  for (const auto& o : options)
    if (o.value) high = std::max(high, *o.value);
  return high;
}

std::string Slot::label() const {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : " | ") + i;
  return out;
}

std::string to_string(Method m) {
  switch (m) {
    case Method::sum: return "sum";
    case Method::mean: return "mean";
    case Method::sum_of_scales: return "sum_of_scales";
    case Method::mean_of_scales: return "mean_of_scales";
    case Method::weighted: return "weighted";
    case Method::lookup: return "lookup";
    case Method::ratio: return "ratio";
  }
  return "?";
}

std::string MissingRule::describe() const {
  std::ostringstream out;
  if (!max_missing && !max_missing_fraction) {
    out << "every item must be answered";
  } else {
    out << "scored when ";
    if (max_missing) out << "at most " << *max_missing << " item" << (*max_missing == 1 ? "" : "s") << " are missing";
    if (max_missing && max_missing_fraction) out << " and ";
    if (max_missing_fraction) out << "no more than " << *max_missing_fraction * 100 << "% of items are missing";
    if (prorate) {
      out << "; a sum with missing items is prorated (sum x items / answered";
      if (round == Rounding::up) out << ", rounded up";
      if (round == Rounding::nearest) out << ", rounded to the nearest whole number";
      out << ")";
    }
  }
  if (local_convention) out << " [local convention: no published rule]";
  return out.str();
}

const Item* Definition::find_item(const std::string& item_id) const {
  for (const auto& i : items)
    if (i.id == item_id) return &i;
  return nullptr;
}

const Scale* Definition::find_scale(const std::string& scale_id) const {
  for (const auto& s : scales)
    if (s.id == scale_id) return &s;
  return nullptr;
}

const ResponseSet& Definition::responses_of(const Item& item) const {
  auto found = response_sets.find(item.response_set);
  if (found == response_sets.end()) throw std::logic_error("item " + item.id + " has no response set");
  return found->second;
}

}  // namespace relief::instruments
