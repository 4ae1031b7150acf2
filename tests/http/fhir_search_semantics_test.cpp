// FHIR search as R4 (search.html, http.html) defines it, where a lenient server could answer
// wrongly: criteria that must all apply, what a server must refuse rather than ignore, POST-based
// search, and the JSON-only format negotiation.
#include "http_test_support.hpp"

namespace relief::testing {
namespace {

class FhirSearchSemantics : public ServerSuite {};

TEST_F(FhirSearchSemantics, AnIdSearchStillAppliesTheOtherCriteria) {
  PatientSpec p;
  const std::string id = create_patient(p);
  EXPECT_EQ(entry_ids(search("/fhir/Patient?_id=" + id + "&family=" + p.family)), std::vector<std::string>{id});
  EXPECT_TRUE(entry_ids(search("/fhir/Patient?_id=" + id + "&family=Nobody")).empty());

  // An observation of one child must not come back in a search of another child's chart.
  const std::string other = create_patient();
  const std::string obs = create_observation(pain_observation(id, std::int64_t{4}, minutes_ago(30)));
  EXPECT_EQ(entry_ids(search("/fhir/Observation?_id=" + obs + "&subject=Patient/" + id)), std::vector<std::string>{obs});
  EXPECT_TRUE(entry_ids(search("/fhir/Observation?_id=" + obs + "&subject=Patient/" + other)).empty());
}

TEST_F(FhirSearchSemantics, WhatWouldWidenASearchIsRefusedNotIgnored) {
  PatientSpec p;
  const std::string id = create_patient(p);
  create_observation(pain_observation(id, std::int64_t{6}, minutes_ago(20)));
  for (const std::string& target : {
           "/fhir/Observation?subject:Patient=" + id,         // a modifier
           "/fhir/Observation?subject.identifier=" + p.mrn,   // a chain
           "/fhir/Patient?name:exact=" + p.family,
           "/fhir/Patient?family=" + p.family + "&family=Nobody",  // a repeat the store cannot AND
           "/fhir/Patient?_id=" + id + ",0123456789abcdef0123456789abcdef",  // an OR list
       }) {
    auto r = client().get(target, as(Role::physician));
    EXPECT_EQ(r.status, 400) << target << "\n" << r.describe();
    EXPECT_EQ(str(r.json(), "/resourceType"), "OperationOutcome") << target;
  }
  // Two dates are one range: ge and le together are fine.
  EXPECT_EQ(client().get("/fhir/Observation?subject=Patient/" + id + "&date=ge2020-01-01&date=le2100-01-01",
                         as(Role::physician)).status, 200);
}

TEST_F(FhirSearchSemantics, PostSearchAnswersWhatTheGetSearchAnswers) {
  PatientSpec p;
  p.family = unique_name("Van der Berg");  // a space, sent as '+' in the form
  const std::string id = create_patient(p);
  HeaderList form = as(Role::physician);
  form.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  std::string family = p.family;
  for (auto& c : family)
    if (c == ' ') c = '+';
  auto r = client().post("/fhir/Patient/_search", "family=" + family + "&_count=5", form);
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(str(r.json(), "/type"), "searchset");
  EXPECT_EQ(entry_ids(r.json()), std::vector<std::string>{id}) << r.describe();
  // The self link states the search as a GET, so it can be followed.
  EXPECT_NE(bundle_link(r.json(), "self").value_or("").find("/fhir/Patient?family="), std::string::npos) << r.describe();

  // A search is a read: the researcher may not, and a JSON body is not a form.
  HeaderList researcher = as(Role::researcher);
  researcher.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  EXPECT_EQ(client().post("/fhir/Patient/_search", "family=" + family, researcher).status, 403);
  EXPECT_EQ(client().post("/fhir/Patient/_search", "{}", as(Role::physician)).status, 415);
  // With no body, the URL's parameters are the search.
  auto bare = client().post("/fhir/Patient/_search?family=" + family, "", as(Role::physician));
  ASSERT_EQ(bare.status, 200) << bare.describe();
  EXPECT_EQ(entry_ids(bare.json()), std::vector<std::string>{id});
}

TEST_F(FhirSearchSemantics, OnlyJsonIsSpokenAndTheOtherFormatsAreRefusedWithTheRightStatus) {
  const std::string id = create_patient();
  auto with = [](HeaderList h, std::string name, std::string value) {
    h.emplace_back(std::move(name), std::move(value));
    return h;
  };
  EXPECT_EQ(client().get("/fhir/Patient/" + id, with(as(Role::physician), "Accept", "application/fhir+xml")).status, 406);
  EXPECT_EQ(client().get("/fhir/Patient/" + id + "?_format=xml", as(Role::physician)).status, 406);
  EXPECT_EQ(client().get("/fhir/Patient/" + id + "?_format=json", as(Role::physician)).status, 200);
  EXPECT_EQ(client().get("/fhir/Patient/" + id,
                         with(as(Role::physician), "Accept", "application/fhir+xml;q=0.9, application/fhir+json")).status,
            200);
  // Media types are case-insensitive; q=0 means "not this one"; a '+' left unencoded is still a '+'.
  EXPECT_EQ(client().get("/fhir/Patient/" + id + "?_format=application/fhir+json", as(Role::physician)).status, 200);
  EXPECT_EQ(client().get("/fhir/Patient/" + id,
                         with(as(Role::physician), "Accept", "application/fhir+xml, application/fhir+json;q=0")).status,
            406);
  EXPECT_EQ(client().post("/fhir/Patient", json_text(patient_resource(PatientSpec{})),
                          with(as(Role::nurse), "Content-Type", "Application/FHIR+JSON; charset=UTF-8")).status,
            201);
  auto text = client().post("/fhir/Patient", json_text(patient_resource(PatientSpec{})),
                            with(as(Role::nurse), "Content-Type", "text/plain"));
  EXPECT_EQ(text.status, 415) << text.describe();
  EXPECT_EQ(str(text.json(), "/resourceType"), "OperationOutcome");
}

// RFC 9110 12.5.1: the client weighs the media types it accepts, q=0 refusing one; Relief
// answers in application/fhir+json or application/json, whichever the client weighs higher.
// R4 http.html: a fhirVersion other than the server's is 406.
TEST_F(FhirSearchSemantics, AcceptWeightsChooseTheMediaTypeAndAFhirVersionNotOursIs406) {
  const std::string id = create_patient();
  auto get = [&](std::optional<std::string> accept, const std::string& target) {
    HeaderList h = as(Role::physician);
    if (accept) h.emplace_back("Accept", *accept);
    return client().get(target, h);
  };
  auto type_of = [&](std::optional<std::string> accept) {
    auto r = get(accept, "/fhir/Patient/" + id);
    EXPECT_EQ(r.status, 200) << accept.value_or("(no Accept)") << "\n" << r.describe();
    if (r.status == 200) {
      EXPECT_EQ(str(r.json(), "/id"), id);
    }
    const std::string type = r.header("Content-Type").value_or("");
    return type.substr(0, type.find(';'));
  };
  // A client that takes JSON but not the FHIR type gets JSON, labelled as it asked.
  EXPECT_EQ(type_of("application/fhir+json;q=0, application/json"), "application/json");
  EXPECT_EQ(type_of("application/json"), "application/json");
  EXPECT_EQ(type_of("application/fhir+json;q=0.5, application/json;q=0.9"), "application/json");
  EXPECT_EQ(type_of("*/*, application/fhir+json; q=0"), "application/json");  // the specific range wins
  // What worked stays: the FHIR type when it is asked for, preferred, tied or left to the server.
  EXPECT_EQ(type_of(std::nullopt), "application/fhir+json");
  EXPECT_EQ(type_of("*/*"), "application/fhir+json");
  EXPECT_EQ(type_of("application/json, application/fhir+json"), "application/fhir+json");  // the web UI's
  EXPECT_EQ(type_of("application/json;q=0.5, application/fhir+json"), "application/fhir+json");
  EXPECT_EQ(type_of("application/fhir+json; fhirVersion=4.0"), "application/fhir+json");
  // Nothing acceptable: 406, as an OperationOutcome.
  for (const std::string accept : {"*/*;q=0", "application/fhir+json;q=0, application/json;q=0",
                                   "application/fhir+json; fhirVersion=3.0", "application/fhir+json;fhirVersion=5.0"}) {
    auto r = get(accept, "/fhir/Patient/" + id);
    EXPECT_EQ(r.status, 406) << accept << "\n" << r.describe();
    EXPECT_EQ(str(r.json(), "/resourceType"), "OperationOutcome") << accept;
  }
  // An error is in the negotiated type too.
  auto missing = get("application/fhir+json;q=0, application/json", "/fhir/Patient/0123456789abcdef0123456789abcdef");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.header("Content-Type").value_or("").rfind("application/json", 0), 0u) << missing.describe();
  // _format overrides Accept, with the same weights.
  EXPECT_EQ(get("application/fhir+json;q=0", "/fhir/Patient/" + id + "?_format=json").status, 200);
  EXPECT_EQ(get(std::nullopt, "/fhir/Patient/" + id + "?_format=application/fhir+json;fhirVersion=3.0").status, 406);
}

TEST_F(FhirSearchSemantics, PreferReturnChoosesWhatACreateAnswers) {
  auto prefer = [](std::string value) {
    HeaderList h = as(Role::nurse);
    h.emplace_back("Prefer", std::move(value));
    return h;
  };
  auto minimal = client().post("/fhir/Patient", json_text(patient_resource(PatientSpec{})), prefer("return=minimal"));
  ASSERT_EQ(minimal.status, 201) << minimal.describe();
  EXPECT_TRUE(minimal.body.empty()) << minimal.describe();
  const std::string location = minimal.header("Location").value_or("");
  EXPECT_NE(location.find("/fhir/Patient/"), std::string::npos) << minimal.describe();
  EXPECT_EQ(minimal.header("ETag").value_or(""), "W/\"1\"");

  auto outcome = client().post("/fhir/Patient", json_text(patient_resource(PatientSpec{})), prefer("return=OperationOutcome"));
  ASSERT_EQ(outcome.status, 201) << outcome.describe();
  EXPECT_EQ(str(outcome.json(), "/resourceType"), "OperationOutcome");
  EXPECT_EQ(str(outcome.json(), "/issue/0/severity"), "information");

  // A read answers the resource whatever it prefers.
  const std::string id = location.substr(location.find("/fhir/Patient/") + 14, 32);
  auto read = client().get("/fhir/Patient/" + id, prefer("return=minimal"));
  ASSERT_EQ(read.status, 200) << read.describe();
  EXPECT_EQ(str(read.json(), "/id"), id);
}

TEST_F(FhirSearchSemantics, SubjectAndPatientMustNameTheSameChild) {
  const std::string a = create_patient(), b = create_patient();
  for (const char* type : {"Observation", "QuestionnaireResponse", "ServiceRequest"}) {
    auto r = client().get(std::string("/fhir/") + type + "?subject=Patient/" + a + "&patient=Patient/" + b,
                          as(Role::physician));
    EXPECT_EQ(r.status, 400) << type << " " << r.describe();
  }
  EXPECT_EQ(client().get("/fhir/Observation?subject=Patient/" + a + "&patient=" + a, as(Role::physician)).status, 200);
}

TEST_F(FhirSearchSemantics, AConsultSearchTakesOnlyAPatientAsItsSubject) {
  const std::string id = create_patient();
  auto r = client().get("/fhir/ServiceRequest?subject=Practitioner/" + id, as(Role::physician));
  EXPECT_EQ(r.status, 422) << r.describe();
}

}  // namespace
}  // namespace relief::testing
