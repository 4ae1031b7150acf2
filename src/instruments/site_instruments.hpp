#pragma once
// The instruments a site works with: every definition, configured with the site's settings and
// supplements, and the site's scale-recommendation table. Loaded once by the server and by each
// `relief instrument` command, the same way.
#include <filesystem>
#include <string>
#include <vector>

#include "instruments/instrument_library.hpp"
#include "instruments/scale_recommendation.hpp"

namespace relief::instruments {

struct SiteInstruments {
  InstrumentLibrary library;
  std::vector<RecommendationRule> rules;

  // definitions_dir empty: the default search (definition_location.hpp). settings_file empty:
  // every setting at its default and the shipped decision table. Throws DefinitionError or
  // std::invalid_argument naming the file at fault.
  static SiteInstruments load(const std::string& definitions_dir, const std::string& settings_file);
};

}  // namespace relief::instruments
