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

namespace {
// Well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). What
// a decoded URL carries ends up in error messages and in the audit log, which must stay valid
// JSON text.
bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    int extra = 0;
    unsigned min = 0;
    unsigned code = 0;
    if (c < 0x80) extra = 0, code = c;
    else if ((c & 0xE0) == 0xC0) extra = 1, code = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0) extra = 2, code = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0) extra = 3, code = c & 0x07, min = 0x10000;
    else return false;
    if (i + extra >= s.size() && extra > 0) return false;  // cut short
    for (int k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(s[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    if (extra > 0 && (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))) return false;
    i += extra + 1;
  }
  return true;
}
}  // namespace

bool parse_target(const std::string& target, std::string& path, std::vector<std::pair<std::string, std::string>>& query) {
  const std::string lenient = encode_lenient(target);
  auto parsed = boost::urls::parse_origin_form(lenient);
  if (!parsed) return false;
  const auto& url = *parsed;
  path = std::string(url.path());  // decoded
  if (!valid_utf8(path)) return false;
  query.clear();
  for (auto param : url.params()) {
    query.emplace_back(std::string(param.key), std::string(param.value));
    if (!valid_utf8(query.back().first) || !valid_utf8(query.back().second)) return false;
  }
  return true;
}

}  // namespace relief::http
