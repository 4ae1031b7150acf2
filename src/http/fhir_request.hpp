#pragma once
// What every /fhir request passes before routing: the format it asks for and sends (FHIR JSON
// only), and a POST search turned into the GET search it means.
#include <optional>

#include "http/message.hpp"

namespace relief::http {

// 406 when the client asks for a format other than FHIR JSON (Accept, or _format, which R4 has
// override Accept), 415 when a POST or PUT declares a body that is not JSON; nullopt when fine.
std::optional<Response> fhir_format_refusal(const Request& req);

// POST /fhir/Type/_search with a form body (or none) becomes GET /fhir/Type with the body's
// parameters after the URL's (R4 http.html: a server that searches SHALL take both). Answers a
// refusal for a body that is not a form; nullopt otherwise, the request rewritten or untouched.
std::optional<Response> unfold_post_search(Request& req);

}  // namespace relief::http
