#include "http/context.hpp"

namespace relief::http {

Actor Context::actor() const {
  if (!principal) return Actor{"anonymous", Role::nurse, request.client};
  return Actor{principal->username, principal->role, request.client};
}

std::string Context::base_url() const {
  auto host = request.header("host").value_or("localhost");
  return std::string(request.tls ? "https://" : "http://") + host;
}

}  // namespace relief::http
