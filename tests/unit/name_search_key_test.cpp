// Name search ignores case for the letters families' names are written in: a nurse typing
// "MÜLLER" from a referral letter in capitals must find Jürgen Müller.
#include <gtest/gtest.h>

#include "core/name_text.hpp"

namespace relief {
namespace {

TEST(NameSearchKey, SmallLettersForLatinAndCyrillicNames) {
  EXPECT_EQ(name_search_key("MÜLLER"), "müller");
  EXPECT_EQ(name_search_key("Jürgen"), "jürgen");
  EXPECT_EQ(name_search_key("ÅSA ØSTERGÅRD"), "åsa østergård");
  EXPECT_EQ(name_search_key("ŁUKASZ WĄSIK"), "łukasz wąsik");       // Ł U+0141 (odd), Ą U+0104 (even)
  EXPECT_EQ(name_search_key("ŞAHİN YILDIZ"), "şahin yildiz");       // İ is i in Unicode's simple mapping
  EXPECT_EQ(name_search_key("ŽOFIA ŸVES"), "žofia ÿves");           // Ž U+017D, Ÿ U+0178
  EXPECT_EQ(name_search_key("ИВАН ЁЛКИН"), "иван ёлкин");
  EXPECT_EQ(name_search_key("O'Brien-Smith"), "o'brien-smith");
  EXPECT_EQ(name_search_key("王 小明"), "王 小明");                   // other scripts as typed
  EXPECT_EQ(name_search_key("×"), "×");                             // the multiplication sign is no letter
}

}  // namespace
}  // namespace relief
