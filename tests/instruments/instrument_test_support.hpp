#pragma once
// Shared by the instrument tests: the shipped definitions, configured as a test asks, and a
// one-line way to score answers written as JSON.
#include <boost/json.hpp>
#include <map>
#include <string>

#include "instruments/instrument_library.hpp"
#include "instruments/score_json.hpp"
#include "instruments/scoring.hpp"

namespace relief::instruments::testing {

inline InstrumentLibrary shipped_library(const SiteSettings& settings = {}) {
  auto library = InstrumentLibrary::load_directory(RELIEF_INSTRUMENTS_DIR);
  library.configure(settings);
  return library;
}

inline const InstrumentLibrary& defaults() {
  static const InstrumentLibrary library = shipped_library();
  return library;
}

// score("flacc", R"({"answers": {"face": 1, ...}})") with the library given (defaults otherwise).
inline ScoreResult score_json(const InstrumentLibrary& library, const std::string& id, const std::string& request) {
  return score(library.get(id), score_request_from_json(boost::json::parse(request)).administration);
}
inline ScoreResult score_json(const std::string& id, const std::string& request) {
  return score_json(defaults(), id, request);
}

inline SiteSettings choose(const std::string& instrument, const std::string& setting, const std::string& option) {
  SiteSettings s;
  s.choices[instrument][setting] = option;
  return s;
}

inline Supplement supplement(const std::string& instrument, const std::string& version, const std::string& patch) {
  return parse_supplement(boost::json::value{{"instrument", instrument},
                                             {"version", version},
                                             {"source", "test fixture (not real scoring content)"},
                                             {"patch", boost::json::parse(patch)}},
                          "test supplement");
}

inline std::string answers_all(int count, int value, int first = 1) {
  std::string out;
  for (int i = first; i < first + count; ++i) out += (out.empty() ? "" : ", ") + ("\"" + std::to_string(i) + "\": " + std::to_string(value));
  return out;
}

}  // namespace relief::instruments::testing
