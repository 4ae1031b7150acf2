#pragma once
// Session and CSRF tokens: random, URL-safe, and stored only as a hash.
#include <string>
#include <string_view>

namespace relief {

std::string random_token();                     // 256 random bits, base64url
std::string token_hash(std::string_view token); // BLAKE2b-256, hex
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace relief
