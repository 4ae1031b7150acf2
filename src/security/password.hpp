#pragma once
// Password storage with argon2id (libsodium). Slow on purpose: call it off the network threads.
#include <string>
#include <string_view>

namespace relief {

enum class HashCost { interactive, moderate };

std::string hash_password(std::string_view password, HashCost cost = HashCost::interactive);
bool verify_password(std::string_view password, const std::string& encoded_hash);
// Why a password is not acceptable, or empty when it is: too short or long, a repeat or a run, a
// common word or keyboard row with digits and symbols around it, or containing the username.
std::string password_problem(std::string_view password, std::string_view username = {});
// Why a sign-in name cannot be used ("" when it can): letters, digits and . - _ @, 1-64 of them.
std::string username_problem(std::string_view username);

}  // namespace relief
