#include "fhir/element_reader.hpp"

#include <boost/json.hpp>
#include <cmath>

#include "core/json_duplicate_keys.hpp"
#include "fhir/json_rules.hpp"

namespace relief::fhir {
namespace {
const boost::json::value kNull;
}

std::string ElementReader::path_of(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void ElementReader::problem(std::string_view key, std::string message) const {
  problems_.push_back({path_of(key), std::move(message)});
}

bool ElementReader::has(std::string_view key) const {
  if (!v_.is_object()) return false;
  auto* found = v_.as_object().if_contains(key);
  return found && !found->is_null();
}

ElementReader ElementReader::child(std::string_view key) const {
  if (!v_.is_object()) return ElementReader(kNull, path_of(key), problems_);
  auto* found = v_.as_object().if_contains(key);
  if (found && !found->is_null() && !found->is_object()) {
    problem(key, "must be a JSON object");
    return ElementReader(kNull, path_of(key), problems_);
  }
  return ElementReader(found ? *found : kNull, path_of(key), problems_);
}

std::vector<ElementReader> ElementReader::array(std::string_view key) const {
  std::vector<ElementReader> out;
  if (!v_.is_object()) return out;
  auto* found = v_.as_object().if_contains(key);
  if (!found || found->is_null()) return out;
  if (!found->is_array()) {
    problem(key, "must be a JSON array");
    return out;
  }
  const auto& arr = found->as_array();
  for (std::size_t i = 0; i < arr.size(); ++i)
    out.emplace_back(arr[i], path_of(key) + "[" + std::to_string(i) + "]", problems_);
  return out;
}

std::optional<std::string> ElementReader::string(std::string_view key, bool required) const {
  if (!has(key)) {
    if (required) problem(key, "is required");
    return std::nullopt;
  }
  const auto& v = v_.as_object().at(key);
  if (!v.is_string()) {
    problem(key, "must be a string");
    return std::nullopt;
  }
  std::string s(v.as_string());
  if (s.empty() || s.find_first_not_of(" \t\r\n") == std::string::npos) {
    problem(key, "must not be empty (FHIR strings carry at least one non-whitespace character)");
    return std::nullopt;
  }
  return s;
}

std::optional<bool> ElementReader::boolean(std::string_view key) const {
  if (!has(key)) return std::nullopt;
  const auto& v = v_.as_object().at(key);
  if (!v.is_bool()) {
    problem(key, "must be true or false");
    return std::nullopt;
  }
  return v.as_bool();
}

std::optional<double> ElementReader::number(std::string_view key, bool required) const {
  if (!has(key)) {
    if (required) problem(key, "is required");
    return std::nullopt;
  }
  const auto& v = v_.as_object().at(key);
  if (!v.is_number()) {
    problem(key, "must be a JSON number");
    return std::nullopt;
  }
  return v.to_number<double>();
}

std::optional<std::int64_t> ElementReader::integer(std::string_view key) const {
  if (!has(key)) return std::nullopt;
  const auto& v = v_.as_object().at(key);
  if (v.is_int64()) return v.as_int64();
  if (v.is_uint64() && v.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(v.as_uint64());
  problem(key, "must be a whole number");
  return std::nullopt;
}

namespace {
// R4 extensibility.html: a modifier extension changes the meaning of the element it sits on, and
// an application that does not understand it SHALL NOT process the resource as if it were not
// there; implicitRules likewise (resource.html). Relief knows no modifier extension or rule
// set, so a resource carrying one is refused instead of being stored with its meaning changed.
void find_modifiers(const boost::json::value& v, const std::string& path, std::vector<Problem>& found) {
  if (v.is_object()) {
    for (const auto& [key, child] : v.as_object()) {
      const std::string here = path.empty() ? std::string(key) : path + "." + std::string(key);
      if (key == "modifierExtension")
        found.push_back({here, "Relief does not understand modifier extensions, and one changes what this resource "
                               "means: it is refused rather than stored with another meaning"});
      else
        find_modifiers(child, here, found);
    }
  } else if (v.is_array()) {
    const auto& a = v.as_array();
    for (std::size_t i = 0; i < a.size(); ++i) find_modifiers(a[i], path + "[" + std::to_string(i) + "]", found);
  }
}
}  // namespace

void refuse_what_must_be_understood(const boost::json::value& resource) {
  std::vector<Problem> found;
  if (resource.is_object() && resource.as_object().contains("implicitRules"))
    found.push_back({"implicitRules", "Relief knows no rule set beyond FHIR's: leave implicitRules out"});
  // A security label restricts who may see or use the resource (security-labels.html). Relief
  // neither keeps nor enforces labels; storing the resource without them would show it to
  // everyone the label was meant to keep out.
  if (resource.is_object())
    if (auto* meta = resource.as_object().if_contains("meta"); meta && meta->is_object() && meta->as_object().contains("security"))
      found.push_back({"meta.security", "Relief cannot honour security labels (it neither keeps nor enforces them): "
                                        "the resource is refused rather than stored without them"});
  find_modifiers(resource, "", found);
  if (!found.empty()) throw ValidationError(std::move(found));
}

boost::json::value parse_resource(std::string_view body, std::string_view resource_type) {
  boost::system::error_code ec;
  boost::json::parse_options options;
  options.max_depth = 64;
  auto v = boost::json::parse(body, ec, {}, options);
  if (ec) throw MalformedInput("the body is not valid JSON: " + ec.message());
  refuse_what_parsing_hides(body);
  if (!v.is_object()) throw MalformedInput("the body must be a JSON object (a FHIR resource)");
  auto* type = v.as_object().if_contains("resourceType");
  if (!type || !type->is_string())
    throw ValidationError("resourceType", "is required and must be \"" + std::string(resource_type) + "\"");
  if (type->as_string() != resource_type)
    throw ValidationError("resourceType", "expected \"" + std::string(resource_type) + "\" at this endpoint, got \"" +
                                              std::string(type->as_string()) + "\"");
  refuse_what_must_be_understood(v);
  refuse_what_fhir_json_forbids(v);
  return v;
}

}  // namespace relief::fhir
