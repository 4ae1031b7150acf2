#include "programs/acute/route.hpp"

#include <boost/describe/enum_from_string.hpp>
#include <boost/describe/enum_to_string.hpp>

namespace relief::acute {

std::string to_string(Route r) { return boost::describe::enum_to_string(r, "?"); }

std::optional<Route> route_from_string(std::string_view s) {
  Route r{};
  if (boost::describe::enum_from_string(std::string(s).c_str(), r)) return r;
  return std::nullopt;
}

std::string route_label(Route r) {
  switch (r) {
    case Route::iv: return "IV";
    case Route::im: return "IM";
    default: return to_string(r);
  }
}

}  // namespace relief::acute
