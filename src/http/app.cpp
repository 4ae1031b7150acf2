#include "http/app.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>

#include "core/errors.hpp"
#include "http/auth_service.hpp"
#include "http/metrics.hpp"
#include "http/fhir_request.hpp"
#include "http/forwarded_client.hpp"
#include "http/refused_access.hpp"
#include "http/responses.hpp"
#include "http/router.hpp"
#include "http/routes.hpp"
#include "http/static_files.hpp"
#include "instruments/definition_location.hpp"
#include "instruments/site_instruments.hpp"
#include "programs/acute/acute_service.hpp"
#include "http/log_text.hpp"
#include "security/tokens.hpp"
#include "store/sql_connection.hpp"

namespace relief::http {

struct App::Impl {
  Store& store;
  AppConfig config;
  bool synthetic_site = false;
  Metrics metrics;
  AuthService auth;
  instruments::SiteInstruments instruments;
  acute::AcuteSettings acute;
  Router router;

  // The formulary sits beside the instrument definitions (data/formulary) unless configured.
  static std::string formulary_dir(const AppConfig& c) {
    if (!c.formulary.empty()) return c.formulary;
    auto definitions = c.instrument_definitions.empty() ? instruments::default_definitions_dir()
                                                        : std::filesystem::path(c.instrument_definitions);
    return (definitions.parent_path() / "formulary").string();
  }

  Impl(Store& s, AppConfig c)
      : store(s), config(std::move(c)), auth(store, config),
        instruments(instruments::SiteInstruments::load(config.instrument_definitions, config.instrument_settings)),
        acute(acute::AcuteSettings::load(formulary_dir(config), config.acute_settings)) {
    store.read([&](Reader& r) {
      auto site = r.site(store.site_id());
      synthetic_site = site && site->synthetic;
    });
    add_system_routes(router, metrics);
    add_auth_routes(router, auth);
    add_account_routes(router, auth);
    add_fhir_search_routes(router);
    add_fhir_routes(router, acute);
    add_audit_routes(router);
    add_chart_routes(router);
    add_instrument_routes(router, instruments, acute);
    add_schedule_routes(router);
    add_acute_routes(router, acute);
    add_encounter_routes(router);
  }

  static bool is_api(const std::string& path) {
    return path.starts_with("/fhir") || path.starts_with("/api/") || path.starts_with("/auth/") ||
           path == "/healthz" || path == "/readyz" || path == "/metrics";
  }

  std::optional<Principal> authenticate(const Request& req) {
    if (auto h = req.header("authorization")) {
      if (h->size() > 7 && (h->starts_with("Bearer ") || h->starts_with("bearer "))) return auth.authenticate(h->substr(7));
      return std::nullopt;
    }
    if (auto c = req.cookie("relief_session")) {
      auto p = auth.authenticate(*c);
      if (p) p->via_cookie = true;
      return p;
    }
    return std::nullopt;
  }

  static Response sign_in_first(bool fhir) {
    auto r = error_response(fhir, 401, "login", "sign in first: POST /auth/login, then send Authorization: Bearer <token>");
    r.header("WWW-Authenticate", "Bearer realm=\"relief\"");
    return r;
  }

