#include "http/fhir_exchange.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>

#include "core/errors.hpp"
#include "fhir/resources.hpp"

namespace relief::http {

std::string http_date(Instant t) {
  std::time_t secs = t.ms / 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

Response fhir_resource_response(int status, const boost::json::object& resource, const RecordMeta& meta,
                                const std::string& type, const Context& ctx) {
  // Prefer: return=minimal asks for the headers alone, return=OperationOutcome for an outcome
  // instead of the resource (R4 http.html, "Managing Return Content").
  // Only a create or an update: a read answers the resource whatever it prefers.
  const bool write = ctx.request.method == "POST" || ctx.request.method == "PUT";
  const auto prefer = write ? ctx.request.header("prefer").value_or("") : std::string();
  Response r;
  if (prefer.find("return=minimal") != std::string::npos) {
    r.status = status;
    r.content_type.clear();
  } else if (prefer.find("return=OperationOutcome") != std::string::npos) {
    r = json_response(status,
                      fhir::operation_outcome("information", "informational",
                                              std::string(status == 201 ? "created " : "saved ") + type + "/" + meta.id +
                                                  " version " + std::to_string(meta.version)),
                      kFhirJson);
  } else {
    r = json_response(status, resource, kFhirJson);
  }
  r.header("ETag", "W/\"" + std::to_string(meta.version) + "\"");
  r.header("Last-Modified", http_date(meta.recorded_at));
  if (status == 201)
    r.header("Location", ctx.base_url() + "/fhir/" + type + "/" + meta.id + "/_history/" + std::to_string(meta.version));
  return r;
}

namespace {
std::optional<std::int64_t> positive_integer(std::string_view s) {
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || ptr != s.data() + s.size() || v < 1) return std::nullopt;
  return v;
}
}  // namespace

std::optional<std::int64_t> if_match_version(const Request& req) {
  auto h = req.header("if-match");
  if (!h) return std::nullopt;
  std::string_view v = *h;
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  // "*" (RFC 9110 13.1.1: any current version) is well-formed but names no version, and an
  // update here must say which version it changes: the same 412 as no If-Match at all.
  if (v == "*")
    throw MissingPrecondition("If-Match: * does not say which version this update changes: send If-Match: W/\"N\" "
                              "with the ETag of the version you read");
  // entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE (RFC 9110 8.8.3; "W/" is case-sensitive). A value
  // that is not one (W/1, 1, "1, W/'1') is malformed: 400, not 412, because 412 tells the client
  // its version is stale and to read again, which would not mend the header; and reading W/1 as
  // version 1 would guess at what was meant. A list of tags is not supported: name one version.
  if (v.starts_with("W/")) v.remove_prefix(2);
  const bool quoted = v.size() >= 2 && v.front() == '"' && v.back() == '"' &&
                      std::all_of(v.begin() + 1, v.end() - 1, [](unsigned char c) {
                        return c == 0x21 || (c >= 0x23 && c != 0x7F);  // etagc
                      });
  if (!quoted)
    throw MalformedInput("If-Match must be one entity tag, W/\"N\" with the quotes (the ETag of the version you read), "
                         "not '" + *h + "'");
  auto n = positive_integer(v.substr(1, v.size() - 2));
  // A well-formed tag that is not one of Relief's (W/"abc") matches no version: the precondition
  // is false, which RFC 9110 13.1.1 answers with 412.
  if (!n) throw MissingPrecondition("If-Match " + *h + " names no version of this resource: send W/\"N\", the ETag of the version you read");
  return n;
}

std::int64_t version_param(const Context& ctx) {
  auto n = positive_integer(ctx.param("vid"));
  if (!n) throw NotFound("version '" + ctx.param("vid") + "' does not exist");
  return *n;
}

namespace {
int whole_number(const std::string& name, const std::string& text, const char* what) {
  int v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || ptr != text.data() + text.size() || v < 0) throw ValidationError(name, what);
  return v;
}

bool strict_handling(const Request& req) {
  auto prefer = req.header("prefer");
  return prefer && prefer->find("handling=strict") != std::string::npos;
}

std::string encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ':' || c == '/')
      out += static_cast<char>(c);
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}
}  // namespace

