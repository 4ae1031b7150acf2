// Operational endpoints: liveness, metrics, the FHIR CapabilityStatement, and the site banner.
#include <boost/json.hpp>

#include "fhir/bundle.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"

namespace relief::http {

void add_system_routes(Router& router, Metrics& metrics) {
  router.add("GET", "/healthz", Access::open, std::nullopt, [](Context&) {
    Response r;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "ok\n";
    return r;
  });

  router.add("GET", "/metrics", Access::open, std::nullopt, [&metrics](Context& ctx) {
    Response r;
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
