#include "http/media_type.hpp"

#include <cctype>

namespace relief::http {

std::string bare_media_type(std::string_view t) {
  t = t.substr(0, t.find(';'));
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  std::string out(t);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_json_media_type(const std::string& t) {
  return t == "json" || t == "application/json" || t == "application/json+fhir" ||
         (t.starts_with("application/") && t.ends_with("+json"));
}

}  // namespace relief::http
