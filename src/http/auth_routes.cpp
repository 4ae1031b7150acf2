// POST /auth/login, POST /auth/logout, GET /auth/me
#include <boost/json.hpp>

#include "core/errors.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"

namespace relief::http {
namespace {

// The browser reached us over HTTPS: our own TLS, or a proxy in front that ends it (the public
// URL the site configured says https). Behind such a proxy the connection itself is plain HTTP,
// and the cookie lost its Secure flag.
bool over_https(const Context& ctx) { return ctx.request.tls || ctx.config.public_url.starts_with("https://"); }

// Sent back only to the sign-in, for a year: it marks the browser, not a session (see
// AuthService::login), and it opens nothing by itself.
std::string device_cookie(const std::string& value, bool secure) {
  std::string c = "relief_device=" + value + "; Path=/auth/login; HttpOnly; SameSite=Strict; Max-Age=31536000";
  if (secure) c += "; Secure";
  return c;
}

std::string session_cookie(const std::string& value, int max_age, bool secure) {
  std::string c = "relief_session=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (secure) c += "; Secure";
  return c;
}

boost::json::object who(const Principal& p) {
  boost::json::array permissions;
  for (auto permission : permissions_of(p.role)) permissions.emplace_back(to_string(permission));
  return boost::json::object{
      {"username", p.username}, {"role", to_string(p.role)}, {"csrf", p.csrf}, {"permissions", std::move(permissions)}};
}

}  // namespace

void add_auth_routes(Router& router, AuthService& auth) {
  router.add("POST", "/auth/login", Access::open, std::nullopt, [&auth](Context& ctx) {
    // json_body refuses a key given twice: {"username": "nurse", "username": "doctor"} must not
    // sign in whichever name a parser happens to keep.
    auto body = json_body(ctx.request);
    if (!body.is_object()) throw MalformedInput("send {\"username\": \"...\", \"password\": \"...\"} as JSON");
    auto* user = body.as_object().if_contains("username");
    auto* password = body.as_object().if_contains("password");
    std::vector<Problem> problems;
    if (!user || !user->is_string() || user->as_string().empty()) problems.push_back({"username", "is required"});
    if (!password || !password->is_string() || password->as_string().empty())
      problems.push_back({"password", "is required"});
    if (!problems.empty()) throw ValidationError(std::move(problems));

    std::optional<LoginResult> result;
    try {
      result = auth.login(std::string(user->as_string()), std::string(password->as_string()), ctx.request.client,
                          ctx.request.cookie("relief_device").value_or(""));
    } catch (const TooManyAttempts& e) {
      auto r = error_response(false, 429, "throttled", e.what());
      r.header("Retry-After", std::to_string(e.retry_after));
      return r;
    } catch (const AccountDisabled& e) {
      return error_response(false, 403, "forbidden", e.what());
    }
    if (!result) return error_response(false, 401, "login", "the username or password is wrong");
    auto max_age = ctx.config.session_hours * 3600;
    auto r = json_response(200, boost::json::object{{"token", result->token},
                                                    {"expires", format_instant(result->expires_at)},
                                                    {"user", who(result->principal)}});
    r.header("Set-Cookie", session_cookie(result->token, max_age, over_https(ctx)));
    r.header("Set-Cookie", device_cookie(result->device, over_https(ctx)));
    r.header("Cache-Control", "no-store");
    return r;
  });

  router.add("POST", "/auth/logout", Access::signed_in, std::nullopt, [&auth](Context& ctx) {
    auth.logout(*ctx.principal, ctx.request.client);
    Response r;
    r.status = 204;
    r.header("Set-Cookie", session_cookie("", 0, over_https(ctx)));
    return r;
  });

  router.add("GET", "/auth/me", Access::signed_in, std::nullopt,
             [](Context& ctx) { return json_response(200, who(*ctx.principal)); });

  // Whether this browser has a session, asked by the UI as it opens: a first visit is not an
  // error, and /auth/me's 401 stood in every browser console as a failed request.
  router.add("GET", "/auth/session", Access::either, std::nullopt, [](Context& ctx) {
    auto r = json_response(200, ctx.principal ? boost::json::object{{"signed_in", true}, {"user", who(*ctx.principal)}}
                                              : boost::json::object{{"signed_in", false}});
    r.header("Cache-Control", "no-store");
    return r;
  });
}

}  // namespace relief::http
