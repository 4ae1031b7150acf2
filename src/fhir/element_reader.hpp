#pragma once
// Typed, path-aware access to the elements of an incoming FHIR resource. Each wrong type or
// missing element becomes a Problem naming the element (e.g. "name[0].given[1]").
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/errors.hpp"

namespace relief::fhir {

class ElementReader {
 public:
  ElementReader(const boost::json::value& v, std::string path, std::vector<Problem>& problems)
      : v_(v), path_(std::move(path)), problems_(problems) {}

  bool is_object() const { return v_.is_object(); }
  const boost::json::value& value() const { return v_; }
  const std::string& path() const { return path_; }

  bool has(std::string_view key) const;
  ElementReader child(std::string_view key) const;  // a null value when absent
  std::vector<ElementReader> array(std::string_view key) const;  // empty when absent; problem when not an array

  std::optional<std::string> string(std::string_view key, bool required = false) const;
  std::optional<bool> boolean(std::string_view key) const;
  std::optional<double> number(std::string_view key, bool required = false) const;
  std::optional<std::int64_t> integer(std::string_view key) const;

  void problem(std::string_view key, std::string message) const;
  std::string path_of(std::string_view key) const;

 private:
  const boost::json::value& v_;
  std::string path_;
  std::vector<Problem>& problems_;
};

// Parses a request body as a JSON object of the given resourceType. Throws MalformedInput for
// text that is not JSON (or names a key twice), ValidationError when the resourceType is missing
// or different, or a number is beyond what a double holds (number_out_of_range), and for what R4
// JSON forbids anywhere in it (json_rules.hpp: null, empty values, control characters).
boost::json::value parse_resource(std::string_view body, std::string_view resource_type);
// 422 for what R4 says an application must understand or refuse: a modifierExtension anywhere,
// implicitRules; and meta.security, labels Relief can neither keep nor enforce. parse_resource
// applies it.
void refuse_what_must_be_understood(const boost::json::value& resource);

}  // namespace relief::fhir
