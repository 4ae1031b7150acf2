#pragma once
// Every instrument definition a server knows, as the site has configured it. Loading checks each
// definition under every alternative it offers, so a site can switch a setting without finding a
// broken definition on the ward.
#include <boost/json/value.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "instruments/definition.hpp"
#include "instruments/site_settings.hpp"

namespace relief::instruments {

class InstrumentLibrary {
 public:
  // Reads every *.json file directly in `dir` (not sub-folders). Throws DefinitionError naming the
  // file and the place in it.
  static InstrumentLibrary load_directory(const std::filesystem::path& dir);

  // Adds one definition (origin names it in errors). Throws DefinitionError.
  void add(boost::json::value raw, const std::string& origin);

  // Applies a site's choices and supplements. Throws std::invalid_argument for an unknown
  // instrument, setting or option, or a supplement that reaches outside what it may supply.
  void configure(const SiteSettings& settings);

  // The newest version when `version` is empty. Throws relief::NotFound.
  const Definition& get(const std::string& id, const std::string& version = "") const;
  std::vector<const Definition*> all() const;  // sorted by id, then version
  bool empty() const { return entries_.empty(); }

 private:
  struct Entry {
    boost::json::value raw;
    std::string origin;
    Definition resolved;
  };
  Definition resolve(const Entry& e, const std::map<std::string, std::string>& choices,
                     const std::vector<const Supplement*>& supplements) const;
  std::map<std::string, Entry> entries_;  // by id@version
};

// Version order that reads "2.0" > "1.10" > "1.9": numeric parts compare as numbers.
bool version_less(const std::string& a, const std::string& b);

}  // namespace relief::instruments
