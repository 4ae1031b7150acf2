// FHIR references that name another server (R4 references.html): an absolute URL names the
// resource at the server it addresses, so "https://other-hospital/fhir/Patient/{id}" is another
// hospital's patient even when the id is one of ours. Writing it as our Patient/{id} would chart
// a finding for the wrong child.
#include "http_test_support.hpp"

namespace relief::testing {
namespace {

class FhirReferences : public ServerSuite {
 protected:
  static std::string our_base() { return "http://127.0.0.1:" + std::to_string(client().port()) + "/fhir"; }
  static json::object with_subject(json::object obs, const std::string& reference) {
    obs["subject"] = json::object{{"reference", reference}};
    return obs;
  }
};

TEST_F(FhirReferences, AnObservationAboutAnotherServersPatientIsRefusedNotFiledUnderOurs) {
  const std::string patient = create_patient();
  auto obs = with_subject(pain_observation(patient, std::int64_t{5}, minutes_ago(10)),
                          "https://other-hospital.example.org/fhir/Patient/" + patient);
  auto r = client().post("/fhir/Observation", json_text(obs), as(Role::nurse));
  ASSERT_EQ(r.status, 422) << r.describe();
  EXPECT_EQ(str(r.json(), "/resourceType"), "OperationOutcome");
  EXPECT_TRUE(contains(issue_expressions(r.json()), "subject.reference")) << r.describe();
  EXPECT_NE(r.body.find("another server"), std::string::npos) << r.describe();
  // Nothing was charted for our patient of the same id.
  EXPECT_TRUE(entry_ids(search("/fhir/Observation?subject=Patient/" + patient)).empty());

  // A URN names nothing here either.
  auto urn = client().post("/fhir/Observation", json_text(with_subject(obs, "urn:uuid:" + patient)), as(Role::nurse));
  EXPECT_EQ(urn.status, 422) << urn.describe();
}

TEST_F(FhirReferences, ThisServersOwnAbsoluteUrlIsLocal) {
  const std::string patient = create_patient();
  auto obs = with_subject(pain_observation(patient, std::int64_t{5}, minutes_ago(10)), our_base() + "/Patient/" + patient);
  auto r = client().post("/fhir/Observation", json_text(obs), as(Role::nurse));
  ASSERT_EQ(r.status, 201) << r.describe();
  EXPECT_EQ(str(r.json(), "/subject/reference"), "Patient/" + patient);
}

TEST_F(FhirReferences, ASearchForAnotherServersPatientIsRefusedNotAnsweredWithOurs) {
  const std::string patient = create_patient();
  create_observation(pain_observation(patient, std::int64_t{3}, minutes_ago(15)));
  for (const std::string& target :
       {"/fhir/Observation?subject=https://other.example/fhir/Patient/" + patient,
        "/fhir/Observation?patient=https://other.example/fhir/Patient/" + patient,
        "/fhir/QuestionnaireResponse?subject=https://other.example/fhir/Patient/" + patient}) {
    auto r = client().get(target, as(Role::physician));
    EXPECT_EQ(r.status, 400) << target << "\n" << r.describe();
    EXPECT_EQ(str(r.json(), "/resourceType"), "OperationOutcome") << target;
    EXPECT_NE(r.body.find("another server"), std::string::npos) << r.describe();
  }
  // Our own base is ours: the same search by our URL finds the observation.
  EXPECT_EQ(entry_ids(search("/fhir/Observation?subject=" + our_base() + "/Patient/" + patient)).size(), 1u);
}

}  // namespace
}  // namespace relief::testing
