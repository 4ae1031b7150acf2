// What R4 JSON forbids in any element (json.html, ele-1, datatypes.html#string), refused with the
// element's path rather than stored or silently repaired.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/errors.hpp"
#include "fhir/json_rules.hpp"
#include "fhir/resources.hpp"

namespace relief {
namespace {

std::vector<std::string> refused(std::string_view text) {
  try {
    fhir::refuse_what_fhir_json_forbids(boost::json::parse(text));
    return {};
  } catch (const ValidationError& e) {
    std::vector<std::string> out;
    for (const auto& p : e.problems()) out.push_back(p.field);
    return out;
  }
}

TEST(FhirJsonRules, NullsAndEmptyValuesAreRefusedWithTheirPath) {
  EXPECT_EQ(refused(R"({"resourceType":"Patient","gender":null})"), std::vector<std::string>{"gender"});
  EXPECT_EQ(refused(R"({"resourceType":"Patient","name":[]})"), std::vector<std::string>{"name"});
  EXPECT_EQ(refused(R"({"resourceType":"Patient","name":[{}]})"), std::vector<std::string>{"name[0]"});
  EXPECT_EQ(refused(R"({"resourceType":"Observation","valueQuantity":{"value":5,"unit":""}})"),
            std::vector<std::string>{"valueQuantity.unit"});
  EXPECT_EQ(refused(R"({"resourceType":"Patient","name":[{"given":["Ana",null]}]})"),
            std::vector<std::string>{"name[0].given[1]"});
}

TEST(FhirJsonRules, ANullThatKeepsAPrimitiveArrayAlignedWithItsExtensionsIsFine) {
  // json.html: "given": ["Ana", null] with "_given": [null, {extension}] is one list of two names.
  EXPECT_TRUE(refused(R"({"resourceType":"Patient","name":[{"given":["Ana",null],
      "_given":[null,{"extension":[{"url":"http://example.org/x","valueString":"y"}]}]}]})").empty());
}

TEST(FhirJsonRules, ControlCharactersOtherThanTabCrLfAreRefused) {
  EXPECT_EQ(refused(R"({"resourceType":"Observation","note":[{"text":"a\u0007b"}]})"),
            std::vector<std::string>{"note[0].text"});
  EXPECT_EQ(refused(R"({"resourceType":"Observation","note":[{"text":"a\u001Fb"}]})"),
            std::vector<std::string>{"note[0].text"});
  EXPECT_TRUE(refused(R"({"resourceType":"Observation","note":[{"text":"line one\r\n\tline two"}]})").empty());
}

TEST(FhirJsonRules, ObservationWithAValueAndADataAbsentReasonIsRefused) {
  // obs-6: dataAbsentReason SHALL only be present if value[x] is not.
  try {
    fhir::observation_from_fhir(R"({"resourceType":"Observation","status":"final",
        "code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"subject":{"reference":"Patient/p1"},
        "effectiveDateTime":"2024-03-01T08:00:00Z","valueQuantity":{"value":80,"unit":"/min","code":"/min"},
        "dataAbsentReason":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/data-absent-reason","code":"not-performed"}]}})",
                                *parse_instant("2024-03-01T09:00:00Z"));
    FAIL() << "accepted";
  } catch (const ValidationError& e) {
    ASSERT_FALSE(e.problems().empty());
    EXPECT_EQ(e.problems().front().field, "dataAbsentReason");
  }
}

}  // namespace
}  // namespace relief
