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

namespace {

char32_t lower_code_point(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 0x20 : c;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;  // À-Þ, not ×
  if (c == 0x130) return 'i';  // İ: Unicode's simple small form
  // Latin Extended-A pairs capital and small letters; the parity of the capitals shifts twice.
  if (c == 0x131) return c;  // ı is already small
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c % 2 == 0 ? c + 1 : c;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return c % 2 == 1 ? c + 1 : c;
  if (c == 0x178) return 0xFF;                  // Ÿ
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;  // А-Я
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;  // Ѐ-Џ
  return c;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

std::string name_search_key(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    // Only one- and two-byte sequences hold letters this folds; anything longer is copied.
    if (b >= 0xC0 && b < 0xE0 && i + 1 < text.size()) {
      char32_t c = (char32_t{b} & 0x1F) << 6 | (static_cast<unsigned char>(text[i + 1]) & 0x3F);
      append_utf8(out, lower_code_point(c));
      i += 2;
    } else {
      out += static_cast<char>(b < 0x80 ? lower_code_point(b) : b);
      ++i;
    }
  }
  return out;
}

}  // namespace relief
