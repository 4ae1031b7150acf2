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

// Generated from Unicode decompositions (the base letter, in small letters); ligatures and
// letters with no decomposition (Æ, ß, Ø, Ł, Đ, Ħ, Œ, Þ ...) as they are usually written in ASCII.
constexpr const char* kAsciiFold[0x180 - 0xC0] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // U+00C0
    "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",  // U+00D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // U+00E0
    "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "y",  // U+00F0
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",  // U+0100
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",  // U+0110
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",  // U+0120
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",  // U+0130
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",  // U+0140
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",  // U+0150
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",  // U+0160
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",  // U+0170
};

char32_t lower_cyrillic(char32_t c) {
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
      if (c >= 0xC0 && c < 0x180 && kAsciiFold[c - 0xC0]) out += kAsciiFold[c - 0xC0];
      else append_utf8(out, lower_cyrillic(c));
      i += 2;
    } else {
      out += static_cast<char>(b >= 'A' && b <= 'Z' ? b + 0x20 : b);
      ++i;
    }
  }
  return out;
}

std::string names_search_key(std::string_view family, const std::vector<std::string>& given) {
  std::string out;
  auto add = [&](std::string_view part) {
    const std::string key = name_search_key(part);
    out += " " + key;
    for (auto dash = key.find('-'); dash != std::string::npos; dash = key.find('-', dash + 1))
      if (dash + 1 < key.size()) out += " " + key.substr(dash + 1);
  };
  add(family);
  for (const auto& g : given) add(g);
  return out;
}

}  // namespace relief
