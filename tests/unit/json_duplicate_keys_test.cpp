// What JSON text says that the parsed value hides (core/json_duplicate_keys): a key given twice in
// one object, and a number a double cannot hold, are refused before anything reads them.
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/json_duplicate_keys.hpp"
#include "fhir/resources.hpp"

namespace relief {
namespace {

TEST(JsonDuplicateKeys, OnlyTheSameKeyInTheSameObjectCounts) {
  EXPECT_EQ(read_json_text(R"({"answers": {"pain": 2, "pain": 9}})").duplicate_key, "pain");
  EXPECT_EQ(read_json_text(R"({"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]})").duplicate_key, std::nullopt);
  // Keys are compared as the parser reads them: an escape spells the same key.
  EXPECT_EQ(read_json_text(R"({"pain": 2, "p\u0061in": 9})").duplicate_key, "pain");
  EXPECT_EQ(read_json_text(R"([{"x": 1}, {"x": 1, "y": {"x": 2, "x": 3}}])").duplicate_key, "x");
  EXPECT_EQ(read_json_text("{\"not json").duplicate_key, std::nullopt);  // the caller's parse reports that
}

TEST(JsonDuplicateKeys, AFhirResourceWithOneIsMalformedNotSilentlyRead) {
  // Which status did the sender mean? Neither is charted.
  EXPECT_THROW(fhir::observation_from_fhir(R"({"resourceType": "Observation", "status": "final", "status": "entered-in-error",
      "code": {"coding": [{"system": "http://loinc.org", "code": "72514-3"}]}, "subject": {"reference": "Patient/p1"},
      "effectiveDateTime": "2024-03-01T08:00:00Z", "valueInteger": 4})",
                                           Instant{1'800'000'000'000}),
               MalformedInput);
}

TEST(JsonNumberRange, ANumberADoubleHoldsOnlyAsAnotherIsFoundWhereItIs) {
  auto field = [](std::string_view text) { return read_json_text(text).number_out_of_range.value_or(Problem{"(none)", ""}).field; };
  EXPECT_EQ(field(R"({"valueQuantity": {"value": 1e-400}})"), "valueQuantity.value");  // read as 0
  EXPECT_EQ(field(R"({"valueQuantity": {"value": -1E400}})"), "valueQuantity.value");  // read as -infinity
  EXPECT_EQ(field(R"({"component": [{"v": 1}, {"v": 2.5e-324}]})"), "component[1].v");  // read as 4.9e-324
  EXPECT_EQ(field(R"({"a": [[1, 2], {"b": "x"}, [0.000001e-320]]})"), "a[2][0]");
  EXPECT_EQ(field("1e999"), "body");
  // Zero as written, and every number a double holds in its normal range, are fine.
  for (std::string_view fine : {R"({"v": 0e-400})", R"({"v": -0.0})", R"({"v": 2.2250738585072014e-308})",
                                R"({"v": 1.7976931348623157e308})", R"({"v": 1e-300, "w": [7, 18446744073709551615]})",
                                "{\"not json"})
    EXPECT_EQ(read_json_text(fine).number_out_of_range, std::nullopt) << fine;
  auto problem = read_json_text(R"({"pain": 1e-400})").number_out_of_range;
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->message.find("1e-400"), std::string::npos) << problem->message;
}

TEST(JsonNumberRange, AFhirResourceWithOneIs422NamingTheElement) {
  try {
    fhir::observation_from_fhir(R"({"resourceType": "Observation", "status": "final",
      "code": {"coding": [{"system": "http://loinc.org", "code": "72514-3"}]}, "subject": {"reference": "Patient/p1"},
      "effectiveDateTime": "2024-03-01T08:00:00Z", "valueQuantity": {"value": 1e-400}})",
                                Instant{1'800'000'000'000});
    ADD_FAILURE() << "1e-400 was read as a number";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].field, "valueQuantity.value");
  }
}

}  // namespace
}  // namespace relief