  Response dispatch(Request& req) {
    const bool fhir = req.target.starts_with("/fhir");
    if (!parse_target(req.target, req.path, req.query))
      return error_response(fhir, 400, "structure", "the request target is not a valid path and query (percent-encoded UTF-8)");
    // The Host header names the server in every link and Location Relief answers with, so it must
    // be a host (and port): RFC 9110 7.2 answers 400 to one that is not.
    // RFC 9112 3.2: an HTTP/1.1 request without a Host is answered 400 (it was served, its
    // links naming "localhost").
    if (!req.header("host") && req.version >= 11)
      return error_response(fhir, 400, "structure", "an HTTP/1.1 request needs a Host header");
    if (auto host = req.header("host")) {
      const bool valid = !host->empty() && host->size() <= 255 &&
                         std::all_of(host->begin(), host->end(), [](unsigned char c) {
                           return std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']' || c == '_';
                         });
      if (!valid) return error_response(fhir, 400, "structure", "the Host header is not a host name and port");
    }
    // Whether the method changes anything, as sent: a POST search is still a POST to CSRF rules.
    const bool unsafe = req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS";
    const std::string as_sent = req.method + " " + req.path;
    if (fhir) {
      if (auto refused = fhir_format_refusal(req)) return *refused;
      if (auto refused = unfold_post_search(req)) return *refused;
      if (auto refused = localize_search_references(req, fhir_bases(config, req))) return *refused;
      if (auto refused = fhir_unsupported_interaction(req)) return *refused;
    }
    auto match = router.find(req.method, req.path);
    if (!match.route) {
      if (req.method == "GET" && !is_api(req.path))
        if (auto file = static_file(config.web_root, req.path)) return *file;
      if (match.path_known) {
        std::string allow;
        for (const auto& m : match.allowed_methods) allow += (allow.empty() ? "" : ", ") + m;
        // Who asks comes first: an anonymous DELETE learns nothing but "sign in" (401). A signed-in
        // attempt to delete a record is part of that patient's access history, like any refusal.
        auto sibling = router.find(match.allowed_methods.front(), req.path);
        std::optional<Principal> who;
        if (sibling.route && sibling.route->access == Access::signed_in) {
          who = authenticate(req);
          if (!who) return sign_in_first(fhir);
          audit_refused(req, as_sent, *who, *sibling.route, sibling.params, 405);
        }
        auto r = error_response(fhir, 405, "not-supported", req.method + " is not supported here; use " + allow);
        r.header("Allow", allow);
        return r;
      }
      return error_response(fhir, 404, "not-found", "there is nothing at " + req.path);
    }
    const Route& route = *match.route;
    std::optional<Principal> principal;
    if (route.access == Access::either) principal = authenticate(req);
    if (route.access == Access::signed_in) {
      principal = authenticate(req);
      if (!principal) return sign_in_first(fhir);
      if (unsafe && principal->via_cookie) {
        auto token = req.header("x-csrf-token");
        if (!token || !constant_time_equal(*token, principal->csrf))
          return error_response(fhir, 403, "security", "a cookie-authenticated change needs the X-CSRF-Token header from /auth/me");
      }
      if (route.permission && !allows(principal->role, *route.permission)) {
        audit_refused(req, as_sent, *principal, route, match.params, 403);
        return error_response(fhir, 403, "forbidden",
                              "the role '" + std::string(to_string(principal->role)) + "' may not do this");
      }
    }
    Context ctx{req, principal ? &*principal : nullptr, std::move(match.params), store, config, synthetic_site};
    Response response = run_handler(route, ctx, fhir);
    if (principal && response.status >= 400 && response.status < 500)
      audit_refused(req, as_sent, *principal, route, ctx.params, response.status);
    return response;
  }

  // A signed-in request refused (a role without the permission, an unknown or stale version, a
  // duplicate MRN, an invalid score, disabling one's own account) is part of the access history
  // too: who tried what, from where, and the status that says why it failed. Tied to the patient
  // it names, or for an account change to that account. `as_sent`: the method and path before
  // a POST search became a GET.
  void audit_refused(const Request& req, const std::string& as_sent, const Principal& p, const Route& route,
                     const std::map<std::string, std::string>& params, int status) {
    try {
      std::string patient, resource_type, resource_id;
      if (route.permission == Permission::manage_users) {
        resource_type = "User";
        if (auto u = params.find("username"); u != params.end()) resource_id = u->second;
      } else {
        store.read([&](Reader& r) { patient = patient_named_by(req, params, r); });
      }
      store.write(Actor{p.username, p.role, req.client}, [&](Transaction& tx) {
        tx.append_audit(AuditEntry{0, {}, "", "", patient, as_sent, resource_type, resource_id, "", std::to_string(status)});
      });
    } catch (const std::exception& e) {
      spdlog::error("could not audit a refused request: {}", e.what());
    }
  }

