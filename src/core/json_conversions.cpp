#include "core/json_conversions.hpp"

#include <stdexcept>

namespace relief {

void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const Instant& t) { v = format_instant(t); }

Instant tag_invoke(boost::json::value_to_tag<Instant>, const boost::json::value& v) {
  auto parsed = parse_instant(v.as_string());
  if (!parsed) throw std::invalid_argument("not an instant: " + std::string(v.as_string()));
  return *parsed;
}

void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const Date& d) { v = format_date(d); }

Date tag_invoke(boost::json::value_to_tag<Date>, const boost::json::value& v) {
  auto parsed = parse_date(v.as_string());
  if (!parsed) throw std::invalid_argument("not a date: " + std::string(v.as_string()));
  return *parsed;
}

}  // namespace relief
