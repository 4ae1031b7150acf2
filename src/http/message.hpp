#pragma once
// Relief's own view of an HTTP exchange, so that only server.cpp sees Beast.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace relief::http {

struct Request {
  std::string method;  // "GET", "POST" ...
  std::string target;  // as sent: path and query
  std::string path;    // percent-decoded path
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::map<std::string, std::string> headers;              // lower-case names
  std::string body;
  std::string client;  // remote address
  bool tls = false;
  unsigned version = 11;  // HTTP/1.1; 10 for HTTP/1.0
  // True once the client has hung up (the server asks its socket). Long work for one client
  // (a schedule solve) stops early then. Empty when no connection is behind the request.
  std::function<bool()> client_gone;

  std::optional<std::string> header(const std::string& lower_name) const;
  std::optional<std::string> query_param(const std::string& name) const;  // the first
  std::vector<std::string> query_params(const std::string& name) const;   // all, in order
  std::optional<std::string> cookie(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  Response& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// Splits a request target into its decoded path and query; false when it is not a valid origin-form.
// Characters RFC 3986 does not allow raw but clients send anyway (FHIR's "system|code" above all)
// are accepted as if percent-encoded.
bool parse_target(const std::string& target, std::string& path, std::vector<std::pair<std::string, std::string>>& query);

}  // namespace relief::http
