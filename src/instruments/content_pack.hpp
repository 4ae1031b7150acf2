#pragma once
// Licensed item wording, loaded by a site that holds the licence ("content pack"). Relief ships
// definitions and scoring for every instrument but item text only where the licence allows; a
// site with permission loads the wording here and forms show it. A pack is checked against the
// definition (every item and response it names must exist) and kept as a versioned record.
//
// {"instrument": "flacc", "version": "1997", "language": "en",
//  "source": "licence letter 2026-03 from ...",
//  "items": {"face": {"text": "...", "responses": {"0": "...", "1": "...", "2": "..."}}}}
#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>

#include "instruments/instrument_library.hpp"
#include "store/store.hpp"

namespace relief::instruments {

struct ContentPack {
  std::string instrument;
  std::string version;
  std::string language = "en";
  std::string source;  // the licence or permission the wording is used under
  struct ItemText {
    std::string text;
    std::map<std::string, std::string> responses;  // response code -> label
  };
  std::map<std::string, ItemText> items;
};

// Throws relief::ValidationError naming every item or response the definition does not have.
ContentPack parse_content_pack(const boost::json::value& v, const InstrumentLibrary& library);

// Stores the pack (a new version when one for the same instrument, version and language exists).
// Returns the record id.
std::string load_content_pack(Store& store, const Actor& actor, const ContentPack& pack);

// The pack a site loaded for this definition and language, if any.
std::optional<ContentPack> content_for(Reader& r, const std::string& instrument, const std::string& version,
                                       const std::string& language = "en");

// definition_detail plus the pack's wording on each item ("text", "response_labels").
void apply_content(boost::json::object& detail, const ContentPack& pack);

}  // namespace relief::instruments
