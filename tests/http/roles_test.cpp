// Who may do what, over HTTP: the hospital's access policy, checked at the door of each endpoint.
#include "http_test_support.hpp"

namespace relief::testing {
namespace {

class RoleMatrix : public ServerSuite {
 protected:
  static json::object practitioner(const std::string& family, const std::string& discipline,
                                   const std::string& credential) {
    return json::object{
        {"resourceType", "Practitioner"},
        {"name", json::array{json::object{{"family", family}, {"given", json::array{"Sam"}}}}},
        {"qualification",
         json::array{json::object{{"code", json::object{{"coding", json::array{json::object{
                                                                       {"system", "https://relief.example.org/fhir/CodeSystem/discipline"},
                                                                       {"code", discipline}}}}}}},
                     json::object{{"code", json::object{{"text", credential}}}}}},
    };
  }
};

void expect_forbidden(const HttpResponse& r, const std::string& what) {
  EXPECT_EQ(r.status, 403) << what << ": " << r.describe();
  if (r.status == 403 && what.find("/fhir") != std::string::npos) {
    EXPECT_EQ(str(r.json(), "/resourceType"), "OperationOutcome") << what;
    EXPECT_EQ(str(r.json(), "/issue/0/code"), "forbidden") << what;
  }
}

TEST_F(RoleMatrix, ResearcherCannotReadIdentifiedPatientsOrObservations) {
  const std::string patient = create_patient();
  create_observation(pain_observation(patient, std::int64_t{4}, minutes_ago(5)));
  expect_forbidden(client().get("/fhir/Patient", as(Role::researcher)), "GET /fhir/Patient");
  expect_forbidden(client().get("/fhir/Patient?identifier=MRN-1", as(Role::researcher)), "GET /fhir/Patient?identifier");
  expect_forbidden(client().get("/fhir/Observation", as(Role::researcher)), "GET /fhir/Observation");
  expect_forbidden(client().get("/fhir/Observation?subject=Patient/" + patient, as(Role::researcher)),
                   "GET /fhir/Observation?subject");
  expect_forbidden(client().get("/fhir/Patient/" + patient, as(Role::researcher)), "GET /fhir/Patient/{id}");
  expect_forbidden(client().get("/fhir/Patient/" + patient + "/_history/1", as(Role::researcher)),
                   "GET /fhir/Patient/{id}/_history/1");
}

TEST_F(RoleMatrix, CoordinatorCannotChartObservations) {
  const std::string patient = create_patient();
  auto r = client().post("/fhir/Observation", json_text(pain_observation(patient, std::int64_t{3}, minutes_ago(5))),
                         as(Role::coordinator));
  expect_forbidden(r, "coordinator POST /fhir/Observation");
  // ... but may read the chart and register patients.
  EXPECT_EQ(client().get("/fhir/Observation?subject=Patient/" + patient, as(Role::coordinator)).status, 200);
  EXPECT_EQ(client().post("/fhir/Patient", json_text(patient_resource(PatientSpec{})), as(Role::coordinator)).status,
            201);
}

TEST_F(RoleMatrix, BedsideRolesChartObservations) {
  const std::string patient = create_patient();
  // The physiotherapist after a session, and the ward nurse on her round.
  for (Role role : {Role::therapist, Role::nurse, Role::physician, Role::nurse_practitioner}) {
    auto r = client().post("/fhir/Observation", json_text(pain_observation(patient, std::int64_t{2}, minutes_ago(5))),
                           as(role));
    EXPECT_EQ(r.status, 201) << username_for(role) << ": " << r.describe();
  }
}

TEST_F(RoleMatrix, OnlyAdminRegistersPractitioners) {
  auto body = json_text(practitioner(unique_name("Moreau"), "physical therapist", "DPT"));
  expect_forbidden(client().post("/fhir/Practitioner", body, as(Role::nurse)), "nurse POST /fhir/Practitioner");
  expect_forbidden(client().post("/fhir/Practitioner", body, as(Role::physician)), "physician POST /fhir/Practitioner");

  auto r = client().post("/fhir/Practitioner", body, as(Role::admin));
  ASSERT_EQ(r.status, 201) << r.describe();
  EXPECT_EQ(str(r.json(), "/resourceType"), "Practitioner");
  EXPECT_EQ(str(r.json(), "/qualification/0/code/coding/0/code"), "physical therapist");
  const std::string id = str(r.json(), "/id");
  // Every role, researchers included, may look up the staff directory.
  auto read = client().get("/fhir/Practitioner/" + id, as(Role::researcher));
  EXPECT_EQ(read.status, 200) << read.describe();
  // The seeded pain physician is there too.
  EXPECT_EQ(client().get("/fhir/Practitioner/" + server().practitioner_id(), as(Role::nurse)).status, 200);
}

TEST_F(RoleMatrix, OnlyAdminReadsTheAuditTrail) {
  const std::string patient = create_patient();
  auto admin = client().get("/api/v1/audit?patient=" + patient, as(Role::admin));
  EXPECT_EQ(admin.status, 200) << admin.describe();
  for (Role role : {Role::physician, Role::nurse, Role::coordinator, Role::researcher}) {
    auto r = client().get("/api/v1/audit?patient=" + patient, as(role));
    EXPECT_EQ(r.status, 403) << username_for(role) << ": " << r.describe();
    if (r.status == 403) {
      EXPECT_EQ(str(r.json(), "/error/code"), "forbidden");
    }
  }
}

}  // namespace
}  // namespace relief::testing
