#include "core/compact_json.hpp"

#include <boost/json/serialize.hpp>
#include <charconv>
#include <cmath>

namespace relief {
namespace {

void write(std::string& out, const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, value] : v.get_object()) {
        if (!first) out += ',';
        first = false;
        out += boost::json::serialize(boost::json::string_view(key));  // quoted and escaped by Boost.JSON
        out += ':';
        write(out, value);
      }
      out += '}';
      return;
    }
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ',';
        first = false;
        write(out, e);
      }
      out += ']';
      return;
    }
    case boost::json::kind::double_:
      out += json_number_text(v.get_double());
      return;
    default:
      out += boost::json::serialize(v);
  }
}

}  // namespace

std::string json_number_text(double d) {
  // JSON has no NaN or infinity; Boost.JSON writes those as null too.
  if (!std::isfinite(d)) return "null";
  if (d == std::floor(d) && std::fabs(d) < 9.0e15) return std::to_string(static_cast<long long>(d));
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);  // shortest round-trip
  return ec == std::errc{} ? std::string(buffer, end) : "null";
}

std::string compact_json(const boost::json::value& v) {
  std::string out;
  write(out, v);
  return out;
}

}  // namespace relief
