// Accounts over their life: a new starter, a forgotten password, someone who leaves. What the
// hospital's IT team and a unit's admin rely on: a disabled account is locked out at once, even
// mid-shift, and every change is in the audit trail.
#include <cstdlib>
#include <thread>

#include "http_test_support.hpp"

namespace relief::testing {
namespace {

class Accounts : public ServerSuite {
 protected:
  // A fresh account of `role`, created by the admin over the API; its name.
  static std::string new_account(const std::string& name, Role role, const std::string& password = kTestPassword) {
    json::object body{{"username", name}, {"role", std::string(to_string(role))}, {"password", password}};
    auto r = client().post("/api/v1/users", json_text(body), as(Role::admin));
    if (r.status != 201) throw std::runtime_error("creating " + name + ": " + r.describe());
    return name;
  }
  static std::string token_of(const std::string& username, const std::string& password = kTestPassword) {
    auto r = login(client(), username, password);
    if (r.status != 200) throw std::runtime_error("signing in " + username + ": " + r.describe());
    return str(r.json(), "/token");
  }
  static HeaderList bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }
  static int me_status(const std::string& token) { return client().get("/auth/me", bearer(token)).status; }

  // The audit entries about one account, newest first: those that went through ("ok"), by
  // action, or the refused ones, as "action outcome".
  static std::vector<std::string> user_audit(const std::string& username, bool refused) {
    auto r = client().get("/api/v1/audit?limit=500", as(Role::admin));
    if (r.status != 200) throw std::runtime_error(r.describe());
    const auto body = r.json();
    std::vector<std::string> out;
    for (const auto& e : body.at("entries").as_array()) {
      if (str(e, "/resourceType") != "User" || str(e, "/resourceId") != username) continue;
      const bool ok = str(e, "/outcome") == "ok";
      if (ok && !refused) out.push_back(str(e, "/action"));
      if (!ok && refused) out.push_back(str(e, "/action") + " " + str(e, "/outcome"));
    }
    return out;
  }
  static std::vector<std::string> audit_actions_on(const std::string& username) { return user_audit(username, false); }
  static std::vector<std::string> refusals_on(const std::string& username) { return user_audit(username, true); }

