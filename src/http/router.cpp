#include "http/router.hpp"

namespace relief::http {
namespace {
std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  if (!out.empty() && out.back().empty()) out.pop_back();  // trailing slash
  return out;
}
}  // namespace

void Router::add(std::string method, const std::string& pattern, Access access, std::optional<Permission> permission,
                 RouteHandler handler) {
  routes_.push_back(Route{std::move(method), split(pattern), access, permission, std::move(handler)});
}

Router::Match Router::find(const std::string& method, const std::string& path) const {
  Match match;
  auto parts = split(path);
  for (const auto& route : routes_) {
    if (route.segments.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t i = 0; i < parts.size() && ok; ++i) {
      const auto& seg = route.segments[i];
      if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
        if (parts[i].empty()) ok = false;
        else params[seg.substr(1, seg.size() - 2)] = parts[i];
      } else {
        ok = seg == parts[i];
      }
    }
    if (!ok) continue;
    match.path_known = true;
    match.allowed_methods.push_back(route.method);
    if (route.method == method && !match.route) {
      match.route = &route;
      match.params = std::move(params);
    }
  }
  return match;
}

}  // namespace relief::http
