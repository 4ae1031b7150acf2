// A key given twice in one JSON object is refused before anything reads it (core/json_duplicate_keys).
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/json_duplicate_keys.hpp"
#include "fhir/resources.hpp"

namespace relief {
namespace {

TEST(JsonDuplicateKeys, OnlyTheSameKeyInTheSameObjectCounts) {
  EXPECT_EQ(duplicate_key(R"({"answers": {"pain": 2, "pain": 9}})"), "pain");
  EXPECT_EQ(duplicate_key(R"({"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]})"), std::nullopt);
  // Keys are compared as the parser reads them: an escape spells the same key.
  EXPECT_EQ(duplicate_key(R"({"pain": 2, "p\u0061in": 9})"), "pain");
  EXPECT_EQ(duplicate_key(R"([{"x": 1}, {"x": 1, "y": {"x": 2, "x": 3}}])"), "x");
  EXPECT_EQ(duplicate_key("{\"not json"), std::nullopt);  // the caller's parse reports that
}

TEST(JsonDuplicateKeys, AFhirResourceWithOneIsMalformedNotSilentlyRead) {
  // Which status did the sender mean? Neither is charted.
  EXPECT_THROW(fhir::observation_from_fhir(R"({"resourceType": "Observation", "status": "final", "status": "entered-in-error",
      "code": {"coding": [{"system": "http://loinc.org", "code": "72514-3"}]}, "subject": {"reference": "Patient/p1"},
      "effectiveDateTime": "2024-03-01T08:00:00Z", "valueInteger": 4})",
                                           Instant{1'800'000'000'000}),
               MalformedInput);
}

}  // namespace
}  // namespace relief
