#include "http/context.hpp"

namespace relief::http {

Actor Context::actor() const {
  if (!principal) return Actor{"anonymous", Role::nurse, request.client};
  return Actor{principal->username, principal->role, request.client};
}

namespace {
std::string public_base(const AppConfig& config) {
  return config.public_url.ends_with('/') ? config.public_url.substr(0, config.public_url.size() - 1) : config.public_url;
}
std::string addressed_base(const Request& request) {
  auto host = request.header("host").value_or("localhost");
  return std::string(request.tls ? "https://" : "http://") + host;
}
}  // namespace

std::string Context::base_url() const {
  if (!config.public_url.empty()) return public_base(config);
  return addressed_base(request);
}

std::vector<std::string> fhir_bases(const AppConfig& config, const Request& request) {
  std::vector<std::string> out;
  if (!config.public_url.empty()) out.push_back(public_base(config) + "/fhir");
  out.push_back(addressed_base(request) + "/fhir");
  return out;
}

}  // namespace relief::http
