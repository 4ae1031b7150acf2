#include "http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <cctype>
#include <stdexcept>

namespace relief::testing {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

std::string shorten(std::string_view s, std::size_t max = 2000) {
  if (s.size() <= max) return std::string(s);
  return std::string(s.substr(0, max)) + "... (" + std::to_string(s.size()) + " bytes)";
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (iequals(k, name)) return v;
  return std::nullopt;
}

std::vector<std::string> HttpResponse::headers_named(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : headers)
    if (iequals(k, name)) out.push_back(v);
  return out;
}

boost::json::value HttpResponse::json() const {
  try {
    return parse_json(body);
  } catch (const std::exception&) {
    throw std::runtime_error("the response to check is not JSON: " + describe());
  }
}

std::string HttpResponse::describe() const { return "HTTP " + std::to_string(status) + ": " + shorten(body); }

boost::json::value parse_json(std::string_view text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec) throw std::runtime_error("not JSON (" + ec.message() + "): " + shorten(text));
  return v;
}

std::string target_of(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  auto slash = url.find('/', scheme + 3);
  return slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
}

HttpClient::HttpClient(unsigned short port, std::string host, std::chrono::milliseconds timeout)
    : port_(port), host_(std::move(host)), timeout_(timeout) {}

HttpResponse HttpClient::request(std::string_view method, std::string_view target, std::string_view body,
                                 const HeaderList& headers) const {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  const std::string what = std::string(method) + " " + std::string(target) + " on port " + std::to_string(port_);

  beast::error_code ec;
  stream.socket().connect(tcp::endpoint(net::ip::make_address(host_), port_), ec);
  if (ec) throw std::runtime_error("cannot connect for " + what + ": " + ec.message());

  bhttp::request<bhttp::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(bhttp::field::host, host_ + ":" + std::to_string(port_));
  req.set(bhttp::field::connection, "close");
  bool has_content_type = false;
  for (const auto& [name, value] : headers) {
    if (iequals(name, "host")) req.set(bhttp::field::host, value);  // a test's own Host replaces ours
    else req.insert(name, value);
    has_content_type |= iequals(name, "content-type");
  }
  if (!body.empty() && !has_content_type) req.set(bhttp::field::content_type, "application/fhir+json");
  req.body() = std::string(body);
  req.prepare_payload();

  // Write and read at the same time: a server may answer (413) before it has read the whole body,
  // and then stop reading; the answer is what the test wants to see.
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(256 * 1024 * 1024);
  parser.header_limit(64 * 1024);
  beast::error_code write_ec, read_ec;
  bool read_done = false;
  stream.expires_after(timeout_);
  bhttp::async_write(stream, req, [&](beast::error_code e, std::size_t) { write_ec = e; });
  bhttp::async_read(stream, buffer, parser, [&](beast::error_code e, std::size_t) {
    read_ec = e;
    read_done = true;
    // Once the answer is in, a write the server stopped reading is of no further interest.
    beast::error_code ignored;
    stream.socket().cancel(ignored);
  });
  ioc.run();

  if (!read_done || read_ec) {
    std::string reason = read_ec ? read_ec.message() : "no response";
    if (write_ec) reason += " (while sending: " + write_ec.message() + ")";
    throw std::runtime_error("no complete response to " + what + ": " + reason);
  }

  auto res = parser.release();
  HttpResponse out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& field : res) out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  out.body = std::move(res.body());
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  return out;
}

}  // namespace relief::testing
