#include "instruments/site_instruments.hpp"

#include <boost/json.hpp>

#include "instruments/definition_location.hpp"
#include "instruments/site_settings.hpp"

namespace relief::instruments {

SiteInstruments SiteInstruments::load(const std::string& definitions_dir, const std::string& settings_file) {
  const std::filesystem::path dir =
      definitions_dir.empty() ? default_definitions_dir() : std::filesystem::path(definitions_dir);
  SiteInstruments site{InstrumentLibrary::load_directory(dir), {}};
  if (site.library.empty()) throw std::invalid_argument(dir.string() + " holds no instrument definitions");
  // The site's decision table: its settings' "recommendation" (inline rules or a file name), else
  // the shipped default beside the definitions.
  std::optional<boost::json::value> rules;
  if (!settings_file.empty()) {
    const std::filesystem::path file(settings_file);
    auto settings = read_json_file(file);
    site.library.configure(parse_site_settings(settings, file.parent_path()));
    if (const auto* r = settings.is_object() ? settings.as_object().if_contains("recommendation") : nullptr)
      rules = r->is_string() ? read_json_file(file.parent_path() / std::string(r->get_string())) : *r;
  }
  if (!rules) rules = read_json_file(dir / "site-defaults" / "recommendation.json");
  site.rules = parse_recommendation_rules(*rules);
  return site;
}

}  // namespace relief::instruments
