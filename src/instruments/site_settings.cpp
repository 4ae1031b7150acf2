#include "instruments/site_settings.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace relief::instruments {

Supplement parse_supplement(const boost::json::value& json, std::string origin) {
  auto fail = [&](const std::string& problem) { throw std::invalid_argument(origin + ": " + problem); };
  if (!json.is_object()) fail("a supplement is a JSON object");
  const auto& o = json.get_object();
  for (const auto& [key, value] : o)
    if (key != "instrument" && key != "version" && key != "source" && key != "description" && key != "patch")
      fail("unknown key '" + std::string(key) + "'");
  auto text = [&](const char* key, bool required) -> std::string {
    auto found = o.find(key);
    if (found == o.end()) {
      if (required) fail(std::string("'") + key + "' is required");
      return "";
    }
    if (!found->value().is_string()) fail(std::string("'") + key + "' must be a string");
    return std::string(found->value().get_string());
  };
  Supplement s;
  s.instrument = text("instrument", true);
  s.version = text("version", true);
  s.source = text("source", true);
  s.description = text("description", false);
  auto patch = o.find("patch");
  if (patch == o.end() || !patch->value().is_object()) fail("'patch' (an object) is required");
  s.patch = patch->value();
  s.origin = std::move(origin);
  return s;
}

SiteSettings parse_site_settings(const boost::json::value& json, const std::filesystem::path& base_dir) {
  SiteSettings settings;
  if (!json.is_object()) throw std::invalid_argument("site settings: must be a JSON object");
  for (const auto& [key, value] : json.get_object()) {
    if (key == "instruments") {
      if (!value.is_object()) throw std::invalid_argument("site settings: 'instruments' must be an object");
      for (const auto& [instrument, choices] : value.get_object()) {
        if (!choices.is_object())
          throw std::invalid_argument("site settings: instruments." + std::string(instrument) + " must be an object");
        for (const auto& [setting, option] : choices.get_object()) {
          if (!option.is_string())
            throw std::invalid_argument("site settings: instruments." + std::string(instrument) + "." +
                                        std::string(setting) + " must name an option");
          settings.choices[std::string(instrument)][std::string(setting)] = std::string(option.get_string());
        }
      }
    } else if (key == "supplements") {
      if (!value.is_array()) throw std::invalid_argument("site settings: 'supplements' must be a list of files");
      for (const auto& file : value.get_array()) {
        if (!file.is_string()) throw std::invalid_argument("site settings: a supplement is a file name");
        auto path = base_dir / std::string(file.get_string());
        settings.supplements.push_back(parse_supplement(read_json_file(path), path.string()));
      }
    } else if (key == "recommendation" || key == "description") {
      // read by scale_recommendation / for people
    } else {
      throw std::invalid_argument("site settings: unknown key '" + std::string(key) + "'");
    }
  }
  return settings;
}

}  // namespace relief::instruments