  // The route's answer, with the errors it may throw turned into their statuses.
  Response run_handler(const Route& route, Context& ctx, bool fhir) {
    const Request& req = ctx.request;
    try {
      return route.handler(ctx);
    } catch (const UnsupportedMediaType& e) {
      return error_response(fhir, 415, "not-supported", e.what());
    } catch (const MalformedInput& e) {
      return error_response(fhir, 400, "structure", e.what());
    } catch (const ValidationError& e) {
      return error_response(fhir, 422, "invalid", e.what(), e.problems());
    } catch (const NotFound& e) {
      return error_response(fhir, 404, "not-found", e.what());
    } catch (const VersionConflict& e) {
      return error_response(fhir, 412, "conflict", e.what());
    } catch (const MissingPrecondition& e) {
      return error_response(fhir, 412, "conflict", e.what());
    } catch (const DuplicateRecord& e) {
      return error_response(fhir, 409, "duplicate", e.what());
    } catch (const SqlError& e) {
      spdlog::error("store failure on {} {}: {}", loggable(req.method), loggable(req.path), e.what());
      auto r = error_response(fhir, 503, "transient", "the database is unavailable; nothing was saved; try again");
      r.header("Retry-After", "5");
      return r;
    }
  }
};

App::App(Store& store, AppConfig config) : impl_(std::make_unique<Impl>(store, std::move(config))) {}
App::~App() = default;

Response App::handle(Request req) {
  auto start = std::chrono::steady_clock::now();
  if (!impl_->config.trusted_proxies.empty())
    req.client = forwarded_client(req.client, req.header("x-forwarded-for"), impl_->config.trusted_proxies);
  impl_->metrics.started();
  Response r;
  try {
    r = impl_->dispatch(req);
  } catch (const SqlError& e) {
    // The database failed outside a handler (checking the session, auditing a refusal): the
    // same 503 as inside one, so clients and load balancers try again instead of seeing a bug.
    spdlog::error("store failure on {} {}: {}", loggable(req.method), loggable(req.path), e.what());
    r = error_response(req.path.starts_with("/fhir"), 503, "transient",
                       "the database is unavailable; nothing was saved; try again");
    r.header("Retry-After", "5");
  } catch (const std::exception& e) {
    // A bug, not bad input: say so plainly, log it, keep serving.
    spdlog::error("unhandled error on {} {}: {}", loggable(req.method), loggable(req.path), e.what());
    r = error_response(req.path.starts_with("/fhir"), 500, "exception", "an internal error occurred; it has been logged");
  }
  // A FHIR answer (OperationOutcomes included) in the media type the client accepts:
  // application/json to one that weighs it above application/fhir+json.
  if (r.content_type == kFhirJson) {
    if (auto type = fhir_answer_type(req)) r.content_type = *type;
    // The media type was chosen by Accept (or _format, which is in the URL): a cache must not
    // hand one client's answer to another that asked differently (RFC 9110 12.5.5).
    r.header("Vary", "Accept");
  }
  r.header("X-Content-Type-Options", "nosniff");
  // Never inside another site's frame (clickjacking a signed-in clinician), and no chart address
  // sent on to other sites.
  r.header("X-Frame-Options", "DENY");
  // Scripts, styles, images and requests from this server only: an injected <script> or a
  // script from elsewhere does not run in a clinician's session. Inline style attributes stay
  // allowed (the board places its sessions with them); inline scripts do not.
  r.header("Content-Security-Policy",
           "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  r.header("Referrer-Policy", "no-referrer");
  // Served over HTTPS (here, or by a proxy at the public URL): browsers keep to HTTPS for a year.
  if (req.tls || impl_->config.public_url.starts_with("https://"))
    r.header("Strict-Transport-Security", "max-age=31536000");
  bool has_cache_policy = false;
  for (const auto& [name, value] : r.headers) has_cache_policy |= name == "Cache-Control";
  if (!has_cache_policy) r.header("Cache-Control", "no-store");  // patient data stays out of caches
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  impl_->metrics.observe(req.method, r.status, seconds);
  spdlog::info("{} {} {} {:.1f}ms {}", loggable(req.method), loggable(req.path), r.status, seconds * 1000, req.client);
  return r;
}

}  // namespace relief::http
