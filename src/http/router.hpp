#pragma once
// Method + path-pattern routing ("/fhir/Patient/{id}/_history/{vid}") with the permission each
// route needs. The App checks authentication and permission before a handler runs.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/roles.hpp"
#include "http/context.hpp"

namespace relief::http {

using RouteHandler = std::function<Response(Context&)>;

// open: anyone, no principal; signed_in: 401 without a valid session; either: anyone, with the
// principal when the request carries a valid session (GET /auth/session).
enum class Access { open, signed_in, either };

struct Route {
  std::string method;
  std::vector<std::string> segments;  // "{name}" captures one segment
  Access access = Access::signed_in;
  std::optional<Permission> permission;
  RouteHandler handler;
};

class Router {
 public:
  void add(std::string method, const std::string& pattern, Access access, std::optional<Permission> permission,
           RouteHandler handler);

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    bool path_known = false;  // some route has this path (so a miss is 405, not 404)
    std::vector<std::string> allowed_methods;
  };
  Match find(const std::string& method, const std::string& path) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace relief::http
