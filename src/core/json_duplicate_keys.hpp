#pragma once
// JSON that names a key twice in one object ({"pain": 2, "pain": 9}) is valid to RFC 8259 but
// means different things to different readers; Boost.JSON keeps the last. A chart must not keep
// a value the sender may not have meant, so request bodies with one are refused.
#include <optional>
#include <string>
#include <string_view>

namespace relief {

// The first key that appears twice in one object of `json`, or nullopt (also for invalid JSON,
// which the caller's own parse reports).
std::optional<std::string> duplicate_key(std::string_view json);

}  // namespace relief
