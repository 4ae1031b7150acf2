// HTTPS: `relief serve --tls-cert F --tls-key F` serves TLS only. A hospital puts its own
// certificate there; here a throw-away self-signed one (made with the openssl command) is both
// the server's certificate and the client's only trusted root, so the handshake is verified.
#include <sys/wait.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdlib>
#include <filesystem>

#include "http_test_support.hpp"

namespace relief::testing {
namespace {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = net::ssl;

struct Certificate {
  std::string dir, cert, key;
};

Certificate self_signed_certificate() {
  Certificate c;
  char tmpl[] = "/tmp/relief-tls-XXXXXX";
  c.dir = mkdtemp(tmpl);
  c.cert = c.dir + "/cert.pem";
  c.key = c.dir + "/key.pem";
  const std::string command = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
                              "-subj /CN=relief-test -addext subjectAltName=IP:127.0.0.1 -keyout " +
                              c.key + " -out " + c.cert + " >/dev/null 2>&1";
  int rc = std::system(command.c_str());
  if (rc != 0) throw std::runtime_error("openssl could not make a test certificate: " + command);
  return c;
}

// One request over TLS that trusts only `ca_file`, verifying the peer; returns status and headers.
// tls12_ciphers: offer only these TLS 1.2 suites (and no TLS 1.3), as an old client would.
HttpResponse https_request(unsigned short port, const std::string& ca_file, bhttp::verb method,
                           const std::string& target, const std::string& body = "", const std::string& tls12_ciphers = "") {
  net::io_context ioc;
  ssl::context ctx(ssl::context::tls_client);
  if (!tls12_ciphers.empty()) {
    SSL_CTX_set_max_proto_version(ctx.native_handle(), TLS1_2_VERSION);
    SSL_CTX_set_cipher_list(ctx.native_handle(), tls12_ciphers.c_str());
  }
  ctx.load_verify_file(ca_file);
  ctx.set_verify_mode(ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));
  beast::get_lowest_layer(stream).connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  stream.handshake(ssl::stream_base::client);
  bhttp::request<bhttp::string_body> req{method, target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  req.set(bhttp::field::connection, "close");
  if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  bhttp::write(stream, req);
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(stream, buffer, res);
  HttpResponse out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& f : res) out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
  out.body = res.body();
  beast::error_code ignored;
  stream.shutdown(ignored);
  return out;
}

class Tls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    cert_ = new Certificate(self_signed_certificate());
    server_ = new ServerProcess(backend_from_environment(), {"--tls-cert", cert_->cert, "--tls-key", cert_->key});
  }
  static void TearDownTestSuite() {
    delete server_;
    std::filesystem::remove_all(cert_->dir);
    delete cert_;
  }
  static inline Certificate* cert_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
};

TEST_F(Tls, ServesHttpsWithTheConfiguredCertificate) {
  auto r = https_request(server_->port(), cert_->cert, bhttp::verb::get, "/healthz");
  EXPECT_EQ(r.status, 200) << r.describe();
}

TEST_F(Tls, SessionCookieIsSecureHttpOnlyAndStrict) {
  json::object login{{"username", username_for(Role::nurse)}, {"password", kTestPassword}};
  auto r = https_request(server_->port(), cert_->cert, bhttp::verb::post, "/auth/login", json_text(login));
  ASSERT_EQ(r.status, 200) << r.describe();
  auto cookies = r.headers_named("Set-Cookie");
  ASSERT_EQ(cookies.size(), 2u) << "the session and the browser's device mark";
  for (auto& cookie : cookies) {
    EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  }
}

// Browsers are told to keep to HTTPS, and a TLS 1.2 client gets only suites with forward secrecy
// and authenticated encryption: an outside probe negotiated AES128-SHA (static RSA, CBC, SHA-1).
TEST_F(Tls, OnlyForwardSecretSuitesAndBrowsersAreToldToStayOnHttps) {
  auto r = https_request(server_->port(), cert_->cert, bhttp::verb::get, "/healthz");
  EXPECT_EQ(r.header("Strict-Transport-Security").value_or(""), "max-age=31536000") << r.describe();
  EXPECT_THROW(https_request(server_->port(), cert_->cert, bhttp::verb::get, "/healthz", "", "AES128-SHA:AES256-SHA"),
               std::exception);
  auto modern = https_request(server_->port(), cert_->cert, bhttp::verb::get, "/healthz", "", "ECDHE-ECDSA-AES128-GCM-SHA256");
  EXPECT_EQ(modern.status, 200) << modern.describe();
}

TEST_F(Tls, PlainHttpGetsNoAnswerAndTheServerKeepsServing) {
  // A client that forgot https:// must not be served in the clear.
  EXPECT_THROW(HttpClient(server_->port(), "127.0.0.1", std::chrono::seconds(5)).get("/healthz"), std::runtime_error);
  auto r = https_request(server_->port(), cert_->cert, bhttp::verb::get, "/healthz");
  EXPECT_EQ(r.status, 200) << r.describe();
}

TEST_F(Tls, AClientThatDoesNotTrustTheCertificateIsRefused) {
  // Verification is real: with another root (a second throw-away certificate) the handshake fails.
  auto other = self_signed_certificate();
  EXPECT_THROW(https_request(server_->port(), other.cert, bhttp::verb::get, "/healthz"), std::exception);
  std::filesystem::remove_all(other.dir);
}

}  // namespace
}  // namespace relief::testing
