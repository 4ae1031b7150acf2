// Over HTTP: a body R4 JSON forbids is answered 422 with an OperationOutcome naming the element,
// and nothing is stored; before, a control character was stored and "unit": "" repaired.
#include <functional>

#include "http_test_support.hpp"

namespace relief::testing {
namespace {

class FhirJsonRules : public ServerSuite {};

TEST_F(FhirJsonRules, ForbiddenJsonIsRefusedNamingTheElementAndNothingIsStored) {
  const std::string patient = create_patient();
  struct Case {
    const char* what;
    std::function<void(json::object&)> change;
    const char* expression;
  };
  const std::vector<Case> cases{
      {"control character", [](json::object& o) { o["note"] = json::array{json::object{{"text", "pain\x07 6"}}}; }, "note[0].text"},
      {"empty unit", [](json::object& o) { o["valueQuantity"].as_object()["unit"] = ""; }, "valueQuantity.unit"},
      {"null", [](json::object& o) { o["method"] = nullptr; }, "method"},
      {"empty array", [](json::object& o) { o["performer"] = json::array{}; }, "performer"},
      {"empty object", [](json::object& o) { o["encounter"] = json::object{}; }, "encounter"},
      {"value and dataAbsentReason",
       [](json::object& o) {
         o["dataAbsentReason"] = json::object{{"text", "asleep"}};
       },
       "dataAbsentReason"},
  };
  for (const auto& c : cases) {
    auto obs = pain_observation(patient, std::int64_t{4}, minutes_ago(5));
    c.change(obs);
    auto r = client().post("/fhir/Observation", json_text(obs), as(Role::nurse));
    EXPECT_EQ(r.status, 422) << c.what << "\n" << r.describe();
    EXPECT_EQ(str(r.json(), "/resourceType"), "OperationOutcome") << c.what;
    EXPECT_TRUE(contains(issue_expressions(r.json()), c.expression)) << c.what << "\n" << r.describe();
  }
  EXPECT_TRUE(entry_ids(search("/fhir/Observation?subject=Patient/" + patient)).empty());
}

TEST_F(FhirJsonRules, DecimalsComeBackAsDecimalsNotInExponentForm) {
  // A child's weight, 18.5 kg: before, every read answered "value":1.85E1.
  const std::string patient = create_patient();
  json::object obs{
      {"resourceType", "Observation"},
      {"status", "final"},
      {"code", json::object{{"coding", json::array{json::object{{"system", kLoinc}, {"code", "29463-7"}}}}}},
      {"subject", json::object{{"reference", "Patient/" + patient}}},
      {"effectiveDateTime", minutes_ago(5)},
      {"valueQuantity", json::object{{"value", 18.5}, {"unit", "kg"}, {"system", "http://unitsofmeasure.org"}, {"code", "kg"}}}};
  auto created = client().post("/fhir/Observation", json_text(obs), as(Role::nurse));
  ASSERT_EQ(created.status, 201) << created.describe();
  EXPECT_NE(created.body.find("\"value\":18.5"), std::string::npos) << created.body;
  auto read = client().get("/fhir/Observation/" + str(created.json(), "/id"), as(Role::physician));
  EXPECT_NE(read.body.find("\"value\":18.5"), std::string::npos) << read.body;
  EXPECT_EQ(read.body.find("E1"), std::string::npos) << read.body;
}

}  // namespace
}  // namespace relief::testing
