// Operational endpoints: liveness, metrics, the FHIR CapabilityStatement, and the site banner.
#include <boost/json.hpp>

#include "core/errors.hpp"
#include "fhir/bundle.hpp"
#include "http/forwarded_client.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"
#include "security/tokens.hpp"

namespace relief::http {

namespace {

bool is_loopback(const std::string& address) {
  auto a = canonical_address(address);
  return a && (a->starts_with("127.") || *a == "::1");
}

// A client on this host asks directly (a request through a proxy carries the proxy's headers and
// is not local, whatever address it arrives from), or anyone sends the configured token.
bool may_read_metrics(const Context& ctx) {
  const auto& req = ctx.request;
  const bool proxied = req.header("x-forwarded-for") || req.header("forwarded") || req.header("x-real-ip");
  if (is_loopback(req.client) && !proxied) return true;
  const auto auth = req.header("authorization");
  const std::string prefix = "Bearer ";
  return !ctx.config.metrics_token.empty() && auth && auth->starts_with(prefix) &&
         constant_time_equal(auth->substr(prefix.size()), ctx.config.metrics_token);
}

}  // namespace

void add_system_routes(Router& router, Metrics& metrics) {
  router.add("GET", "/healthz", Access::open, std::nullopt, [](Context&) {
    Response r;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "ok\n";
    return r;
  });

  // Readiness, for a load balancer or monitoring: /healthz says the process answers; this says
  // it can do its work, reading the database and accepting writes.
  router.add("GET", "/readyz", Access::open, std::nullopt, [](Context& ctx) {
    Response r;
    r.content_type = "text/plain; charset=utf-8";
    try {
      ctx.store.read([](Reader& reader) { reader.connection().query("SELECT 1"); });
    } catch (const std::exception& e) {
      r.status = 503;
      r.body = "not ready: the database cannot be read (" + user_message(e) + ")\n";
      return r;
    }
    if (ctx.store.stats().writes_refused) {
      r.status = 503;
      r.body = "not ready: writes are refused since an fsync of the write-ahead log failed; check the disk, then "
               "restart the server\n";
      return r;
    }
    r.body = "ready\n";
    return r;
  });

  // Request counts, latencies and commit figures are no patient data, but they are the site's
  // operations: not for anyone who can reach the sign-in page.
  router.add("GET", "/metrics", Access::open, std::nullopt, [&metrics](Context& ctx) {
    Response r;
    if (!may_read_metrics(ctx)) {
      r.status = 401;
      r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"relief-metrics\"");
      r.content_type = "text/plain; charset=utf-8";
      r.body = "metrics are served to this host's own clients, or with the metrics token (relief serve "
               "--metrics-token-file)\n";
      return r;
    }
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics.render(ctx.store.stats());
    return r;
  });

  router.add("GET", "/fhir/metadata", Access::open, std::nullopt, [](Context& ctx) {
    return json_response(200, fhir::capability_statement(ctx.base_url() + "/fhir", ctx.config.version), kFhirJson);
  });

  // What the UI shows before sign-in: the site's name and whether its data is synthetic.
  router.add("GET", "/api/v1/site", Access::open, std::nullopt, [](Context& ctx) {
    std::optional<Site> site;
    ctx.store.read([&](Reader& r) { site = r.site(ctx.store.site_id()); });
    return json_response(200, boost::json::object{{"id", ctx.store.site_id()},
                                                  {"name", site ? site->name : "Relief"},
                                                  {"synthetic", ctx.synthetic_site},
                                                  {"version", ctx.config.version}});
  });
}

}  // namespace relief::http
