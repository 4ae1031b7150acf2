// Sign-in accounts over HTTP. Admins: GET/POST /api/v1/users, GET /api/v1/users/{username}, POST /api/v1/users/{username}/
// disable|enable, PUT /api/v1/users/{username}/password. Everyone: POST /auth/password (their own).
// Each change is audited in the same transaction, and a disabled account or a reset password
// stops working at once: the store revokes the sessions, and this server forgets its cached copies.
#include <algorithm>
#include <boost/json.hpp>

#include "core/errors.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"
#include "security/password.hpp"

namespace relief::http {
namespace {

boost::json::object account_json(const UserAccount& u) {
  return boost::json::object{{"username", u.username},
                             {"role", to_string(u.role)},
                             {"active", u.active},
                             {"staff_id", u.staff_id},
                             {"created", format_instant(u.created_at)}};
}

// A string member of the body: "" when absent; a problem when present but not a string.
std::string text_field(const boost::json::object& body, const char* name, std::vector<Problem>& problems) {
  auto* v = body.if_contains(name);
  if (!v || v->is_null()) return "";
  if (!v->is_string()) {
    problems.push_back({name, "must be a string"});
    return "";
  }
  return std::string(v->as_string());
}

bool has_problem(const std::vector<Problem>& problems, const std::string& field) {
  return std::any_of(problems.begin(), problems.end(), [&](const Problem& p) { return p.field == field; });
}

// One problem per field: "must be a string" already says what "is required" would.
void check_password(const std::string& field, const std::string& password, const std::string& username,
                    std::vector<Problem>& problems) {
  if (has_problem(problems, field)) return;
  if (password.empty()) problems.push_back({field, "is required"});
  else if (auto problem = password_problem(password, username); !problem.empty()) problems.push_back({field, problem});
}

// The Practitioner an account belongs to, if any: an id the store knows.
void check_staff_id(Context& ctx, const std::string& staff_id, std::vector<Problem>& problems) {
  if (staff_id.empty() || has_problem(problems, "staff_id")) return;
  bool known = false;
  if (staff_id.size() <= 64) ctx.store.read([&](Reader& r) { known = r.get<Staff>(staff_id).has_value(); });
  if (!known) problems.push_back({"staff_id", "is not the id of a Practitioner here; leave it out or give one from /fhir/Practitioner"});
}

UserAccount account_named(Context& ctx, const std::string& username) {
  std::optional<UserAccount> account;
  ctx.store.read([&](Reader& r) { account = r.user_by_name(username); });
  if (!account) throw NotFound("there is no account named '" + username + "'");
  return *account;
}

Response no_content() {
  Response r;
  r.status = 204;
  return r;
}

}  // namespace

void add_account_routes(Router& router, AuthService& auth) {
  router.add("GET", "/api/v1/users", Access::signed_in, Permission::manage_users, [](Context& ctx) {
    boost::json::array list;
    ctx.store.read([&](Reader& r) {
      for (const auto& u : r.users()) list.push_back(account_json(u));
    });
    return json_response(200, boost::json::object{{"users", std::move(list)}});
  });

  // Where POST's Location points.
  router.add("GET", "/api/v1/users/{username}", Access::signed_in, Permission::manage_users, [](Context& ctx) {
    return json_response(200, account_json(account_named(ctx, ctx.param("username"))));
  });

  router.add("POST", "/api/v1/users", Access::signed_in, Permission::manage_users, [&auth](Context& ctx) {
    auto body = json_object_body(ctx.request);
    std::vector<Problem> problems;
    UserAccount account;
    account.username = text_field(body, "username", problems);
    if (auto problem = username_problem(account.username); !problem.empty() && !has_problem(problems, "username"))
      problems.push_back({"username", problem});
    auto role = text_field(body, "role", problems);
    if (auto r = role_from_string(role)) account.role = *r;
    else if (!has_problem(problems, "role"))
      problems.push_back({"role", role.empty() ? "is required" : "'" + role + "' is not a role Relief knows"});
    account.staff_id = text_field(body, "staff_id", problems);
    check_staff_id(ctx, account.staff_id, problems);
    auto password = text_field(body, "password", problems);
    check_password("password", password, account.username, problems);
    if (!problems.empty()) throw ValidationError(std::move(problems));
    account.password_hash = auth.hash_off_network(password);
    ctx.store.write(ctx.actor(), [&](Transaction& tx) { tx.add_user(account); });
    auto r = json_response(201, account_json(account));
    r.header("Location", ctx.base_url() + "/api/v1/users/" + account.username);
    return r;
  });

  for (bool active : {false, true}) {
    router.add("POST", std::string("/api/v1/users/{username}/") + (active ? "enable" : "disable"), Access::signed_in,
               Permission::manage_users, [&auth, active](Context& ctx) {
                 auto account = account_named(ctx, ctx.param("username"));
                 // An admin who disables themselves locks the door behind them. Another admin can
                 // disable the account, or IT from a shell (`relief user disable`).
                 if (!active && account.id == ctx.principal->user_id)
                   return error_response(false, 409, "conflict", "you cannot disable your own account");
                 ctx.store.write(ctx.actor(), [&](Transaction& tx) { tx.set_user_active(account, active); });
                 if (!active) auth.forget_sessions_of(account.id);
                 else auth.forget_failures(account.username);  // the tries made while disabled
                 account.active = active;
                 return json_response(200, account_json(account));
               });
  }

  router.add("PUT", "/api/v1/users/{username}/password", Access::signed_in, Permission::manage_users,
             [&auth](Context& ctx) {
               auto account = account_named(ctx, ctx.param("username"));
               // Without the current password this would be the way round My account's check,
               // for anyone at an admin's unlocked workstation.
               if (account.id == ctx.principal->user_id)
                 return error_response(false, 409, "conflict",
                                       "change your own password on My account (POST /auth/password): it needs the current one");
               auto body = json_object_body(ctx.request);
               std::vector<Problem> problems;
               auto password = text_field(body, "password", problems);
               check_password("password", password, account.username, problems);
               if (!problems.empty()) throw ValidationError(std::move(problems));
               auto hash = auth.hash_off_network(password);
               ctx.store.write(ctx.actor(), [&](Transaction& tx) { tx.set_user_password(account, hash); });
               auth.forget_sessions_of(account.id);
               auth.forget_failures(account.username);
               return no_content();
             });

  // Changing one's own password needs the current one: a workstation left signed in must not
  // let a passer-by take the account over. The other sessions of the account end.
  router.add("POST", "/auth/password", Access::signed_in, std::nullopt, [&auth](Context& ctx) {
    auto body = json_object_body(ctx.request);
    std::vector<Problem> problems;
    auto current = text_field(body, "current_password", problems);
    auto next = text_field(body, "new_password", problems);
    if (current.empty() && !has_problem(problems, "current_password")) problems.push_back({"current_password", "is required"});
    check_password("new_password", next, ctx.principal->username, problems);
    if (!current.empty() && current == next) problems.push_back({"new_password", "must differ from the current password"});
    if (!problems.empty()) throw ValidationError(std::move(problems));
    try {
      auth.check_current_password(*ctx.principal, current, ctx.request.client);
    } catch (const TooManyAttempts& e) {
      auto r = error_response(false, 429, "throttled", e.what());
      r.header("Retry-After", std::to_string(e.retry_after));
      return r;
    }
    auto account = account_named(ctx, ctx.principal->username);
    auto hash = auth.hash_off_network(next);
    ctx.store.write(ctx.actor(), [&](Transaction& tx) { tx.set_user_password(account, hash, ctx.principal->token_hash); });
    auth.forget_sessions_of(account.id);
    return no_content();
  });
}

}  // namespace relief::http
