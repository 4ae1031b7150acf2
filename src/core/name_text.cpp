#include "core/name_text.hpp"

namespace relief {

std::optional<std::string> name_part_problem(std::string_view text) {
  if (text.size() > kMaxNamePartBytes) return "is longer than " + std::to_string(kMaxNamePartBytes) + " bytes";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    const auto third = i + 2 < text.size() ? static_cast<unsigned char>(text[i + 2]) : 0;
    if (c < 0x20 || c == 0x7F || (c == 0xC2 && next >= 0x80 && next <= 0x9F))
      return "contains a control character";
    // U+202A-U+202E (E2 80 AA-AE) and U+2066-U+2069 (E2 81 A6-A9): bidirectional overrides.
    if (c == 0xE2 && ((next == 0x80 && third >= 0xAA && third <= 0xAE) || (next == 0x81 && third >= 0xA6 && third <= 0xA9)))
      return "contains a text-direction override";
  }
  return std::nullopt;
}

}  // namespace relief
