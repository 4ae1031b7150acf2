#include "security/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <vector>

namespace relief {
namespace {
void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
}
}  // namespace

std::string hash_password(std::string_view password, HashCost cost) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  auto ops = cost == HashCost::moderate ? crypto_pwhash_OPSLIMIT_MODERATE : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  auto mem = cost == HashCost::moderate ? crypto_pwhash_MEMLIMIT_MODERATE : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool verify_password(std::string_view password, const std::string& encoded_hash) {
  ensure_sodium();
  return crypto_pwhash_str_verify(encoded_hash.c_str(), password.data(), password.size()) == 0;
}

namespace {
// The characters of UTF-8 text, each as its bytes: "äöü" is 3 characters in 6 bytes. A byte
// 10xxxxxx continues the character before it.
std::vector<std::string_view> characters(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 1; i <= text.size(); ++i)
    if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      out.push_back(text.substr(start, i - start));
      start = i;
    }
  return out;
}
}  // namespace

std::string password_problem(std::string_view password, std::string_view username) {
  const auto chars = characters(password);
  if (chars.size() < 10) return "a password needs at least 10 characters";
  if (chars.size() > 256) return "a password may have at most 256 characters";
  // Length alone let "          ", "aaaaaaaaaa" and "1234567890" through: the first guesses of
  // anyone trying. No composition rules beyond that (NIST SP 800-63B advises against them).
  if (password.find_first_not_of(" \t") == std::string_view::npos) return "a password cannot be only spaces";
  if (std::all_of(chars.begin(), chars.end(), [&](std::string_view c) { return c == chars.front(); }))
    return "a password cannot be one character repeated";
  bool ascending = true, descending = true;
  for (std::size_t i = 1; i < password.size(); ++i) {
    const char prev = password[i - 1], next = password[i];
    ascending &= next == prev + 1 || (prev == '9' && next == '0');  // the keyboard's 1234567890
    descending &= next == prev - 1 || (prev == '0' && next == '9');
  }
  if (ascending || descending) return "a password cannot be a run such as 1234567890 or abcdefghij";
  // NIST SP 800-63B 5.1.1.2 asks for a check against values commonly used or expected, and
  // words from the context. An outside probe had "Password123", "qwertyuiop", "abcabcabcabc" and
  // a password equal to the username accepted.
  std::string lower(password);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::size_t unit = 1; unit <= lower.size() / 2; ++unit) {
    if (lower.size() % unit != 0) continue;
    bool repeats = true;
    for (std::size_t i = unit; i < lower.size() && repeats; ++i) repeats = lower[i] == lower[i - unit];
    if (repeats) return "a password cannot be a short pattern repeated, such as abcabcabcabc";
  }
  // The common word at its core, once digits and punctuation around it are taken off.
  const auto first = lower.find_first_not_of("0123456789!@#$%^&*()-_=+.,;:?/ ");
  const auto last = lower.find_last_not_of("0123456789!@#$%^&*()-_=+.,;:?/ ");
  const std::string core = first == std::string::npos ? "" : lower.substr(first, last - first + 1);
  static const char* const kCommon[] = {
      "password", "passw0rd", "p@ssword", "p@ssw0rd", "qwerty", "qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertz",
      "azerty", "1q2w3e4r5t", "1qaz2wsx", "1qaz2wsx3edc", "letmein", "welcome", "iloveyou", "admin", "administrator",
      "changeme", "secret", "monkey", "dragon", "football", "baseball", "soccer", "hockey", "sunshine", "princess",
      "shadow", "master", "superman", "batman", "trustno1", "starwars", "summer", "winter", "spring", "autumn",
      "hospital", "nurse", "doctor", "abc", "abcd", "test", "login", "user", "default"};
  for (const char* word : kCommon)
    if (core == word || lower == word) return "a password cannot be a common word or pattern with digits or symbols added (" + core + ")";
  if (!username.empty()) {
    std::string name(username);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name.size() >= 3 && lower.find(name) != std::string::npos) return "a password cannot contain the username";
  }
  return {};
}

std::string username_problem(std::string_view username) {
  if (username.empty() || username.size() > 64) return "a username needs 1 to 64 characters";
  for (char c : username)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' || c == '@'))
      return "a username may use letters, digits and . - _ @ only (no spaces)";
  return {};
}

}  // namespace relief