Paging search_paging(const Request& req, std::initializer_list<std::string_view> understood) {
  Paging p;
  if (auto c = req.query_param("_count")) p.count = std::min(whole_number("_count", *c, "must be a whole number of results per page"), 500);
  if (auto o = req.query_param("_offset")) p.offset = whole_number("_offset", *o, "must be a whole number");
  const bool strict = strict_handling(req);
  // Dates narrow a range, so a repeated date is an AND the store can do; any other repeat is not.
  auto repeatable = [](std::string_view k) { return k == "date" || k == "birthdate"; };
  for (const auto& [k, v] : req.query) {
    if (k == "_offset" || k == "_format" || k == "_pretty") continue;  // answered by paging and App
    // A modifier (subject:Patient) or a chain (subject.identifier) changes what a parameter
    // means; ignoring one would widen the search to other patients' records. R4 search.html:
    // a server rejects a modifier it does not support.
    if (k.find_first_of(":.") != std::string::npos)
      throw MalformedInput("'" + k + "': search modifiers and chained parameters are not supported; use the plain "
                           "parameter, e.g. subject=Patient/ID");
    if (k == "_count" || std::find(understood.begin(), understood.end(), k) != understood.end()) {
      if (v.find(',') != std::string::npos)
        throw MalformedInput("'" + k + "=" + v + "': lists of alternatives (a,b) are not supported; search one value at a time");
      if (!repeatable(k) && req.query_params(k).size() > 1)
        throw MalformedInput("'" + k + "' is given more than once; give it once");
      // The links say the count this page used: above 500 that is 500, not what was asked for
      // (a next link repeating _count=501 would claim pages of a size never served).
      p.used.emplace_back(k, k == "_count" ? std::to_string(p.count) : v);
    } else if (strict) {
      std::string list = "_count, _offset";
      for (auto u : understood) list += ", " + std::string(u);
      throw MalformedInput("unknown search parameter '" + k + "' (Prefer: handling=strict); this search understands " + list);
    }
  }
  return p;
}

std::optional<std::string> searched_patient(const Request& req) {
  std::optional<std::string> found;
  for (const char* name : {"subject", "patient"}) {
    auto value = req.query_param(name);
    if (!value) continue;
    // Absolute references were read against this server's bases before routing
    // (localize_search_references); any left are not a patient here.
    auto id = value->find_first_of("/:") == std::string::npos ? *value : fhir::reference_id(*value, "Patient");
    if (id.empty()) throw ValidationError(name, "must be a Patient reference, e.g. " + std::string(name) + "=Patient/123");
    if (found && *found != id) throw MalformedInput("subject and patient name different patients; give one");
    found = id;
  }
  return found;
}

std::string page_url(const Context& ctx, const Paging& paging, int offset) {
  std::string url = ctx.base_url() + ctx.request.path;
  char sep = '?';
  for (const auto& [k, v] : paging.used) {
    url += sep + encode(k) + "=" + encode(v);
    sep = '&';
  }
  if (offset > 0) url += sep + std::string("_offset=") + std::to_string(offset);
  return url;
}

void audit_reads(const Context& ctx, const std::string& action, const std::string& type,
                 const std::vector<std::pair<std::string, std::string>>& patient_and_resource) {
  if (patient_and_resource.empty()) return;
  ctx.store.write(ctx.actor(), [&](Transaction& tx) {
    for (const auto& [patient, resource] : patient_and_resource)
      tx.append_audit(AuditEntry{0, {}, "", "", patient, action, type, resource, "", "ok"});
  });
}

}  // namespace relief::http
