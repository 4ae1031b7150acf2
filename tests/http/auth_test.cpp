// Signing in and out: what a nurse at a ward workstation and the hospital's IT security rely on.
#include "http_test_support.hpp"

namespace relief::testing {
namespace {

class Auth : public ServerSuite {};

TEST_F(Auth, LoginReturnsATokenAndAnHttpOnlyStrictSessionCookie) {
  auto r = login(client(), username_for(Role::nurse), kTestPassword);
  ASSERT_EQ(r.status, 200) << r.describe();
  auto body = r.json();
  const std::string token = str(body, "/token");
  EXPECT_GE(token.size(), 32u) << "a session token should carry at least 256 bits: " << token;
  EXPECT_EQ(str(body, "/user/username"), username_for(Role::nurse));
  EXPECT_EQ(str(body, "/user/role"), "nurse");
  EXPECT_FALSE(str(body, "/user/csrf").empty()) << r.describe();
  EXPECT_FALSE(str(body, "/expires").empty()) << r.describe();

  auto cookies = r.headers_named("Set-Cookie");
  ASSERT_EQ(cookies.size(), 2u) << r.describe();
  const std::string& cookie = cookies[0];
  EXPECT_EQ(cookie.rfind("relief_session=" + token + ";", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  // The browser's mark for the sign-in brake: sent back to the sign-in only.
  const std::string& device = cookies[1];
  EXPECT_EQ(device.rfind("relief_device=", 0), 0u) << device;
  EXPECT_NE(device.find("; Path=/auth/login;"), std::string::npos) << device;
  EXPECT_NE(device.find("HttpOnly"), std::string::npos) << device;
  EXPECT_NE(device.find("SameSite=Strict"), std::string::npos) << device;
  EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");

  // The token works at once.
  auto me = client().get("/auth/me", {{"Authorization", "Bearer " + token}});
  ASSERT_EQ(me.status, 200) << me.describe();
  EXPECT_EQ(str(me.json(), "/username"), username_for(Role::nurse));
  EXPECT_EQ(str(me.json(), "/role"), "nurse");
}

// The UI asks whether it has a session as it opens: a first visit is an answer, not a 401 in the
// browser's console. With a session, the same user /auth/me gives.
TEST_F(Auth, SessionSaysWhetherThereIsOneWithoutAnError) {
  auto none = client().get("/auth/session");
  ASSERT_EQ(none.status, 200) << none.describe();
  EXPECT_FALSE(none.json().at("signed_in").as_bool());
  EXPECT_FALSE(none.json().as_object().contains("user"));
  EXPECT_EQ(client().get("/auth/session", {{"Authorization", "Bearer not-a-token"}}).json().at("signed_in").as_bool(), false);
  auto mine = client().get("/auth/session", as(Role::nurse));
  ASSERT_EQ(mine.status, 200) << mine.describe();
  EXPECT_TRUE(mine.json().at("signed_in").as_bool());
  EXPECT_EQ(str(mine.json(), "/user/username"), username_for(Role::nurse));
  EXPECT_EQ(str(mine.json(), "/user/csrf"), str(client().get("/auth/me", as(Role::nurse)).json(), "/csrf"));
}

TEST_F(Auth, AUsernameGivenTwiceIsRefusedNotResolved) {
  // {"username": nurse, "username": physician} signed in whichever name the parser kept last:
  // the nurse's screen showing a physician's session. Refused with 400, as on every other route.
  const std::string body = R"({"username":")" + username_for(Role::nurse) + R"(","username":")" +
                           username_for(Role::physician) + R"(","password":")" + kTestPassword + R"("})";
  auto r = client().post("/auth/login", body, {});
  EXPECT_EQ(r.status, 400) << r.describe();
  EXPECT_NE(r.body.find("appears twice"), std::string::npos) << r.describe();
  EXPECT_TRUE(r.headers_named("Set-Cookie").empty());
  // Every answer keeps the UI out of other sites' frames and its addresses out of referrers.
  EXPECT_EQ(r.header("X-Frame-Options").value_or(""), "DENY");
  const auto csp = r.header("Content-Security-Policy").value_or("");
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << "scripts from this server only: " << csp;
  EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << csp;
  EXPECT_EQ(r.header("Referrer-Policy").value_or(""), "no-referrer");
}

// The browser shows a nurse no "Sign order" button and a coordinator no "Record pain score":
// it asks the server what the role may do instead of keeping its own copy of the rules.
TEST_F(Auth, MeListsWhatTheRoleMayDo) {
  auto permissions = [&](Role role) {
    auto r = client().get("/auth/me", as(role));
    std::vector<std::string> out;
    const auto body = r.json();
    for (const auto& p : body.at("permissions").as_array()) out.emplace_back(p.as_string());
    return out;
  };
  auto nurse = permissions(Role::nurse), physician = permissions(Role::physician);
  auto coordinator = permissions(Role::coordinator), researcher = permissions(Role::researcher);
  EXPECT_TRUE(contains(nurse, "write_observation"));
  EXPECT_FALSE(contains(nurse, "prescribe"));
  EXPECT_TRUE(contains(physician, "prescribe"));
  EXPECT_FALSE(contains(coordinator, "write_observation"));
  EXPECT_TRUE(contains(coordinator, "read_patient"));
  EXPECT_FALSE(contains(researcher, "read_patient"));
  EXPECT_TRUE(contains(permissions(Role::admin), "manage_users"));
}

TEST_F(Auth, WrongPasswordIs401WithAJsonError) {
  auto r = login(client(), username_for(Role::physician), "not-the-password-123");
  ASSERT_EQ(r.status, 401) << r.describe();
  EXPECT_TRUE(r.header("Content-Type").value_or("").starts_with("application/json")) << r.header("Content-Type").value_or("");
  auto body = r.json();
  ASSERT_TRUE(body.is_object() && body.as_object().contains("error")) << r.describe();
  EXPECT_EQ(body.at("error").at("status").as_int64(), 401);
  EXPECT_EQ(str(body, "/error/code"), "login");
  EXPECT_FALSE(str(body, "/error/message").empty());
  EXPECT_FALSE(body.as_object().contains("token")) << r.describe();
  EXPECT_TRUE(r.headers_named("Set-Cookie").empty()) << "no session cookie for a failed sign-in";
}

// Failed sign-ins are in the audit trail as they happened: a known account with its role, a
// name with no account with none (it used to be recorded as a nurse).
TEST_F(Auth, FailedSignInsAreAuditedWithTheRoleTheyHad) {
  ASSERT_EQ(login(client(), username_for(Role::physician), "not-the-password-123").status, 401);
  ASSERT_EQ(login(client(), "ghost.user", "not-the-password-123").status, 401);
  // A password typed into the username box is not kept in the append-only audit.
  ASSERT_EQ(login(client(), "Winter!Sun 2026", "not-the-password-123").status, 401);
  auto r = client().get("/api/v1/audit?limit=50", as(Role::admin));
  EXPECT_EQ(r.body.find("Winter!Sun"), std::string::npos) << "a typed password is in the audit log";
  EXPECT_NE(r.body.find("(not a username, 15 characters)"), std::string::npos) << r.describe();
  ASSERT_EQ(r.status, 200) << r.describe();
  std::string physician_role, ghost_role;
  const auto body = r.json();
  for (const auto& e : body.at("entries").as_array()) {
    if (str(e, "/action") != "login-failed") continue;
    if (str(e, "/username") == username_for(Role::physician) && physician_role.empty()) physician_role = str(e, "/role");
    if (str(e, "/username") == "ghost.user" && ghost_role.empty()) ghost_role = str(e, "/role");
  }
  EXPECT_EQ(physician_role, "physician");
  EXPECT_EQ(ghost_role, "no-account");
}

TEST_F(Auth, FhirWithoutCredentialsIs401WithOperationOutcomeAndWwwAuthenticate) {
  auto r = client().get("/fhir/Patient");
  ASSERT_EQ(r.status, 401) << r.describe();
  auto www = r.header("WWW-Authenticate");
  ASSERT_TRUE(www.has_value()) << "a 401 must say how to authenticate";
  EXPECT_EQ(www->rfind("Bearer", 0), 0u) << *www;
  auto body = r.json();
  EXPECT_EQ(str(body, "/resourceType"), "OperationOutcome") << r.describe();
  EXPECT_EQ(str(body, "/issue/0/severity"), "error");
  EXPECT_EQ(str(body, "/issue/0/code"), "login");
  EXPECT_TRUE(r.header("Content-Type").value_or("").starts_with("application/fhir+json"));

  // A made-up bearer token is no better than none.
  auto forged = client().get("/fhir/Patient", {{"Authorization", "Bearer not-a-real-session-token"}});
  EXPECT_EQ(forged.status, 401) << forged.describe();
}

TEST_F(Auth, LogoutRevokesTheToken) {
  auto r = login(client(), username_for(Role::therapist), kTestPassword);
  ASSERT_EQ(r.status, 200) << r.describe();
  const HeaderList bearer{{"Authorization", "Bearer " + str(r.json(), "/token")}};
  ASSERT_EQ(client().get("/auth/me", bearer).status, 200);

  auto out = client().post("/auth/logout", "", bearer);
  ASSERT_EQ(out.status, 204) << out.describe();
  auto cleared = out.headers_named("Set-Cookie");
  ASSERT_EQ(cleared.size(), 1u);
  EXPECT_NE(cleared[0].find("Max-Age=0"), std::string::npos) << cleared[0];

  auto me = client().get("/auth/me", bearer);
  EXPECT_EQ(me.status, 401) << "a signed-out token must stop working: " << me.describe();
  auto fhir = client().get("/fhir/Observation", bearer);
  EXPECT_EQ(fhir.status, 401) << fhir.describe();
}

TEST_F(Auth, SessionSurvivesAServerRestart) {
  auto r = login(client(), username_for(Role::nurse_practitioner), kTestPassword);
  ASSERT_EQ(r.status, 200) << r.describe();
  const HeaderList bearer{{"Authorization", "Bearer " + str(r.json(), "/token")}};

  // A night-shift deploy restarts the server; the clinician mid-charting stays signed in.
  server().restart();

  auto me = client().get("/auth/me", bearer);
  ASSERT_EQ(me.status, 200) << me.describe() << "\nserver output:\n" << server().output();
  EXPECT_EQ(str(me.json(), "/username"), username_for(Role::nurse_practitioner));
  EXPECT_EQ(str(me.json(), "/role"), "nurse_practitioner");
}

TEST_F(Auth, LogoutSurvivesAServerRestart) {
  auto r = login(client(), username_for(Role::psychologist), kTestPassword);
  ASSERT_EQ(r.status, 200) << r.describe();
  const HeaderList bearer{{"Authorization", "Bearer " + str(r.json(), "/token")}};
  ASSERT_EQ(client().post("/auth/logout", "", bearer).status, 204);

  server().restart();

  EXPECT_EQ(client().get("/auth/me", bearer).status, 401) << "a revoked session must stay revoked after a restart";
}

TEST_F(Auth, CookieSessionNeedsTheCsrfTokenToWrite) {
  auto r = login(client(), username_for(Role::nurse), kTestPassword);
  ASSERT_EQ(r.status, 200) << r.describe();
  auto body = r.json();
  const std::string cookie = "relief_session=" + str(body, "/token");
  const std::string csrf = str(body, "/user/csrf");
  ASSERT_FALSE(csrf.empty());

  // Reading with the cookie alone is fine (the browser UI does it).
  auto me = client().get("/auth/me", {{"Cookie", cookie}});
  ASSERT_EQ(me.status, 200) << me.describe();
  EXPECT_EQ(str(me.json(), "/csrf"), csrf);

  PatientSpec child;
  child.family = unique_name("Haddad");
  child.given = {"Yusuf"};
  child.birth_date = "2016-11-20";
  child.gender = "male";
  const std::string resource = json_text(patient_resource(child));

  // A forged cross-site form post carries the cookie but cannot know the CSRF token.
  auto forged = client().post("/fhir/Patient", resource, {{"Cookie", cookie}});
  ASSERT_EQ(forged.status, 403) << forged.describe();
  EXPECT_EQ(str(forged.json(), "/resourceType"), "OperationOutcome");
  auto wrong = client().post("/fhir/Patient", resource, {{"Cookie", cookie}, {"X-CSRF-Token", csrf + "x"}});
  ASSERT_EQ(wrong.status, 403) << wrong.describe();
  // Nothing was registered by the refused posts.
  auto found = search("/fhir/Patient?identifier=" + child.mrn);
  EXPECT_TRUE(entry_ids(found).empty()) << json_text(found);

  auto ok = client().post("/fhir/Patient", resource, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  ASSERT_EQ(ok.status, 201) << ok.describe();
  EXPECT_EQ(str(ok.json(), "/identifier/0/value"), child.mrn);
}

// Password guessing: its own server, because the brake also counts failures per client address
// and every test connects from 127.0.0.1.
class LoginThrottle : public ServerSuite {};

TEST_F(LoginThrottle, FiveFailuresForOneUsernameGive429WithRetryAfter) {
  const std::string user = username_for(Role::physician);
  for (int attempt = 1; attempt <= 5; ++attempt) {
    auto r = login(client(), user, "guess-number-" + std::to_string(attempt));
    ASSERT_EQ(r.status, 401) << "attempt " << attempt << ": " << r.describe();
  }
  auto sixth = login(client(), user, "guess-number-6");
  ASSERT_EQ(sixth.status, 429) << sixth.describe();
  auto retry = sixth.header("Retry-After");
  ASSERT_TRUE(retry.has_value()) << "a 429 must say when to try again";
  int seconds = std::stoi(*retry);
  EXPECT_GT(seconds, 0);
  EXPECT_LE(seconds, 15 * 60 + 1) << "the failure window is 15 minutes";
  EXPECT_EQ(str(sixth.json(), "/error/code"), "throttled") << sixth.describe();

  // While locked, even the right password is refused: the guesser learns nothing.
  auto right = login(client(), user, kTestPassword);
  EXPECT_EQ(right.status, 429) << right.describe();
  EXPECT_FALSE(right.json().as_object().contains("token")) << right.describe();

  // The brake is in the audit, once: who, from where, when (not one entry per refused guess,
  // which would let a guesser fill the log).
  auto audit = client().get("/api/v1/audit?limit=200", as(Role::admin));
  ASSERT_EQ(audit.status, 200) << audit.describe();
  const auto entries = audit.json();
  int throttled = 0;
  for (const auto& e : entries.at("entries").as_array())
    if (str(e, "/action") == "login-throttled" && str(e, "/username") == user) {
      ++throttled;
      EXPECT_EQ(str(e, "/outcome"), "429");
      EXPECT_FALSE(str(e, "/client").empty());
    }
  EXPECT_EQ(throttled, 1) << audit.describe();
}

// A hundred guesses sent at once all passed the brake (an outside probe): each was checked before
// any of them had failed. Twelve at once now get five answers of 401 and the rest 429.
TEST_F(LoginThrottle, GuessesSentAtOnceAreBrakedLikeGuessesInTurn) {
  const std::string user = username_for(Role::therapist);
  std::vector<std::thread> threads;
  std::mutex mu;
  std::map<int, int> statuses;
  for (int i = 0; i < 12; ++i)
    threads.emplace_back([&, i] {
      int status = login(client(), user, "parallel-guess-" + std::to_string(i)).status;
      std::lock_guard lock(mu);
      ++statuses[status];
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(statuses[401], 5);
  EXPECT_EQ(statuses[429], 7);
  EXPECT_EQ(login(client(), user, kTestPassword).status, 429);
}

// Someone guessing a nurse's password from another workstation locks the account, but not the
// browser the nurse signed in from before (OWASP's device cookies): it has its own brake.
class DeviceBrake : public ServerSuite {};

TEST_F(DeviceBrake, AGuesserElsewhereDoesNotLockTheOwnersBrowserOut) {
  const std::string user = username_for(Role::nurse);
  auto first = login(client(), user, kTestPassword);
  ASSERT_EQ(first.status, 200) << first.describe();
  std::string device;
  for (auto& c : first.headers_named("Set-Cookie"))
    if (c.rfind("relief_device=", 0) == 0) device = c.substr(0, c.find(';'));
  ASSERT_FALSE(device.empty()) << first.describe();
  auto sign_in = [&](const std::string& password, const std::string& cookie) {
    HeaderList headers{{"Content-Type", "application/json"}};
    if (!cookie.empty()) headers.push_back({"Cookie", cookie});
    return client().post("/auth/login", json_text(json::object{{"username", user}, {"password", password}}), headers);
  };

  for (int attempt = 1; attempt <= 5; ++attempt) ASSERT_EQ(sign_in("guess-" + std::to_string(attempt), "").status, 401);
  EXPECT_EQ(sign_in(kTestPassword, "").status, 429) << "the account is braked for browsers it never signed in from";
  EXPECT_EQ(sign_in(kTestPassword, "relief_device=made-up-by-the-guesser").status, 429)
      << "a device token the server never gave is no way round the brake";

  auto owner = sign_in(kTestPassword, device);
  ASSERT_EQ(owner.status, 200) << "the owner's own browser is locked out: " << owner.describe();
  std::string again;
  for (auto& c : owner.headers_named("Set-Cookie"))
    if (c.rfind("relief_device=", 0) == 0) again = c.substr(0, c.find(';'));
  EXPECT_EQ(again, device) << "a known browser keeps its token";

  // The owner's browser has a brake of its own: five wrong passwords stop it too.
  for (int attempt = 1; attempt <= 5; ++attempt) ASSERT_EQ(sign_in("typo-" + std::to_string(attempt), device).status, 401);
  auto braked = sign_in(kTestPassword, device);
  EXPECT_EQ(braked.status, 429) << braked.describe();
  EXPECT_TRUE(braked.header("Retry-After").has_value());
}

}  // namespace
}  // namespace relief::testing
