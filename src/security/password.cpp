#include "security/password.hpp"

#include <sodium.h>

#include <stdexcept>

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

std::string password_problem(std::string_view password) {
  if (password.size() < 10) return "a password needs at least 10 characters";
  if (password.size() > 256) return "a password may have at most 256 characters";
  return {};
}

}  // namespace relief
