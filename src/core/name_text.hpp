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

// `text` in small letters, for name search: ASCII, Latin-1, Latin Extended-A (Ö, Ł, Ş, Ő ...)
// and basic Cyrillic, which between them write the names of most families a children's hospital
// in Europe or North America sees. Other scripts pass unchanged (they match as typed). Stored
// search keys and queries both go through it, so "MÜLLER" finds Müller.
std::string name_search_key(std::string_view text);

}  // namespace relief
