#include "http/fhir_request.hpp"

#include <algorithm>
#include <cctype>

#include "http/responses.hpp"

namespace relief::http {
namespace {
// A media type as FHIR JSON would accept it: lower case (RFC 9110: types are case-insensitive),
// without parameters or surrounding blanks.
std::string bare_media_type(std::string_view t) {
  t = t.substr(0, t.find(';'));
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  std::string out(t);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
bool json_type(const std::string& t) {
  return t == "json" || t == "application/json" || t == "application/fhir+json" || t == "application/json+fhir";
}
}  // namespace

std::optional<Response> fhir_format_refusal(const Request& req) {
  const std::string_view kWhat = "this server speaks FHIR JSON only: ask for application/fhir+json";
  if (auto format = req.query_param("_format")) {
    std::string f = *format;
    std::replace(f.begin(), f.end(), ' ', '+');  // an unencoded '+' in the query arrives as a space
    if (!json_type(bare_media_type(f))) return error_response(true, 406, "not-supported", kWhat);
  } else if (auto accept = req.header("accept"); accept && !bare_media_type(*accept).empty()) {
    bool acceptable = false;
    std::string_view list = *accept;
    while (!list.empty() && !acceptable) {
      auto comma = list.find(',');
      std::string_view entry = list.substr(0, comma);
      const std::string type = bare_media_type(entry);
      const bool refused = entry.find("q=0") != std::string_view::npos &&
                           entry.find_first_of("123456789", entry.find("q=0")) == std::string_view::npos;
      acceptable = !refused && (json_type(type) || type == "*/*" || type == "application/*");
      list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    }
    if (!acceptable) return error_response(true, 406, "not-supported", kWhat);
  }
  const bool form_search = req.method == "POST" && req.path.ends_with("/_search");
  if ((req.method == "POST" || req.method == "PUT") && !form_search)
    if (auto type = req.header("content-type"); type && !json_type(bare_media_type(*type)))
      return error_response(true, 415, "not-supported", "send the resource as application/fhir+json");
  return std::nullopt;
}

std::optional<Response> unfold_post_search(Request& req) {
  if (req.method != "POST" || !req.path.ends_with("/_search")) return std::nullopt;
  if (!req.body.empty()) {
    if (bare_media_type(req.header("content-type").value_or("")) != "application/x-www-form-urlencoded")
      return error_response(true, 415, "not-supported", "POST _search takes an application/x-www-form-urlencoded body");
    std::string form = req.body;
    std::replace(form.begin(), form.end(), '+', ' ');  // a form's '+' is a space
    std::string ignored_path;
    std::vector<std::pair<std::string, std::string>> body_params;
    if (!parse_target("/?" + form, ignored_path, body_params))
      return error_response(true, 400, "structure", "the form body is not valid application/x-www-form-urlencoded");
    req.query.insert(req.query.end(), body_params.begin(), body_params.end());
  }
  req.method = "GET";
  req.path.resize(req.path.size() - std::string_view("/_search").size());
  req.body.clear();
  return std::nullopt;
}

}  // namespace relief::http