  // `relief user ...` on the server's own database while the server runs.
  static int relief_command(const std::string& arguments, const std::string& stdin_text = "") {
    std::string command = std::string(RELIEF_BINARY) + " user " + arguments + " --db '" + server().database_url() + "'";
    if (!stdin_text.empty()) command = "printf '%s\\n' '" + stdin_text + "' | " + command;
    return std::system((command + " > /dev/null 2>&1").c_str());
  }
};

TEST_F(Accounts, AnAdminCreatesAnAccountThatCanSignInAndIsListed) {
  new_account("new.physio", Role::therapist);
  auto token = token_of("new.physio");
  auto me = client().get("/auth/me", bearer(token));
  ASSERT_EQ(me.status, 200) << me.describe();
  EXPECT_EQ(str(me.json(), "/role"), "therapist");

  auto list = client().get("/api/v1/users", as(Role::admin));
  ASSERT_EQ(list.status, 200) << list.describe();
  const auto body = list.json();
  bool listed = false;
  for (const auto& u : body.at("users").as_array())
    if (str(u, "/username") == "new.physio") {
      listed = true;
      EXPECT_EQ(str(u, "/role"), "therapist");
      EXPECT_TRUE(u.at("active").as_bool());
      EXPECT_EQ(json_text(u).find("password"), std::string::npos) << "no hash leaves the server: " << json_text(u);
    }
  EXPECT_TRUE(listed) << list.describe();
  EXPECT_EQ(audit_actions_on("new.physio"), std::vector<std::string>{"create"});

  // The new account is where the 201's Location says.
  json::object body2{{"username", "second.physio"}, {"role", "therapist"}, {"password", kTestPassword}};
  auto created = client().post("/api/v1/users", json_text(body2), as(Role::admin));
  ASSERT_EQ(created.status, 201) << created.describe();
  auto location = created.header("Location").value_or("");
  auto path = location.substr(location.find("/api/"));
  auto one = client().get(path, as(Role::admin));
  ASSERT_EQ(one.status, 200) << location << " " << one.describe();
  EXPECT_EQ(str(one.json(), "/username"), "second.physio");
}

TEST_F(Accounts, BadNewAccountsAre422WithEveryProblemNamed) {
  json::object body{{"username", "has space"}, {"role", "surgeon"}, {"password", "short"}};
  auto r = client().post("/api/v1/users", json_text(body), as(Role::admin));
  ASSERT_EQ(r.status, 422) << r.describe();
  std::vector<std::string> fields;
  const auto problems = r.json();
  for (const auto& p : problems.at("error").at("problems").as_array()) fields.push_back(str(p, "/field"));
  EXPECT_EQ(fields, (std::vector<std::string>{"username", "role", "password"})) << r.describe();

  // A wrong type is one problem, not "must be a string" and "is required" both.
  json::object typed{{"username", "typed.one"}, {"role", "nurse"}, {"password", true}};
  auto one = client().post("/api/v1/users", json_text(typed), as(Role::admin));
  ASSERT_EQ(one.status, 422) << one.describe();
  EXPECT_EQ(one.json().at("error").at("problems").as_array().size(), 1u) << one.describe();
  // An account belongs to a Practitioner that exists, or to none.
  json::object ghost_staff{{"username", "ghost.staff"}, {"role", "nurse"}, {"password", kTestPassword}, {"staff_id", "no-such-practitioner"}};
  auto unknown = client().post("/api/v1/users", json_text(ghost_staff), as(Role::admin));
  ASSERT_EQ(unknown.status, 422) << unknown.describe();
  EXPECT_EQ(str(unknown.json(), "/error/problems/0/field"), "staff_id");
  json::object real_staff{{"username", "real.staff"}, {"role", "nurse"}, {"password", kTestPassword}, {"staff_id", server().practitioner_id()}};
  EXPECT_EQ(client().post("/api/v1/users", json_text(real_staff), as(Role::admin)).status, 201);

  // A name that differs from an existing account only in case is the same person to a reader.
  new_account("case.check", Role::nurse);
  json::object twin{{"username", "Case.Check"}, {"role", "nurse"}, {"password", kTestPassword}};
  auto dup = client().post("/api/v1/users", json_text(twin), as(Role::admin));
  EXPECT_EQ(dup.status, 409) << dup.describe();
}

TEST_F(Accounts, OnlyAnAdminManagesAccounts) {
  for (Role role : {Role::physician, Role::nurse, Role::coordinator, Role::researcher}) {
    EXPECT_EQ(client().get("/api/v1/users", as(role)).status, 403) << to_string(role);
    json::object body{{"username", "sneaky.one"}, {"role", "admin"}, {"password", kTestPassword}};
    EXPECT_EQ(client().post("/api/v1/users", json_text(body), as(role)).status, 403) << to_string(role);
    EXPECT_EQ(client().post("/api/v1/users/" + username_for(Role::nurse) + "/disable", "", as(role)).status, 403)
        << to_string(role);
  }
  EXPECT_EQ(login(client(), "sneaky.one", kTestPassword).status, 401);
}

// Someone leaves mid-shift: the session they have open stops working at the next request, and
// they cannot sign in again until an admin enables the account.
TEST_F(Accounts, DisablingEndsTheOpenSessionAtOnceAndEnablingLetsThemSignInAgain) {
  new_account("leaving.nurse", Role::nurse);
  auto token = token_of("leaving.nurse");
  ASSERT_EQ(me_status(token), 200);

  auto off = client().post("/api/v1/users/leaving.nurse/disable", "", as(Role::admin));
  ASSERT_EQ(off.status, 200) << off.describe();
  EXPECT_FALSE(off.json().at("active").as_bool());
  EXPECT_EQ(me_status(token), 401) << "a disabled account's open session must stop at once";
  // With the right password they are told why; with a wrong one, nothing about the account.
  auto refused = login(client(), "leaving.nurse", kTestPassword);
  EXPECT_EQ(refused.status, 403) << refused.describe();
  EXPECT_NE(str(refused.json(), "/error/message").find("disabled"), std::string::npos) << refused.describe();
  EXPECT_EQ(login(client(), "leaving.nurse", "not-the-password-1").status, 401);

  auto on = client().post("/api/v1/users/leaving.nurse/enable", "", as(Role::admin));
  ASSERT_EQ(on.status, 200) << on.describe();
  EXPECT_EQ(me_status(token), 401) << "enabling brings no old session back";
  EXPECT_EQ(me_status(token_of("leaving.nurse")), 200);
  EXPECT_EQ(audit_actions_on("leaving.nurse"), (std::vector<std::string>{"enable", "disable", "create"}));

  auto ghost = client().post("/api/v1/users/no.such.person/disable", "", as(Role::admin));
  EXPECT_EQ(ghost.status, 404) << ghost.describe();
  auto self = client().post("/api/v1/users/" + username_for(Role::admin) + "/disable", "", as(Role::admin));
  EXPECT_EQ(self.status, 409) << "an admin must not lock themselves out: " << self.describe();
  // Refused attempts are in the security trail too, with why they failed.
  EXPECT_EQ(refusals_on("no.such.person"), std::vector<std::string>{"POST /api/v1/users/no.such.person/disable 404"});
  EXPECT_EQ(refusals_on(username_for(Role::admin)).front(),
            "POST /api/v1/users/" + username_for(Role::admin) + "/disable 409");
  // Names are unique regardless of case, and found regardless of case.
  auto shouted = client().post("/api/v1/users/LEAVING.NURSE/disable", "", as(Role::admin));
  ASSERT_EQ(shouted.status, 200) << shouted.describe();
  EXPECT_EQ(str(shouted.json(), "/username"), "leaving.nurse");
}

TEST_F(Accounts, AnAdminResetsAForgottenPasswordAndTheOldOneAndItsSessionsStopWorking) {
  new_account("forgetful.md", Role::physician);
  auto old_token = token_of("forgetful.md");
  json::object weak{{"password", "aaaaaaaaaaaa"}};
  EXPECT_EQ(client().put("/api/v1/users/forgetful.md/password", json_text(weak), as(Role::admin)).status, 422);

  json::object reset{{"password", "Temporary-Pass-4411"}};
  auto r = client().put("/api/v1/users/forgetful.md/password", json_text(reset), as(Role::admin));
  ASSERT_EQ(r.status, 204) << r.describe();
  EXPECT_EQ(me_status(old_token), 401) << "whoever knew the old password must not stay signed in";
  EXPECT_EQ(login(client(), "forgetful.md", kTestPassword).status, 401);
  EXPECT_EQ(me_status(token_of("forgetful.md", "Temporary-Pass-4411")), 200);
  EXPECT_EQ(audit_actions_on("forgetful.md").front(), "set-password");

  // The admin's own password changes on My account, where the current one is asked for.
  auto own = client().put("/api/v1/users/" + username_for(Role::admin) + "/password", json_text(reset), as(Role::admin));
  EXPECT_EQ(own.status, 409) << own.describe();
}

TEST_F(Accounts, AUserChangesTheirOwnPasswordOnlyWithTheCurrentOne) {
  new_account("careful.psych", Role::psychologist);
  std::string here = token_of("careful.psych");
  std::string elsewhere = token_of("careful.psych");

  json::object wrong{{"current_password", "not-my-password-9"}, {"new_password", "Brand-New-Secret-55"}};
  auto refused = client().post("/auth/password", json_text(wrong), bearer(here));
  ASSERT_EQ(refused.status, 422) << refused.describe();
  EXPECT_EQ(str(refused.json(), "/error/problems/0/field"), "current_password");
  EXPECT_EQ(me_status(elsewhere), 200) << "a refused change ends nothing";

  EXPECT_EQ(refusals_on("careful.psych").front(), "set-password wrong-current-password")
      << "a wrong guess is in the audit trail";

  // A workstation left signed in is no way to guess the password: the sign-in brake applies.
  for (int i = 0; i < 4; ++i) client().post("/auth/password", json_text(wrong), bearer(here));
  auto braked = client().post("/auth/password", json_text(wrong), bearer(here));
  EXPECT_EQ(braked.status, 429) << braked.describe();
  EXPECT_TRUE(braked.header("Retry-After").has_value());
  // An admin's reset is the way out, and lifts the brake.
  json::object reset{{"password", kTestPassword}};
  ASSERT_EQ(client().put("/api/v1/users/careful.psych/password", json_text(reset), as(Role::admin)).status, 204);
  here = token_of("careful.psych");
  elsewhere = token_of("careful.psych");

  json::object right{{"current_password", kTestPassword}, {"new_password", "Brand-New-Secret-55"}};
  auto r = client().post("/auth/password", json_text(right), bearer(here));
  ASSERT_EQ(r.status, 204) << r.describe();
  EXPECT_EQ(me_status(here), 200) << "the session the change was made from stays";
  EXPECT_EQ(me_status(elsewhere), 401) << "every other session of the account ends";
  EXPECT_EQ(login(client(), "careful.psych", kTestPassword).status, 401);
  EXPECT_EQ(login(client(), "careful.psych", "Brand-New-Secret-55").status, 200);
}

// The command line works on the database the server is using (IT at 3 a.m., no admin awake to
// sign in): the server notices within AppConfig::session_recheck_seconds (5 s).
TEST_F(Accounts, TheCommandLineDisablesAnAccountWhileTheServerRuns) {
  new_account("night.locum", Role::physician);
  auto token = token_of("night.locum");
  ASSERT_EQ(me_status(token), 200);
  ASSERT_EQ(relief_command("disable --username night.locum"), 0);

  int status = 200;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (status == 200 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    status = me_status(token);
  }
  EXPECT_EQ(status, 401) << "the open session outlived `relief user disable` by 20 s";
  EXPECT_EQ(login(client(), "night.locum", kTestPassword).status, 403);

  ASSERT_EQ(relief_command("enable --username night.locum"), 0);
  ASSERT_EQ(relief_command("set-password --password-stdin --username night.locum", "Reset-By-IT-2026"), 0);
  EXPECT_EQ(login(client(), "night.locum", kTestPassword).status, 401);
  EXPECT_EQ(login(client(), "night.locum", "Reset-By-IT-2026").status, 200);
  EXPECT_NE(relief_command("disable --username nobody.here"), 0) << "an unknown account is an error";

  // The audit names who ran the command, not just "cli".
  auto audit = client().get("/api/v1/audit?limit=100", as(Role::admin));
  const auto entries = audit.json();
  std::string by;
  for (const auto& e : entries.at("entries").as_array())
    if (str(e, "/resourceId") == "night.locum" && str(e, "/action") == "disable") by = str(e, "/username");
  EXPECT_TRUE(by.starts_with("cli:") && by.size() > 4) << by;
}

// Locked by five wrong passwords, the account's password is reset from the command line (the
// documented way when no admin can sign in): the new password works at once, though the server
// never heard of the reset (another process) and the brake's 15 minutes have not passed.
TEST_F(Accounts, ACommandLineResetLiftsARunningServersBrake) {
  new_account("locked.out", Role::nurse);
  for (int attempt = 1; attempt <= 5; ++attempt) ASSERT_EQ(login(client(), "locked.out", "typo-" + std::to_string(attempt)).status, 401);
  ASSERT_EQ(login(client(), "locked.out", kTestPassword).status, 429);
  ASSERT_EQ(relief_command("set-password --password-stdin --username locked.out", "Reset-At-3am-2026"), 0);
  auto r = login(client(), "locked.out", "Reset-At-3am-2026");
  EXPECT_EQ(r.status, 200) << r.describe();
}

}  // namespace
}  // namespace relief::testing
