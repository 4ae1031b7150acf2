// POSS, UMSS and RASS: levels, the actions the bands carry, and the hold thresholds
// (shared/reference/clinical.md 3).
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "instrument_test_support.hpp"

namespace relief::instruments {
namespace {
using testing::score_json;

TEST(Poss, SleepIsALevelWithoutANumber) {
  auto r = score_json("poss", R"({"answers": {"level": "S"}})");
  EXPECT_FALSE(r.total().value.has_value());
  EXPECT_EQ(r.total().missing.decision, "level");
  ASSERT_TRUE(r.total().band.has_value());
  EXPECT_NE(r.total().band->label.find("asleep, easy to arouse"), std::string::npos);
  EXPECT_TRUE(r.flags.empty());
}

TEST(Poss, ThreeAndFourAreUnacceptable) {
  auto two = score_json("poss", R"({"answers": {"level": 2}})");
  EXPECT_EQ(two.total().band->label, "acceptable");
  EXPECT_TRUE(two.flags.empty());
  auto three = score_json("poss", R"({"answers": {"level": 3}})");
  EXPECT_EQ(three.total().band->label, "unacceptable");
  EXPECT_NE(three.total().band->action.find("25-50%"), std::string::npos);
  EXPECT_EQ(three.flags.size(), 1u);
  auto four = score_json("poss", R"({"answers": {"level": "4"}})");  // a form may send text
  EXPECT_NE(four.total().band->action.find("naloxone"), std::string::npos);
  EXPECT_THROW(score_json("poss", R"({"answers": {"level": 5}})"), ValidationError);
  EXPECT_THROW(score_json("poss", R"({"answers": {"level": 0}})"), ValidationError);
}

TEST(Umss, ThreeHoldsTheOpioid) {
  EXPECT_TRUE(score_json("umss", R"({"answers": {"level": 2}})").flags.empty());
  auto r = score_json("umss", R"({"answers": {"level": 3}})");
  EXPECT_EQ(*r.total().value, 3);
  EXPECT_EQ(r.total().band->label, "deeply sedated");
  ASSERT_EQ(r.flags.size(), 1u);
  EXPECT_EQ(r.flags[0].id, "hold");
  EXPECT_THROW(score_json("umss", R"({"answers": {"level": 5}})"), ValidationError);  // not the garbled 1-5
}

TEST(Umss, AFiveYearOldIsWithinTheValidatedFourMonthsToFiveYears) {
  // "Aged 4 months to 5 years" includes five-year-olds: 5 y 11 mo is in, 6 y is not.
  EXPECT_TRUE(score_json("umss", R"({"answers": {"level": 1}, "age_months": 71})").warnings.empty());
  EXPECT_EQ(score_json("umss", R"({"answers": {"level": 1}, "age_months": 72})").warnings.size(), 1u);
  EXPECT_EQ(score_json("umss", R"({"answers": {"level": 1}, "age_months": 3})").warnings.size(), 1u);
}

TEST(Rass, MinusTwoOrBelowHoldsOnTheWard) {
  auto r = score_json("rass", R"({"answers": {"level": -3}})");
  EXPECT_EQ(*r.total().value, -3);
  EXPECT_EQ(r.total().band->label, "moderate sedation");
  EXPECT_EQ(r.flags.size(), 1u);
  EXPECT_EQ(score_json("rass", R"({"answers": {"level": -2}})").flags.size(), 1u);
  EXPECT_TRUE(score_json("rass", R"({"answers": {"level": -1}})").flags.empty());
  EXPECT_EQ(score_json("rass", R"({"answers": {"level": 4}})").total().band->label, "combative");
  EXPECT_THROW(score_json("rass", R"({"answers": {"level": -6}})"), ValidationError);
}

}  // namespace
}  // namespace relief::instruments
