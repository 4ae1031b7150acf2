// A Patient's gender and active status stay absent when the sender did not give them: before,
// the server answered "gender": "unknown" and "active": true, statements nobody made.
#include "http_test_support.hpp"

namespace relief::testing {
namespace {

class FhirPatientAbsent : public ServerSuite {};

TEST_F(FhirPatientAbsent, GenderAndActiveAreNotInvented) {
  PatientSpec p;
  auto body = patient_resource(p);
  body.erase("gender");
  auto created = client().post("/fhir/Patient", json_text(body), as(Role::nurse));
  ASSERT_EQ(created.status, 201) << created.describe();
  const std::string id = str(created.json(), "/id");
  auto read = client().get("/fhir/Patient/" + id, as(Role::physician));
  ASSERT_EQ(read.status, 200);
  const auto patient = read.json();
  EXPECT_FALSE(patient.as_object().contains("gender")) << read.body;
  EXPECT_FALSE(patient.as_object().contains("active")) << read.body;

  // The chart summary, which the web chart shows, says the same: not recorded.
  auto summary = client().get("/api/v1/patients/" + id + "/summary", as(Role::physician));
  ASSERT_EQ(summary.status, 200) << summary.describe();
  EXPECT_TRUE(summary.json().at("sex").is_null()) << summary.body;

  // What was given comes back as given.
  body["gender"] = "unknown";
  body["active"] = false;
  body["identifier"].as_array()[0].as_object()["value"] = unique_mrn();
  auto stated = client().post("/fhir/Patient", json_text(body), as(Role::nurse));
  ASSERT_EQ(stated.status, 201) << stated.describe();
  EXPECT_EQ(str(stated.json(), "/gender"), "unknown");
  EXPECT_FALSE(stated.json().at("active").as_bool());
}

}  // namespace
}  // namespace relief::testing
