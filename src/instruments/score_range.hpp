#pragma once
// The lowest and highest score each scale can reach, derived from its items and method. The
// parser checks a definition's published range against it, and tests check scores against it.
#include <optional>
#include <string>

#include "instruments/definition.hpp"

namespace relief::instruments {

struct ScoreRange {
  double min = 0;
  double max = 0;
};

// nullopt when the range depends on something a site has not loaded yet (a lookup table, an
// item key) or when the scale is unknown.
std::optional<ScoreRange> score_range(const Definition& d, const std::string& scale_id);

// The range of one item's score after reverse keying and transforms.
std::optional<ScoreRange> item_range(const Definition& d, const Item& item);

// True when every score the scale can take is a whole number (so bands must meet edge to edge).
bool whole_number_scale(const Definition& d, const std::string& scale_id);

}  // namespace relief::instruments
