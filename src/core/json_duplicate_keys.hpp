#pragma once
// What the text of a JSON request body says that Boost.JSON's parsed value no longer shows.
//
// JSON that names a key twice in one object ({"pain": 2, "pain": 9}) is valid to RFC 8259 but
// means different things to different readers; Boost.JSON keeps the last. A chart must not keep
// a value the sender may not have meant, so request bodies with one are refused.
//
// A number a double cannot hold (1e-400, 1e400) is valid JSON too, but Boost.JSON reads it as 0
// or infinity without a word: the chart would keep a different number than was sent.
#include <optional>
#include <string>
#include <string_view>

#include "core/errors.hpp"

namespace relief {

struct JsonTextFindings {
  // The first key that appears twice in one object, or nullopt (also for invalid JSON, which the
  // caller's own parse reports).
  std::optional<std::string> duplicate_key;
  // The first number that is not zero as written but that a double holds only as 0, as
  // infinity, or below its normal range (where precision is lost: 2.5e-324 reads as 4.9e-324),
  // as a Problem naming the element ("valueQuantity.value", "component[1].valueQuantity.value",
  // "answers.3"; "body" for a bare number); nullopt when there is none (or when a duplicate key
  // ended the reading first).
  std::optional<Problem> number_out_of_range;
};

// Both, in one pass over the text.
JsonTextFindings read_json_text(std::string_view json);

// What every request body reader does after its parse: MalformedInput (400) for a key given
// twice, ValidationError (422) naming the element for a number out of range.
void refuse_what_parsing_hides(std::string_view json);

}  // namespace relief
