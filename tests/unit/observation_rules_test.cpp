#include <gtest/gtest.h>

#include "core/measure_definitions.hpp"

namespace relief {
namespace {

Observation scored(std::string_view code, double value) {
  Observation o;
  o.patient_id = "p1";
  o.code = Coding{std::string(kLoinc), std::string(code), ""};
  o.value = value;
  o.effective = *parse_instant("2024-03-01T08:00:00Z");
  return o;
}

Instant later() { return *parse_instant("2024-03-01T09:00:00Z"); }

TEST(ObservationRules, PainNrsAcceptsZeroToTen) {
  EXPECT_TRUE(validate_observation(scored("72514-3", 0), later()).empty());
  EXPECT_TRUE(validate_observation(scored("72514-3", 6), later()).empty());
  EXPECT_TRUE(validate_observation(scored("72514-3", 10), later()).empty());
}

TEST(ObservationRules, PainNrsRefusesElevenAndFractions) {
  auto problems = validate_observation(scored("72514-3", 11), later());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "value[x]");
  EXPECT_NE(problems[0].message.find("between 0 and 10"), std::string::npos);
  EXPECT_EQ(validate_observation(scored("72514-3", -1), later()).size(), 1u);
  EXPECT_EQ(validate_observation(scored("72514-3", 7.5), later()).size(), 1u);
}

TEST(ObservationRules, FacesScalesTakeOnlyEvenSteps) {
  // FPS-R and Wong-Baker: six faces scored 0, 2, 4, 6, 8, 10.
  EXPECT_TRUE(validate_observation(scored("57696-7", 4), later()).empty());
  auto problems = validate_observation(scored("57696-7", 5), later());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("0, 2, 4, 6, 8, 10"), std::string::npos);
  EXPECT_EQ(validate_observation(scored("38221-8", 3), later()).size(), 1u);
}

TEST(ObservationRules, AnFpsRScoredUnderTheSitesOwnOptionKeepsItsOddValue) {
  // The German ICU consensus scores every whole number 0-10 on the FPS-R; the site chose it, the
  // instrument checked it, so its 5 is charted. The range and whole numbers still hold.
  EXPECT_TRUE(validate_observation(scored("57696-7", 5), later(), AllowedValues::as_scored).empty());
  EXPECT_EQ(validate_observation(scored("57696-7", 11), later(), AllowedValues::as_scored).size(), 1u);
  EXPECT_EQ(validate_observation(scored("57696-7", 4.5), later(), AllowedValues::as_scored).size(), 1u);
}

TEST(ObservationRules, FlaccTotalIsZeroToTen) {
  // Face 1 + Legs 2 + Activity 1 + Cry 1 + Consolability 1 = 6.
  EXPECT_TRUE(validate_observation(scored("38213-5", 1 + 2 + 1 + 1 + 1), later()).empty());
  EXPECT_EQ(validate_observation(scored("38213-5", 12), later()).size(), 1u);
}

TEST(ObservationRules, WeightInKilogramsOnly) {
  auto o = scored("29463-7", 20.4);
  o.unit = "kg";
  EXPECT_TRUE(validate_observation(o, later()).empty());
  o.unit = "[lb_av]";
  auto problems = validate_observation(o, later());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "valueQuantity.code");
}

TEST(ObservationRules, ATimeInTheFutureIsATypingError) {
  auto o = scored("72514-3", 3);
  o.effective = *parse_instant("2024-03-01T10:00:00Z");
  auto problems = validate_observation(o, later());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "effectiveDateTime");
  o.effective = *parse_instant("2024-03-01T09:04:00Z");  // a clock a few minutes ahead is tolerated
  EXPECT_TRUE(validate_observation(o, later()).empty());
}

TEST(ObservationRules, AnEnteredInErrorMarkerNeedsNoValue) {
  auto o = scored("72514-3", 3);
  o.value.reset();
  EXPECT_EQ(validate_observation(o, later()).size(), 1u);
  o.status = ObservationStatus::entered_in_error;
  EXPECT_TRUE(validate_observation(o, later()).empty());
}

TEST(ObservationRules, UnknownCodesAreAcceptedWithAnyFiniteValue) {
  Observation o = scored("99999-9", 1234.5);
  o.code.system = "urn:local";
  EXPECT_TRUE(validate_observation(o, later()).empty());
  o.value = std::numeric_limits<double>::infinity();
  EXPECT_EQ(validate_observation(o, later()).size(), 1u);
}

}  // namespace
}  // namespace relief
