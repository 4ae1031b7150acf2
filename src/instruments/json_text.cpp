#include "instruments/json_text.hpp"

#include "core/compact_json.hpp"

#include <boost/json/serialize.hpp>
#include <charconv>
#include <cmath>

namespace relief::instruments {

std::string number_text(double d) { return json_number_text(d); }

namespace {

void write(std::string& out, const boost::json::value& v, int depth) {
  const std::string pad(static_cast<std::size_t>(depth + 1) * 2, ' ');
  const std::string close_pad(static_cast<std::size_t>(depth) * 2, ' ');
  switch (v.kind()) {
    case boost::json::kind::object: {
      const auto& o = v.get_object();
      if (o.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      bool first = true;
      for (const auto& [key, value] : o) {
        if (!first) out += ",\n";
        first = false;
        out += pad + boost::json::serialize(boost::json::value(key)) + ": ";
        write(out, value, depth + 1);
      }
      out += "\n" + close_pad + "}";
      return;
    }
    case boost::json::kind::array: {
      const auto& a = v.get_array();
      if (a.empty()) {
        out += "[]";
        return;
      }
      // Short arrays of scalars stay on one line: [0, 2, 4, 6, 8, 10].
      bool scalars = a.size() <= 12;
      for (const auto& e : a) scalars = scalars && !e.is_structured();
      out += scalars ? "[" : "[\n";
      bool first = true;
      for (const auto& e : a) {
        if (!first) out += scalars ? ", " : ",\n";
        first = false;
        if (!scalars) out += pad;
        write(out, e, depth + 1);
      }
      out += scalars ? "]" : "\n" + close_pad + "]";
      return;
    }
    case boost::json::kind::double_:
      out += number_text(v.get_double());
      return;
    default:
      out += boost::json::serialize(v);
  }
}

}  // namespace

std::string to_readable_json(const boost::json::value& v) {
  std::string out;
  write(out, v, 0);
  out += "\n";
  return out;
}

boost::json::value json_number(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9.0e15) return static_cast<std::int64_t>(v);
  return v;
}

}  // namespace relief::instruments
