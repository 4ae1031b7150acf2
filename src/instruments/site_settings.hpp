#pragma once
#include "core/json_file.hpp"
// What a site decides about its instruments: which alternative it follows where sources disagree
// (FLACC bands, N-PASS prematurity points, the PSOCQ-A readiness formula ...) and the licensed or
// unpublished material it supplies itself (PROMIS raw -> T tables, item keys, RCI norms).
#include <boost/json/value.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace relief::instruments {

// A merge patch a site applies to one definition, limited to the paths that definition lets a
// site supply (its "site_supplied" list, and "/change" for local norms).
struct Supplement {
  std::string instrument;
  std::string version;
  std::string source;       // where the content comes from (the manual, the permission letter)
  std::string description;
  boost::json::value patch;
  std::string origin;       // the file it was read from
};

struct SiteSettings {
  // instrument id -> setting key -> chosen option
  std::map<std::string, std::map<std::string, std::string>> choices;
  std::vector<Supplement> supplements;
};

// {"instruments": {"flacc": {"bands": "s29"}}, "supplements": ["promis-tables.json"]}
// Supplement paths are relative to `base_dir`. Throws std::invalid_argument naming the problem.
SiteSettings parse_site_settings(const boost::json::value& json, const std::filesystem::path& base_dir);
Supplement parse_supplement(const boost::json::value& json, std::string origin);

using relief::read_json_file;  // core/json_file.hpp

}  // namespace relief::instruments
