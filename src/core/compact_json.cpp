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
    case boost::json::kind::double_: {
      const double d = v.get_double();
      char buffer[64];
      auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);  // shortest round-trip
      // JSON has no NaN or infinity; Boost.JSON writes those as null too.
      if (!std::isfinite(d) || ec != std::errc{}) out += "null";
      else out.append(buffer, end);
      return;
    }
    default:
      out += boost::json::serialize(v);
  }
}

}  // namespace

std::string compact_json(const boost::json::value& v) {
  std::string out;
  write(out, v);
  return out;
}

}  // namespace relief
