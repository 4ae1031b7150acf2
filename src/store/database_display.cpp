#include "store/database_display.hpp"

#include <filesystem>

namespace relief {

std::string database_for_display(const std::string& db) {
  if (!db.starts_with("postgres")) return std::filesystem::absolute(db).lexically_normal().string();
  std::string shown = db;
  // user:secret@host
  auto scheme_end = shown.find("://");
  auto at = shown.find('@');
  auto query = shown.find('?');
  if (scheme_end != std::string::npos && at != std::string::npos && (query == std::string::npos || at < query)) {
    auto colon = shown.find(':', scheme_end + 3);
    if (colon != std::string::npos && colon < at) shown = shown.substr(0, colon) + ":***" + shown.substr(at);
  }
  // ?password=secret&...
  query = shown.find('?');
  for (auto at_key = shown.find("password=", query); query != std::string::npos && at_key != std::string::npos;
       at_key = shown.find("password=", at_key + 1)) {
    if (shown[at_key - 1] != '?' && shown[at_key - 1] != '&') continue;
    auto value = at_key + 9;
    auto end = shown.find('&', value);
    shown = shown.substr(0, value) + "***" + (end == std::string::npos ? "" : shown.substr(end));
  }
  return shown;
}

}  // namespace relief
