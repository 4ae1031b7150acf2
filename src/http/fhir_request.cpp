#include "http/fhir_request.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "fhir/references.hpp"
#include "fhir/resources.hpp"
#include "http/media_type.hpp"
#include "http/responses.hpp"

namespace relief::http {
namespace {
std::string_view trimmed(std::string_view t) {
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  return t;
}
std::string lower(std::string_view t) {
  std::string out(t);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
// The list elements of a header value: split at commas outside quoted strings (RFC 9110 5.6.1).
std::vector<std::string_view> list_elements(std::string_view v) {
  std::vector<std::string_view> out;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= v.size(); ++i) {
    if (i < v.size() && v[i] == '"' && (i == 0 || v[i - 1] != '\\')) quoted = !quoted;
    if (i == v.size() || (v[i] == ',' && !quoted)) {
      if (auto e = trimmed(v.substr(start, i - start)); !e.empty()) out.push_back(e);
      start = i + 1;
    }
  }
  return out;
}

// RFC 9110 12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), as thousandths;
// -1 when the text is not one.
int qvalue(std::string_view q) {
  if (q.empty() || q.size() > 5 || (q[0] != '0' && q[0] != '1') || (q.size() > 1 && q[1] != '.')) return -1;
  int thousandths = 0;
  for (std::size_t i = 2; i < 5; ++i) {
    int digit = 0;
    if (i < q.size()) {
      if (!std::isdigit(static_cast<unsigned char>(q[i]))) return -1;
      digit = q[i] - '0';
    }
    thousandths = thousandths * 10 + digit;
  }
  if (q[0] == '1') return thousandths == 0 ? 1000 : -1;
  return thousandths;
}

// One media range of an Accept header, or of _format (R4: _format overrides Accept and takes
// the same values, plus "json").
struct MediaRange {
  std::string type;        // "application/fhir+json", "application/*", "*/*"
  int q = 1000;            // thousandths; 0 is "not acceptable" (RFC 9110 12.4.2)
  bool names_version = false;
  bool our_version = true;  // no fhirVersion parameter, or 4.0 (R4), the one this server speaks
  bool valid = true;
};

MediaRange media_range(std::string_view element) {
  MediaRange r;
  r.type = bare_media_type(element);
  if (r.type == "json" || r.type == "application/json+fhir") r.type = "application/fhir+json";  // shorthand, DSTU2 name
  std::string_view params = element.find(';') == std::string_view::npos ? "" : element.substr(element.find(';') + 1);
  while (!params.empty()) {
    const auto semi = params.find(';');
    const std::string_view param = trimmed(params.substr(0, semi));
    params = semi == std::string_view::npos ? "" : params.substr(semi + 1);
    const auto eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string name = lower(trimmed(param.substr(0, eq)));
    std::string_view value = trimmed(param.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (name == "q") {
      // A malformed weight makes the range name nothing: guessing one could serve what the
      // client meant to refuse.
      r.q = qvalue(value);
      r.valid = r.q >= 0;
      break;  // the weight ends the media range (RFC 9110 12.5.1)
    }
    // R4 http.html, "FHIR Version parameter": the version is given as major.minor (4.0); a
    // server answers 406 for one it does not support. 4.0.1 names the same release.
    if (name == "fhirversion") {
      r.names_version = true;
      r.our_version = value == "4.0" || value == "4.0.1";
    }
  }
  return r;
}

// How closely a range names `type` (RFC 9110 12.5.1: the most specific range that applies sets
// the weight), or -1 when it does not apply.
int specificity(const MediaRange& r, std::string_view type) {
  if (!r.valid || !r.our_version) return -1;
  if (r.type == type) return r.names_version ? 3 : 2;
  if (r.type == "application/*") return 1;
  if (r.type == "*/*") return 0;
  return -1;
}

constexpr std::string_view kPlainJson = "application/json; charset=utf-8";
}  // namespace

std::optional<Response> fhir_format_refusal(const Request& req) {
  if (!fhir_answer_type(req))
    return error_response(true, 406, "not-supported",
                          "this server speaks FHIR R4 (fhirVersion 4.0) JSON only: ask for application/fhir+json");
  const bool form_search = req.method == "POST" && req.path.ends_with("/_search");
  if ((req.method == "POST" || req.method == "PUT") && !form_search)
    if (auto type = req.header("content-type")) {
      if (!is_json_media_type(bare_media_type(*type)))
        return error_response(true, 415, "not-supported", "send the resource as application/fhir+json");
      // R4 http.html, "FHIR Version parameter": a body declared as another release's (STU3's
      // fhirVersion=3.0) would be read as R4 with different meanings; refused as the Accept
      // case is.
      if (!media_range(*type).our_version)
        return error_response(true, 415, "not-supported",
                              "this server reads FHIR R4 (fhirVersion=4.0) only; the body was declared as " + *type);
    }
  return std::nullopt;
}

std::optional<std::string> fhir_answer_type(const Request& req) {
  std::vector<MediaRange> ranges;
  if (auto format = req.query_param("_format")) {
    std::string f = *format;
    std::replace(f.begin(), f.end(), ' ', '+');  // an unencoded '+' in the query arrives as a space
    ranges.push_back(media_range(f));
  } else if (auto accept = req.header("accept")) {
    for (auto element : list_elements(*accept)) ranges.push_back(media_range(element));
  }
  if (ranges.empty()) return std::string(kFhirJson);  // no preference: the FHIR type
  // The weight of each type Relief can answer in, from the range that names it most closely;
  // the higher weight wins, and on a tie the FHIR type (R4: the correct type SHALL be used).
  const std::array<std::pair<std::string_view, std::string_view>, 2> ours{
      {{"application/fhir+json", kFhirJson}, {"application/json", kPlainJson}}};
  std::optional<std::string> best;
  int best_q = 0;
  for (const auto& [type, answer] : ours) {
    int q = 0, closest = -1;
    for (const auto& r : ranges) {
      const int s = specificity(r, type);
      if (s > closest) {
        closest = s;
        q = r.q;
      } else if (s >= 0 && s == closest) {
        q = std::max(q, r.q);
      }
    }
    if (closest >= 0 && q > best_q) {
      best_q = q;
      best = std::string(answer);
    }
  }
  return best;
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

std::optional<Response> fhir_unsupported_interaction(const Request& req) {
  // "/fhir/Patient/_history" -> {"fhir", "Patient", "_history"}
  std::vector<std::string_view> segments;
  std::string_view path = req.path;
  while (!path.empty()) {
    if (path.front() == '/') path.remove_prefix(1);
    auto slash = path.find('/');
    if (!path.empty()) segments.push_back(path.substr(0, slash));
    path = slash == std::string_view::npos ? "" : path.substr(slash);
  }
  if (segments.empty() || segments[0] != "fhir") return std::nullopt;
  for (auto s : segments)
    if (s.starts_with("$"))
      return error_response(true, 400, "not-supported",
                            "the operation " + std::string(s) + " is not supported by this server; its CapabilityStatement "
                            "(GET /fhir/metadata) lists what is");
  const bool type_history = segments.size() == 3 && segments[2] == "_history";
  const bool system_history = segments.size() == 2 && segments[1] == "_history";
  if (type_history || system_history)
    return error_response(true, 400, "not-supported",
                          std::string(type_history ? "type" : "system") + "-level history is not supported; the history "
                          "of one resource is: GET /fhir/{type}/{id}/_history");
  const bool read_only = segments.size() >= 2 && std::find(fhir::kReadOnlyTypes.begin(), fhir::kReadOnlyTypes.end(),
                                                             segments[1]) != fhir::kReadOnlyTypes.end();
  if (read_only && (segments.size() == 4 || segments.size() == 5) && segments[3] == "_history") {
    // These views keep no versions to serve; an empty Allow says no method is (RFC 9110 10.2.1).
    auto r = error_response(true, 405, "not-supported",
                            std::string(segments[1]) + " is read-only here and its versions are not served: read "
                            "GET /fhir/" + std::string(segments[1]) + "/{id} (meta.versionId is the current version)");
    r.header("Allow", "");
    return r;
  }
  if (segments.size() == 3 && segments[2] == "_search" && req.method != "POST") {
    auto r = error_response(true, 405, "not-supported",
                            "_search is for POST with a form body; to search with GET, use GET /fhir/" +
                                std::string(segments[1]) + "?parameters");
    r.header("Allow", "POST");
    return r;
  }
  return std::nullopt;
}

std::optional<Response> localize_search_references(Request& req, const std::vector<std::string>& local_bases) {
  for (auto& [name, value] : req.query) {
    if (name != "subject" && name != "patient") continue;
    auto found = fhir::local_reference(value, "Patient", local_bases);
    if (found.foreign)
      return error_response(true, 400, "not-supported",
                            name + "=" + value + " names a patient on another server; Relief holds only its own "
                            "patients: search with Patient/ID or this server's URL for the patient");
    if (!found.id.empty() && value != "Patient/" + found.id) value = "Patient/" + found.id;
  }
  return std::nullopt;
}

}  // namespace relief::http
