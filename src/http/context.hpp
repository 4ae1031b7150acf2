#pragma once
// What a route handler is given: the request, who is asking, the path parameters, the store.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/roles.hpp"
#include "http/message.hpp"
#include "store/store.hpp"

namespace relief::http {

struct Principal {
  std::string user_id;
  std::string username;
  Role role = Role::nurse;
  std::string csrf;
  std::string token_hash;
  bool via_cookie = false;  // cookie sessions need a CSRF token on writes
};

struct AppConfig {
  std::string web_root = "web/dist";
  std::string instrument_definitions;  // empty: the default search (data/instruments ...)
  std::string instrument_settings;     // the site's instrument settings file, if any
  std::string formulary;               // empty: data/formulary beside the instrument definitions
  std::string acute_settings;          // the site's formulary choices and monitoring rules, if any
  // Where clients reach Relief ("https://relief.hospital.example"): the base of every link.
  // Empty: the request's own Host header (validated by App), as the client addressed us.
  std::string public_url;
  // Reverse proxies whose X-Forwarded-For is believed (canonical IP addresses; see
  // forwarded_client.hpp). Empty: the connection's address is the client.
  std::vector<std::string> trusted_proxies;
  int session_hours = 8;  // one shift; a new login after that
  // How long a server trusts its cached copy of a session: an account disabled or reset from the
  // command line (another process) loses access within this many seconds.
  int session_recheck_seconds = 5;
  std::string version = "0.1.0";
  int login_failures_allowed = 5;    // per username, within 15 minutes
  // Per client address: higher, because a ward behind one NAT or proxy shares an address and
  // one person's typos must not lock out the whole site.
  int client_failures_allowed = 30;
  // /metrics is served to this host's own clients (a loopback address, not through a proxy), and
  // to whoever sends this token as a bearer token (Prometheus' credentials_file). Empty: local only.
  std::string metrics_token;
};

// This server's FHIR base URLs ("https://relief.hospital.example/fhir"): under public_url, and
// under the Host the client addressed (the same server, reached directly). An absolute reference
// under one of them is local; under any other, it names another server's resource.
std::vector<std::string> fhir_bases(const AppConfig& config, const Request& request);

struct Context {
  const Request& request;
  const Principal* principal;  // null on public routes
  std::map<std::string, std::string> params;
  Store& store;
  const AppConfig& config;
  bool synthetic_site;

  Actor actor() const;
  const std::string& param(const std::string& name) const { return params.at(name); }
  std::string base_url() const;  // AppConfig::public_url, or "http://host:port" as the client addressed us
  std::vector<std::string> fhir_bases() const { return http::fhir_bases(config, request); }
};

}  // namespace relief::http
