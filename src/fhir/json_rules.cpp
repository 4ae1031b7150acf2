#include "fhir/json_rules.hpp"

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "core/errors.hpp"

namespace relief::fhir {
namespace {

// The code points R4 strings may not hold: below 32, except TAB, LF and CR.
bool has_control_character(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return true;
  return false;
}

void check(const boost::json::value& v, const std::string& path, bool null_allowed, std::vector<Problem>& found) {
  switch (v.kind()) {
    case boost::json::kind::null:
      if (!null_allowed)
        found.push_back({path, "is null: R4 JSON leaves an element out rather than sending null"});
      return;
    case boost::json::kind::string:
      if (v.as_string().empty())
        found.push_back({path, "is an empty string: R4 JSON leaves an element out rather than sending it empty"});
      else if (has_control_character(v.as_string()))
        found.push_back({path, "holds a control character: FHIR strings may not contain code points below 32 other "
                               "than tab, carriage return and line feed"});
      return;
    case boost::json::kind::array: {
      const auto& a = v.as_array();
      if (a.empty()) found.push_back({path, "is an empty array: R4 JSON leaves an element out rather than sending []"});
      for (std::size_t i = 0; i < a.size(); ++i)
        check(a[i], path + "[" + std::to_string(i) + "]", null_allowed, found);
      return;
    }
    case boost::json::kind::object: {
      const auto& o = v.as_object();
      if (o.empty()) found.push_back({path, "is an empty object: every element has a value or children (ele-1)"});
      for (const auto& [key, child] : o) {
        const std::string here = path.empty() ? std::string(key) : path + "." + std::string(key);
        // json.html: in "given": ["a", null] with "_given": [null, {...}], each null stands for
        // the half of an item the other array carries. Only inside such a pair.
        std::string companion = key.starts_with("_") ? std::string(key.substr(1)) : "_" + std::string(key);
        const bool paired = child.is_array() && o.contains(companion);
        check(child, here, paired && child.is_array(), found);
      }
      return;
    }
    default:
      return;
  }
}

}  // namespace

void refuse_what_fhir_json_forbids(const boost::json::value& resource) {
  std::vector<Problem> found;
  check(resource, "", false, found);
  if (!found.empty()) throw ValidationError(std::move(found));
}

}  // namespace relief::fhir
