#pragma once
// Reading a stored record body back into its struct. Bodies written before a field existed lack
// its key: those keys take the field's default, so adding a field to a record never makes older
// versions unreadable.
#include <boost/json.hpp>
#include <string_view>

#include "core/json_conversions.hpp"

namespace relief {

template <class T>
T record_from_json(std::string_view body) {
  static const boost::json::object defaults = boost::json::value_from(T{}).as_object();
  boost::json::value stored = boost::json::parse(body);
  auto& fields = stored.as_object();
  for (const auto& [key, value] : defaults)
    if (!fields.contains(key)) fields.emplace(key, value);
  return boost::json::value_to<T>(stored);
}

}  // namespace relief
