#pragma once
// What a person's name may contain. A name is shown on wristband lists, schedules for families
// and the census: control characters and the Unicode direction overrides (which can make one
// name display as another) have no place in it, and no real name runs to hundreds of characters.
#include <optional>
#include <string>
#include <string_view>

namespace relief {

inline constexpr std::size_t kMaxNamePartBytes = 200;

// Why `text` (valid UTF-8) cannot be a name part, or nullopt when it can.
std::optional<std::string> name_part_problem(std::string_view text);

}  // namespace relief
