#include "http/message.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace relief::http {

std::optional<std::string> Request::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::query_param(const std::string& name) const {
  for (const auto& [k, v] : query)
    if (k == name) return v;
  return std::nullopt;
}

std::vector<std::string> Request::query_params(const std::string& name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : query)
    if (k == name) out.push_back(v);
  return out;
}

std::optional<std::string> Request::cookie(const std::string& name) const {
  auto h = header("cookie");
  if (!h) return std::nullopt;
  std::string_view rest = *h;
  while (!rest.empty()) {
    auto semi = rest.find(';');
    auto part = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
  }
  return std::nullopt;
}

namespace {
std::string encode_lenient(const std::string& target) {
  static const std::string_view tolerated = "|[]{}^`\\\"<> ";
  std::string out;
  out.reserve(target.size());
  for (char c : target) {
    if (tolerated.find(c) == std::string_view::npos) {
      out += c;
      continue;
    }
    static const char* hex = "0123456789ABCDEF";
    out += '%';
    out += hex[(static_cast<unsigned char>(c) >> 4) & 15];
    out += hex[static_cast<unsigned char>(c) & 15];
  }
  return out;
}
}  // namespace

bool parse_target(const std::string& target, std::string& path, std::vector<std::pair<std::string, std::string>>& query) {
  const std::string lenient = encode_lenient(target);
  auto parsed = boost::urls::parse_origin_form(lenient);
  if (!parsed) return false;
  const auto& url = *parsed;
  path = std::string(url.path());  // decoded
  query.clear();
  for (auto param : url.params()) query.emplace_back(std::string(param.key), std::string(param.value));
  return true;
}

}  // namespace relief::http
