#pragma once
// Media types as requests declare them (RFC 9110 8.3.1): compared without parameters and case.
#include <string>
#include <string_view>

namespace relief::http {

// Lower case, without parameters or surrounding blanks: "Application/JSON; charset=utf-8" is
// "application/json".
std::string bare_media_type(std::string_view type);

// A body Relief reads as JSON: application/json, application/fhir+json (and FHIR's shorthand
// "json" and DSTU2's application/json+fhir), or any other type with the +json suffix (RFC 6839).
bool is_json_media_type(const std::string& bare_type);

}  // namespace relief::http
