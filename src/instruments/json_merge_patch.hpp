#pragma once
// RFC 7396 JSON Merge Patch. Site settings and site supplements are merge patches on a
// definition, so every disagreement between sources is data, not a branch in the scoring code.
#include <boost/json/value.hpp>

namespace relief::instruments {

// Applies `patch` to `target` in place: objects merge key by key (keeping key order), a null
// removes the key, anything else (arrays included) replaces the value wholesale.
void apply_merge_patch(boost::json::value& target, const boost::json::value& patch);

}  // namespace relief::instruments
