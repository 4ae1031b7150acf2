#include "http/fhir_exchange.hpp"

#include <charconv>
#include <ctime>

#include "core/errors.hpp"

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
  Response r = json_response(status, resource, kFhirJson);
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
  if (v.starts_with("W/")) v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  auto n = positive_integer(v);
  if (!n) throw MalformedInput("If-Match must name a version, e.g. W/\"3\" (the ETag of the version you read)");
  return n;
}

std::int64_t version_param(const Context& ctx) {
  auto n = positive_integer(ctx.param("vid"));
  if (!n) throw NotFound("version '" + ctx.param("vid") + "' does not exist");
  return *n;
}

Paging paging_of(const Request& req) {
  Paging p{50, 0};
  if (auto c = req.query_param("_count")) {
    int v = 0;
    auto [ptr, ec] = std::from_chars(c->data(), c->data() + c->size(), v);
    if (ec != std::errc{} || ptr != c->data() + c->size() || v < 0)
      throw ValidationError("_count", "must be a whole number of results per page");
    p.count = std::min(v, 500);
  }
  if (auto o = req.query_param("_offset")) {
    int v = 0;
    auto [ptr, ec] = std::from_chars(o->data(), o->data() + o->size(), v);
    if (ec != std::errc{} || ptr != o->data() + o->size() || v < 0)
      throw ValidationError("_offset", "must be a whole number");
    p.offset = v;
  }
  return p;
}

namespace {
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

std::string page_url(const Context& ctx, int offset) {
  std::string url = ctx.base_url() + ctx.request.path;
  char sep = '?';
  for (const auto& [k, v] : ctx.request.query) {
    if (k == "_offset") continue;
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
