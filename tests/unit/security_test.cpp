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
  // The first guesses of anyone trying: long enough, and still refused.
  EXPECT_FALSE(password_problem("          ").empty());
  EXPECT_FALSE(password_problem("aaaaaaaaaa").empty());
  EXPECT_FALSE(password_problem("1234567890").empty());
  EXPECT_FALSE(password_problem("9876543210").empty());
  EXPECT_FALSE(password_problem("abcdefghijk").empty());
  EXPECT_TRUE(password_problem("correct horse battery").empty());
  // Characters, not bytes: five umlauts are 10 bytes but 5 characters; "é" ten times is one
  // character repeated.
  EXPECT_FALSE(password_problem("\xC3\xA4\xC3\xB6\xC3\xBC\xC3\xA4\xC3\xB6").empty());
  EXPECT_FALSE(password_problem("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9").empty());
  EXPECT_TRUE(password_problem("Gr\xC3\xBC\xC3\x9F" "e aus K\xC3\xB6ln").empty());  // "Grüße aus Köln"
  // What an outside probe had accepted: common words and keyboard rows with digits added, a
  // pattern repeated, and the username itself (NIST SP 800-63B's context-specific words).
  for (const char* guessable : {"password12", "Password123", "qwertyuiop", "Qwertyuiop!1", "passwordpassword",
                                "abcabcabcabc", "1qaz2wsx3edc", "Welcome2026!", "2026hospital"})
    EXPECT_FALSE(password_problem(guessable).empty()) << guessable;
  EXPECT_FALSE(password_problem("testuser02", "testuser02").empty());
  EXPECT_FALSE(password_problem("k.berg-ward-5", "K.Berg").empty());
  EXPECT_TRUE(password_problem("Correct-Horse-Battery-7", "nurse.kim").empty());
  EXPECT_TRUE(password_problem("relief-demo-2026", "nurse.demo").empty());
  EXPECT_TRUE(username_problem("nurse.kim").empty());
  EXPECT_TRUE(username_problem("k.berg@unit-3").empty());
  EXPECT_FALSE(username_problem("").empty());
  EXPECT_FALSE(username_problem(" spaced ").empty());
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
