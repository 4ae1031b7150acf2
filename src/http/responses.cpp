#include "http/responses.hpp"

#include <boost/json.hpp>

#include "core/compact_json.hpp"
#include "core/json_duplicate_keys.hpp"
#include "fhir/bundle.hpp"
#include "http/media_type.hpp"

namespace relief::http {

boost::json::value json_body(const Request& req) {
  // A declared type that is not JSON is refused rather than guessed at: text/plain is also what
  // a cross-site form may send without a CORS preflight. No declared type is read as JSON.
  if (auto type = req.header("content-type")) {
    auto bare = bare_media_type(*type);
    if (!is_json_media_type(bare))
      throw UnsupportedMediaType("send the body as application/json (it was declared " +
                                 (bare.empty() ? std::string("empty") : bare) + ")");
  }
  boost::system::error_code ec;
  auto v = boost::json::parse(req.body, ec);
  if (ec) throw MalformedInput("the body is not valid JSON: " + ec.message());
  refuse_what_parsing_hides(req.body);
  return v;
}

boost::json::object json_object_body(const Request& req) {
  auto v = json_body(req);
  if (!v.is_object()) throw MalformedInput("send a JSON object");
  return std::move(v.as_object());
}

Response json_response(int status, const boost::json::value& body, std::string_view content_type) {
  Response r;
  r.status = status;
  r.content_type = std::string(content_type);
  r.body = compact_json(body);  // decimals as 18.5, not 1.85E1
  return r;
}

Response error_response(bool fhir, int status, std::string_view code, std::string_view message,
                        const std::vector<Problem>& problems) {
  if (fhir) return json_response(status, fhir::operation_outcome("error", code, message, problems), kFhirJson);
  boost::json::array list;
  for (const auto& p : problems) list.emplace_back(boost::json::object{{"field", p.field}, {"message", p.message}});
  return json_response(status, boost::json::object{{"error", boost::json::object{{"status", status},
                                                                                 {"code", code},
                                                                                 {"message", message},
                                                                                 {"problems", std::move(list)}}}});
}

}  // namespace relief::http
