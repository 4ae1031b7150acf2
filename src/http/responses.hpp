#pragma once
// Building responses: JSON bodies, and errors in the two machine-readable shapes Relief speaks
// (FHIR OperationOutcome under /fhir, {"error": ...} elsewhere).
#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "http/message.hpp"

namespace relief::http {

inline constexpr std::string_view kFhirJson = "application/fhir+json; charset=utf-8";

Response json_response(int status, const boost::json::value& body, std::string_view content_type = "application/json");

// code: a FHIR issue-type code (invalid, structure, not-found, security, forbidden, conflict,
// processing, throttled, exception, not-supported, login).
Response error_response(bool fhir, int status, std::string_view code, std::string_view message,
                        const std::vector<Problem>& problems = {});

}  // namespace relief::http
