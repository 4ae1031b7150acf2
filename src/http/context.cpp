#include "http/context.hpp"

namespace relief::http {

Actor Context::actor() const {
  if (!principal) return Actor{"anonymous", Role::nurse, request.client};
  return Actor{principal->username, principal->role, request.client};
}

std::string Context::base_url() const {
  if (!config.public_url.empty())
    return config.public_url.ends_with('/') ? config.public_url.substr(0, config.public_url.size() - 1) : config.public_url;
  auto host = request.header("host").value_or("localhost");
  return std::string(request.tls ? "https://" : "http://") + host;
}

}  // namespace relief::http
