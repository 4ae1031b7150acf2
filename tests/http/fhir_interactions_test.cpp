// What Relief's FHIR facade does not offer, answered as such with an OperationOutcome rather
// than misrouted, ignored or silently dropped: operations, type-level history, GET _search, the
// read-only types' versions, another FHIR release's body, security labels. And Vary: Accept on
// answers whose media type Accept chose.
#include "http_test_support.hpp"

namespace relief::testing {
namespace {

class FhirInteractions : public ServerSuite {
 protected:
  static HeaderList with(HeaderList h, std::string name, std::string value) {
    h.emplace_back(std::move(name), std::move(value));
    return h;
  }
};

TEST_F(FhirInteractions, OperationsAndTypeLevelHistoryAreNotSupportedNotMistakenForIds) {
  const std::string patient = create_patient();
  auto validate = client().post("/fhir/Patient/$validate", json_text(patient_resource({})), as(Role::physician));
  EXPECT_EQ(validate.status, 400) << validate.describe();
  EXPECT_EQ(issue_codes(validate.json()), std::vector<std::string>{"not-supported"}) << validate.describe();
  EXPECT_NE(validate.body.find("$validate"), std::string::npos);
  EXPECT_EQ(client().get("/fhir/Patient/" + patient + "/$everything", as(Role::physician)).status, 400);
  for (const char* target : {"/fhir/Patient/_history", "/fhir/_history"}) {
    auto r = client().get(target, as(Role::physician));
    EXPECT_EQ(r.status, 400) << target << "\n" << r.describe();
    EXPECT_EQ(issue_codes(r.json()), std::vector<std::string>{"not-supported"}) << r.describe();
    EXPECT_NE(r.body.find("history"), std::string::npos) << r.describe();
  }
  // _search is POST's: a GET is told so, with Allow.
  auto get_search = client().get("/fhir/Observation/_search?subject=Patient/" + patient, as(Role::physician));
  EXPECT_EQ(get_search.status, 405) << get_search.describe();
  EXPECT_EQ(get_search.header("Allow").value_or(""), "POST");
  EXPECT_EQ(str(get_search.json(), "/resourceType"), "OperationOutcome");
}

TEST_F(FhirInteractions, TheReadOnlyTypesSayTheirVersionsAreNotServed) {
  PatientSpec child;
  child.birth_date = utc_date_in_days(-3 * 365 - 40);
  const std::string patient = create_patient(child);
  auto given = client().post("/api/v1/patients/" + patient + "/administrations",
                             R"({"instrument":"flacc","reporter":"clinician","answers":{"face":1,"legs":2,"activity":1,"cry":1,"consolability":1}})",
                             as(Role::nurse));
  ASSERT_EQ(given.status, 201) << given.describe();
  const std::string qr = str(given.json(), "/id");
  auto read = client().get("/fhir/QuestionnaireResponse/" + qr, as(Role::physician));
  ASSERT_EQ(read.status, 200);
  const std::string version = str(read.json(), "/meta/versionId");
  for (const std::string& target : {"/fhir/QuestionnaireResponse/" + qr + "/_history/" + version,
                                    "/fhir/QuestionnaireResponse/" + qr + "/_history",
                                    std::string("/fhir/ServiceRequest/abc/_history/1"), std::string("/fhir/Encounter/abc/_history"),
                                    std::string("/fhir/MedicationRequest/abc/_history/1")}) {
    auto r = client().get(target, as(Role::physician));
    EXPECT_EQ(r.status, 405) << target << "\n" << r.describe();
    EXPECT_EQ(issue_codes(r.json()), std::vector<std::string>{"not-supported"}) << target;
  }
  // The CapabilityStatement says the same: read and search-type, no history.
  auto metadata = client().get("/fhir/metadata");
  ASSERT_EQ(metadata.status, 200);
  const auto capability = metadata.json();
  for (const auto& res : capability.at_pointer("/rest/0/resource").as_array())
    if (res.at("type") == "QuestionnaireResponse") {
      EXPECT_FALSE(res.at("readHistory").as_bool());
      EXPECT_EQ(res.at("interaction").as_array().size(), 2u) << json_text(res);
    }
}

TEST_F(FhirInteractions, ABodyDeclaredAsAnotherFhirReleaseIs415) {
  auto stu3 = client().post("/fhir/Patient", json_text(patient_resource({})),
                            with(as(Role::nurse), "Content-Type", "application/fhir+json; fhirVersion=3.0"));
  EXPECT_EQ(stu3.status, 415) << stu3.describe();
  EXPECT_EQ(str(stu3.json(), "/resourceType"), "OperationOutcome");
  auto r4 = client().post("/fhir/Patient", json_text(patient_resource({})),
                          with(as(Role::nurse), "Content-Type", "application/fhir+json; fhirVersion=4.0"));
  EXPECT_EQ(r4.status, 201) << r4.describe();
}

TEST_F(FhirInteractions, AnswersChosenByAcceptSayVaryAccept) {
  const std::string patient = create_patient();
  auto r = client().get("/fhir/Patient/" + patient, with(as(Role::physician), "Accept", "application/json"));
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.header("Content-Type").value_or("").find("application/json"), std::string::npos);
  EXPECT_EQ(r.header("Vary").value_or(""), "Accept");
  EXPECT_EQ(client().get("/fhir/metadata").header("Vary").value_or(""), "Accept");
}

TEST_F(FhirInteractions, SecurityLabelsReliefCannotHonourAreRefusedNotDropped) {
  auto patient = patient_resource({});
  patient["meta"] = json::object{{"security", json::array{json::object{
                                                  {"system", "http://terminology.hl7.org/CodeSystem/v3-Confidentiality"},
                                                  {"code", "R"}}}}};
  auto r = client().post("/fhir/Patient", json_text(patient), as(Role::nurse));
  EXPECT_EQ(r.status, 422) << r.describe();
  EXPECT_TRUE(contains(issue_expressions(r.json()), "meta.security")) << r.describe();
}

}  // namespace
}  // namespace relief::testing
