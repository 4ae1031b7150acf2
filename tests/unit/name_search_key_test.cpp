// Name search ignores case and accents, as FHIR's string search asks: a nurse typing "MÜLLER"
// from a referral letter, or "Muller" on a US keyboard, must find Jürgen Müller.
#include <gtest/gtest.h>

#include "core/name_text.hpp"

namespace relief {
namespace {

TEST(NameSearchKey, SmallLettersWithoutAccentsAsFhirStringSearchAsks) {
  EXPECT_EQ(name_search_key("MÜLLER"), "muller");
  EXPECT_EQ(name_search_key("Jürgen"), "jurgen");
  EXPECT_EQ(name_search_key("ÅSA ØSTERGÅRD"), "asa ostergard");
  EXPECT_EQ(name_search_key("ŁUKASZ WĄSIK"), "lukasz wasik");
  EXPECT_EQ(name_search_key("ŞAHİN YILDIZ"), "sahin yildiz");
  EXPECT_EQ(name_search_key("Strauß Ærø"), "strauss aero");
  EXPECT_EQ(name_search_key("ŽOFIA ŸVES"), "zofia yves");
  EXPECT_EQ(name_search_key("ИВАН ЁЛКИН"), "иван ёлкин");  // Cyrillic: small letters only
  EXPECT_EQ(name_search_key("O'Brien-Smith"), "o'brien-smith");
  EXPECT_EQ(name_search_key("王 小明"), "王 小明");          // other scripts as typed
  EXPECT_EQ(name_search_key("×"), "×");                    // the multiplication sign is no letter
}

TEST(NameSearchKey, EveryPartOfAHyphenatedNameStartsAPart) {
  EXPECT_EQ(names_search_key("Smith-Jones", {"Anne-Marie", "Ada"}), " smith-jones jones anne-marie marie ada");
  EXPECT_EQ(names_search_key("Okafor", {}), " okafor");
}

}  // namespace
}  // namespace relief
