#pragma once
// A small synchronous HTTP/1.1 client for the integration tests: one new TCP connection to
// 127.0.0.1:PORT per request, bounded by a timeout so that a hung server fails a test instead of
// hanging it. Beast stays in http_client.cpp; this header only needs Boost.JSON.
#include <boost/json/value.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace relief::testing {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 0;
  HeaderList headers;  // as received, in order (repeated headers stay separate)
  std::string body;

  // The first header with this name, compared case-insensitively.
  std::optional<std::string> header(std::string_view name) const;
  // Every header with this name (e.g. each Set-Cookie).
  std::vector<std::string> headers_named(std::string_view name) const;
  // The body parsed with Boost.JSON; throws std::runtime_error (quoting the body) when it is not JSON.
  boost::json::value json() const;
  // "HTTP 422: {...}" for assertion messages.
  std::string describe() const;
};

class HttpClient {
 public:
  explicit HttpClient(unsigned short port, std::string host = "127.0.0.1",
                      std::chrono::milliseconds timeout = std::chrono::seconds(30));

  // Sends one request on a new connection and reads the whole response. A request with a body
  // gets Content-Type: application/fhir+json unless `headers` names another. Throws
  // std::runtime_error when the connection fails or no complete response arrives in time.
  // A response that arrives before the body has been fully sent (413) is still returned.
  HttpResponse request(std::string_view method, std::string_view target, std::string_view body = {},
                       const HeaderList& headers = {}) const;

  HttpResponse get(std::string_view target, const HeaderList& headers = {}) const {
    return request("GET", target, {}, headers);
  }
  HttpResponse post(std::string_view target, std::string_view body, const HeaderList& headers = {}) const {
    return request("POST", target, body, headers);
  }
  HttpResponse put(std::string_view target, std::string_view body, const HeaderList& headers = {}) const {
    return request("PUT", target, body, headers);
  }

  unsigned short port() const { return port_; }

 private:
  unsigned short port_;
  std::string host_;
  std::chrono::milliseconds timeout_;
};

// Parses text as JSON; throws std::runtime_error (quoting the text) when it is not.
boost::json::value parse_json(std::string_view text);

// "http://127.0.0.1:8080/fhir/Observation?x=1" -> "/fhir/Observation?x=1" (for following Bundle links).
std::string target_of(std::string_view absolute_url);

}  // namespace relief::testing
