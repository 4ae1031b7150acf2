// QuestionnaireResponse over FHIR as another system reads it: the `questionnaire` search by the
// canonical the responses carry (R4 search.html, reference/canonical), and what the read-only
// type answers for its versions.
#include "http_test_support.hpp"

namespace relief::testing {
namespace {

class FhirQuestionnaireResponse : public ServerSuite {
 protected:
  static std::string administer_flacc(const std::string& patient) {
    auto r = client().post("/api/v1/patients/" + patient + "/administrations",
                           R"({"instrument":"flacc","reporter":"clinician","answers":{"face":1,"legs":2,"activity":1,"cry":1,"consolability":1}})",
                           as(Role::nurse));
    EXPECT_EQ(r.status, 201) << r.describe();
    return str(r.json(), "/id");
  }
};

TEST_F(FhirQuestionnaireResponse, TheQuestionnaireSearchMatchesTheCanonicalTheResponsesCarry) {
  PatientSpec child;
  child.birth_date = utc_date_in_days(-3 * 365 - 40);
  const std::string patient = create_patient(child);
  const std::string response = administer_flacc(patient);
  const std::string s = "/fhir/QuestionnaireResponse?subject=Patient/" + patient + "&questionnaire=";
  const std::string canonical = "https://relief.example.org/fhir/Questionnaire/flacc";
  // What the resource itself says: questionnaire = .../flacc|1997.
  auto found = search(s + canonical + "%7C1997");
  ASSERT_EQ(entry_ids(found), std::vector<std::string>{response}) << json_text(found);
  EXPECT_EQ(str(found, "/entry/0/resource/questionnaire"), canonical + "|1997");
  // Without a version, any version of that questionnaire; the id alone as before.
  EXPECT_EQ(entry_ids(search(s + canonical)), std::vector<std::string>{response});
  EXPECT_EQ(entry_ids(search(s + "Questionnaire/flacc")), std::vector<std::string>{response});
  EXPECT_EQ(entry_ids(search(s + "flacc")), std::vector<std::string>{response});
  // Another version, another questionnaire, another publisher's: nothing.
  EXPECT_TRUE(entry_ids(search(s + canonical + "%7C2020")).empty());
  EXPECT_TRUE(entry_ids(search(s + "https://relief.example.org/fhir/Questionnaire/cheops")).empty());
  EXPECT_TRUE(entry_ids(search(s + "https://other.example.org/fhir/Questionnaire/flacc%7C1997")).empty());
}

}  // namespace
}  // namespace relief::testing
