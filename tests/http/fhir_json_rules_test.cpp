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

}  // namespace
}  // namespace relief::testing
