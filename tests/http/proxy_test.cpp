// Behind the hospital's reverse proxy every connection comes from the proxy. The audit trail
// must still name the workstation, and one ward's mistyped passwords must not throttle everyone
// else's sign-ins; a client that is not the proxy must not be able to claim another address.
#include "http/forwarded_client.hpp"
#include "http_test_support.hpp"

namespace relief::testing {
namespace {

using http::canonical_address;
using http::forwarded_client;

TEST(ForwardedClient, OnlyATrustedProxyIsBelievedAndTheRightMostForeignHopIsTheClient) {
  const std::vector<std::string> proxies{"10.0.0.5", "10.0.0.6"};
  // nginx in front: "X-Forwarded-For: 192.168.4.20".
  EXPECT_EQ(forwarded_client("10.0.0.5", "192.168.4.20", proxies), "192.168.4.20");
  // The workstation sent its own forged header first; nginx appended what it saw.
  EXPECT_EQ(forwarded_client("10.0.0.5", "1.2.3.4, 192.168.4.20", proxies), "192.168.4.20");
  // Two of our proxies in a row (load balancer, then nginx).
  EXPECT_EQ(forwarded_client("10.0.0.5", "192.168.4.20, 10.0.0.6", proxies), "192.168.4.20");
  // Not from a proxy: the header is whatever the client wrote.
  EXPECT_EQ(forwarded_client("192.168.4.20", "10.9.9.9", proxies), "192.168.4.20");
  EXPECT_EQ(forwarded_client("10.0.0.5", std::nullopt, proxies), "10.0.0.5");
  // Garbage is never recorded as an address.
  EXPECT_EQ(forwarded_client("10.0.0.5", "<script>, 192.168.4.20", proxies), "192.168.4.20");
  EXPECT_EQ(forwarded_client("10.0.0.5", "192.168.4.20, not-an-address", proxies), "10.0.0.5");
  // IPv4 over an IPv6 socket is the same proxy.
  EXPECT_EQ(forwarded_client("::ffff:10.0.0.5", "192.168.4.20", proxies), "192.168.4.20");
  EXPECT_EQ(canonical_address("::ffff:10.0.0.5"), "10.0.0.5");
  EXPECT_EQ(canonical_address("2001:db8::1"), "2001:db8::1");
  EXPECT_FALSE(canonical_address("proxy.local"));
}

// The last audit entry's client address for a failed sign-in of `username`.
std::string audited_client(const HttpClient& client, const std::string& username) {
  json::object admin{{"username", username_for(Role::admin)}, {"password", kTestPassword}};
  auto signed_in = client.post("/auth/login", json_text(admin), {{"Content-Type", "application/json"}});
  auto token = str(signed_in.json(), "/token");
  auto r = client.get("/api/v1/audit?limit=50", {{"Authorization", "Bearer " + token}});
  const auto body = r.json();
  for (const auto& e : body.at("entries").as_array())
    if (str(e, "/action") == "login-failed" && str(e, "/username") == username) return str(e, "/client");
  return "";
}

TEST(ForwardedClient, TheAuditNamesTheWorkstationOnlyWhenTheServerTrustsItsProxy) {
  const HeaderList forwarded{{"Content-Type", "application/json"}, {"X-Forwarded-For", "192.168.4.20"}};
  json::object wrong{{"username", "ward5.typo"}, {"password", "not-the-password-1"}};
  {
    ServerProcess behind_proxy(backend_from_environment(), {"--trusted-proxy", "127.0.0.1"});
    HttpClient client(behind_proxy.port());
    ASSERT_EQ(client.post("/auth/login", json_text(wrong), forwarded).status, 401);
    EXPECT_EQ(audited_client(client, "ward5.typo"), "192.168.4.20");
    EXPECT_NE(behind_proxy.output().find("Trusting X-Forwarded-For from the proxy at 127.0.0.1"), std::string::npos)
        << behind_proxy.output();
  }
  {
    ServerProcess direct(backend_from_environment());
    HttpClient client(direct.port());
    ASSERT_EQ(client.post("/auth/login", json_text(wrong), forwarded).status, 401);
    EXPECT_EQ(audited_client(client, "ward5.typo"), "127.0.0.1") << "a client must not choose its own address";
  }
}

// A proxy in front ends TLS and speaks plain HTTP to Relief: the site's HTTPS public URL is what
// tells Relief its users are on HTTPS, so the session cookie keeps its Secure flag and browsers
// are told to stay on HTTPS. A plain-HTTP site gets neither (a Secure cookie would never be sent).
TEST(ForwardedClient, BehindAnHttpsPublicUrlTheSessionCookieIsSecure) {
  json::object login{{"username", username_for(Role::nurse)}, {"password", kTestPassword}};
  const HeaderList json_type{{"Content-Type", "application/json"}};
  {
    ServerProcess behind_proxy(backend_from_environment(),
                               {"--public-url", "https://relief.hospital.example", "--trusted-proxy", "127.0.0.1"});
    auto r = HttpClient(behind_proxy.port()).post("/auth/login", json_text(login), json_type);
    ASSERT_EQ(r.status, 200) << r.describe();
    EXPECT_NE(r.header("Set-Cookie").value_or("").find("; Secure"), std::string::npos) << r.describe();
    EXPECT_EQ(r.header("Strict-Transport-Security").value_or(""), "max-age=31536000") << r.describe();
  }
  {
    ServerProcess plain(backend_from_environment());
    auto r = HttpClient(plain.port()).post("/auth/login", json_text(login), json_type);
    ASSERT_EQ(r.status, 200) << r.describe();
    EXPECT_EQ(r.header("Set-Cookie").value_or("").find("; Secure"), std::string::npos) << r.describe();
    EXPECT_FALSE(r.header("Strict-Transport-Security").has_value()) << r.describe();
  }
}

}  // namespace
}  // namespace relief::testing
