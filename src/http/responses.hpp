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

// A body declared in a media type Relief does not read (415).
class UnsupportedMediaType : public MalformedInput {
 public:
  using MalformedInput::MalformedInput;
};

// The request body as JSON; UnsupportedMediaType (415) when its declared Content-Type is not
// JSON, MalformedInput (400) when it is not JSON or names a key twice, ValidationError (422) for
// a number a double cannot hold (core/json_duplicate_keys.hpp).
boost::json::value json_body(const Request& req);
// The request body as a JSON object; MalformedInput (400) otherwise.
boost::json::object json_object_body(const Request& req);

Response json_response(int status, const boost::json::value& body, std::string_view content_type = "application/json");

// code: a FHIR issue-type code (invalid, structure, not-found, security, forbidden, conflict,
// processing, throttled, exception, not-supported, login).
Response error_response(bool fhir, int status, std::string_view code, std::string_view message,
                        const std::vector<Problem>& problems = {});

}  // namespace relief::http
