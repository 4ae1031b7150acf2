#pragma once
// What every /fhir request passes before routing: the format it asks for and sends (FHIR JSON
// only), and a POST search turned into the GET search it means.
#include <optional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace relief::http {

// 406 when the client accepts no format Relief answers in (fhir_answer_type), 415 when a POST
// or PUT declares a body that is not JSON; nullopt when fine.
std::optional<Response> fhir_format_refusal(const Request& req);

// The Content-Type a /fhir answer goes out with, by server-driven negotiation (RFC 9110 12.5.1;
// R4 http.html): of application/fhir+json and application/json, the one the client weighs
// higher in Accept, or in _format (which R4 has override Accept; "json" is the FHIR type). A
// range with q=0 excludes what it names; the most specific range that names a type sets its
// weight; on a tie, and with no preference at all, application/fhir+json. A range with a
// fhirVersion other than 4.0 (R4) names nothing Relief has. Nullopt: nothing acceptable (406).
std::optional<std::string> fhir_answer_type(const Request& req);

// POST /fhir/Type/_search with a form body (or none) becomes GET /fhir/Type with the body's
// parameters after the URL's (R4 http.html: a server that searches SHALL take both). Answers a
// refusal for a body that is not a form; nullopt otherwise, the request rewritten or untouched.
std::optional<Response> unfold_post_search(Request& req);

// Interactions R4 defines that Relief does not offer, answered as such instead of being routed
// as an id ("Patient/$validate" read as Patient "$validate", 405 "use GET, PUT"): an operation
// ($name, 400 not-supported), type- or system-level history (400 not-supported), and GET on
// .../_search, which R4 defines for POST only (405, Allow: POST). Nullopt for everything else.
// None of these can be an id: R4 ids are [A-Za-z0-9-.]{1,64}.
std::optional<Response> fhir_unsupported_interaction(const Request& req);

// The patient references of a search (subject=, patient=) read against this server's bases
// (fhir/references.hpp): "<our base>/Patient/123" becomes Patient/123; a reference to another
// server is answered 400, because no record here is about that server's patient and matching it
// by id would return a different child's records. Nullopt when fine (the request maybe rewritten).
std::optional<Response> localize_search_references(Request& req, const std::vector<std::string>& local_bases);

}  // namespace relief::http
