#pragma once
// What a person's name may contain. A name is shown on wristband lists, schedules for families
// and the census: control characters and the Unicode direction overrides (which can make one
// name display as another) have no place in it, and no real name runs to hundreds of characters.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relief {

inline constexpr std::size_t kMaxNamePartBytes = 200;

// Why `text` (valid UTF-8) cannot be a name part, or nullopt when it can.
std::optional<std::string> name_part_problem(std::string_view text);

// The key a name is searched by: small letters without accents, as FHIR's string search asks
// ("after both have been normalized by case and accent"). Latin letters fold to ASCII ("MÜLLER",
// "muller" and "Müller" are all "muller"; "Łukasz" is "lukasz", "Ærø" "aero"); Cyrillic is put in
// small letters; other scripts pass unchanged and match as typed. Stored keys and queries both go
// through it.
std::string name_search_key(std::string_view text);

// A person's names as one searchable key: " family given1 given2 ...". The leading space lets a
// LIKE '% x%' find the start of any part, and a hyphenated part is also listed from each of its
// pieces (" smith-jones jones"), so "Jones" finds Ada Smith-Jones.
std::string names_search_key(std::string_view family, const std::vector<std::string>& given);

}  // namespace relief
