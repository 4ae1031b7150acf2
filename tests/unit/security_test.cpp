#include <gtest/gtest.h>

#include "security/password.hpp"
#include "security/tokens.hpp"

namespace relief {
namespace {

TEST(Password, Argon2idHashVerifiesOnlyTheRightPassword) {
  auto hash = hash_password("correct horse battery");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password("correct horse battery", hash));
  EXPECT_FALSE(verify_password("correct horse batterY", hash));
  EXPECT_NE(hash, hash_password("correct horse battery"));  // salted
}

TEST(Password, PolicyNeedsTenCharacters) {
  EXPECT_FALSE(password_problem("short").empty());
  EXPECT_TRUE(password_problem("long enough!").empty());
}

TEST(Tokens, RandomUrlSafeAndHashedForStorage) {
  auto a = random_token(), b = random_token();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);  // 256 bits, base64url without padding
  EXPECT_EQ(a.find_first_of("+/="), std::string::npos);
  EXPECT_EQ(token_hash(a).size(), 64u);
  EXPECT_EQ(token_hash(a), token_hash(a));
  EXPECT_NE(token_hash(a), token_hash(b));
  EXPECT_TRUE(constant_time_equal(a, a));
  EXPECT_FALSE(constant_time_equal(a, b));
}

}  // namespace
}  // namespace relief
