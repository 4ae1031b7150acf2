// FHIR Patient: registering a child, finding them again, and correcting the record safely.
#include <algorithm>
#include <thread>

#include "http_test_support.hpp"

namespace relief::testing {
namespace {

class FhirPatient : public ServerSuite {};

TEST_F(FhirPatient, CreateAnswers201WithLocationAndETag) {
  PatientSpec maya;
  maya.family = unique_name("Okafor");
  maya.given = {"Maya", "Chioma"};
  maya.birth_date = "2013-02-14";
  auto r = client().post("/fhir/Patient", json_text(patient_resource(maya)), as(Role::nurse));
  ASSERT_EQ(r.status, 201) << r.describe();
  auto body = r.json();
  const std::string id = str(body, "/id");
  ASSERT_FALSE(id.empty()) << r.describe();
  EXPECT_EQ(str(body, "/resourceType"), "Patient");
  EXPECT_EQ(str(body, "/meta/versionId"), "1");
  EXPECT_EQ(str(body, "/identifier/0/system"), kMrnSystem);
  EXPECT_EQ(str(body, "/identifier/0/value"), maya.mrn);
  EXPECT_EQ(str(body, "/name/0/family"), maya.family);
  EXPECT_EQ(str(body, "/name/0/given/1"), "Chioma");
  EXPECT_EQ(str(body, "/birthDate"), "2013-02-14");
  EXPECT_EQ(str(body, "/gender"), "female");

  auto location = r.header("Location");
  ASSERT_TRUE(location.has_value()) << "a 201 names where the new resource lives";
  const std::string expected_tail = "/fhir/Patient/" + id + "/_history/1";
  EXPECT_TRUE(location->ends_with(expected_tail)) << *location;
  EXPECT_EQ(location->rfind("http://", 0), 0u) << *location;
  EXPECT_EQ(r.header("ETag").value_or(""), "W/\"1\"");
  EXPECT_TRUE(r.header("Content-Type").value_or("").starts_with("application/fhir+json"));
  EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store") << "patient data stays out of caches";
}

TEST_F(FhirPatient, ReadReturnsTheRecord) {
  PatientSpec leo;
  leo.family = unique_name("Nakamura");
  leo.given = {"Leo"};
  leo.birth_date = "2018-09-30";
  leo.gender = "male";
  const std::string id = create_patient(leo);

  auto r = client().get("/fhir/Patient/" + id, as(Role::physician));
  ASSERT_EQ(r.status, 200) << r.describe();
  auto body = r.json();
  EXPECT_EQ(str(body, "/id"), id);
  EXPECT_EQ(str(body, "/identifier/0/value"), leo.mrn);
  EXPECT_EQ(str(body, "/name/0/family"), leo.family);
  EXPECT_EQ(str(body, "/name/0/given/0"), "Leo");
  EXPECT_EQ(str(body, "/birthDate"), "2018-09-30");
  EXPECT_EQ(str(body, "/gender"), "male");
  EXPECT_EQ(str(body, "/meta/versionId"), "1");
  EXPECT_EQ(r.header("ETag").value_or(""), "W/\"1\"");
  EXPECT_TRUE(r.header("Last-Modified").has_value());
}

TEST_F(FhirPatient, BirthDateInTheFutureIs422NamingBirthDate) {
  PatientSpec p;
  p.birth_date = utc_date_in_days(30);  // a typing slip: next month instead of last
  auto r = client().post("/fhir/Patient", json_text(patient_resource(p)), as(Role::nurse));
  ASSERT_EQ(r.status, 422) << r.describe();
  auto body = r.json();
  EXPECT_EQ(str(body, "/resourceType"), "OperationOutcome");
  EXPECT_EQ(str(body, "/issue/0/severity"), "error");
  EXPECT_TRUE(contains(issue_expressions(body), "birthDate")) << r.describe();
  EXPECT_TRUE(entry_ids(search("/fhir/Patient?identifier=" + p.mrn)).empty()) << "nothing may be registered";
}

TEST_F(FhirPatient, NewbornRegisteredOnTheDayOfBirth) {
  PatientSpec baby;
  baby.given = {"Baby", "Girl"};
  baby.birth_date = utc_date_in_days(0);
  auto r = client().post("/fhir/Patient", json_text(patient_resource(baby)), as(Role::nurse));
  ASSERT_EQ(r.status, 201) << r.describe();
  EXPECT_EQ(str(r.json(), "/birthDate"), baby.birth_date);
}

TEST_F(FhirPatient, MalformedJsonIs400) {
  auto r = client().post("/fhir/Patient", R"({"resourceType": "Patient", "name": [{"family": "Brown")",
                         as(Role::nurse));
  ASSERT_EQ(r.status, 400) << r.describe();
  EXPECT_EQ(str(r.json(), "/resourceType"), "OperationOutcome");
  EXPECT_EQ(str(r.json(), "/issue/0/code"), "structure");
}

TEST_F(FhirPatient, WrongResourceTypeIs422) {
  auto body = patient_resource(PatientSpec{});
  body["resourceType"] = "Practitioner";
  auto r = client().post("/fhir/Patient", json_text(body), as(Role::nurse));
  ASSERT_EQ(r.status, 422) << r.describe();
  EXPECT_EQ(str(r.json(), "/resourceType"), "OperationOutcome");
  EXPECT_TRUE(contains(issue_expressions(r.json()), "resourceType")) << r.describe();
}

TEST_F(FhirPatient, UnknownIdIs404) {
  auto r = client().get("/fhir/Patient/0123456789abcdef0123456789abcdef", as(Role::physician));
  ASSERT_EQ(r.status, 404) << r.describe();
  EXPECT_EQ(str(r.json(), "/resourceType"), "OperationOutcome");
  EXPECT_EQ(str(r.json(), "/issue/0/code"), "not-found");
}

TEST_F(FhirPatient, DuplicateMrnIs409) {
  PatientSpec first;
  create_patient(first);
  // Registration at a second desk types the same MRN for a different name.
  PatientSpec second;
  second.mrn = first.mrn;
  second.family = unique_name("Schmidt");
  auto r = client().post("/fhir/Patient", json_text(patient_resource(second)), as(Role::coordinator));
  ASSERT_EQ(r.status, 409) << r.describe();
  EXPECT_EQ(str(r.json(), "/resourceType"), "OperationOutcome");
  // The desk is told what clashed in its own terms, not the database's.
  const std::string said = str(r.json(), "/issue/0/diagnostics");
  EXPECT_NE(said.find("MRN '" + first.mrn + "'"), std::string::npos) << said;
  EXPECT_EQ(said.find("UNIQUE"), std::string::npos) << said;
  auto found = search("/fhir/Patient?identifier=" + first.mrn);
  ASSERT_EQ(entry_ids(found).size(), 1u) << json_text(found);
  EXPECT_EQ(str(found, "/entry/0/resource/name/0/family"), first.family);
}

TEST_F(FhirPatient, ConcurrentRegistrationsWithOneMrnOnlyOneWins) {
  // Two registration desks enter the same referral at the same moment.
  const std::string mrn = unique_mrn();
  const auto auth = as(Role::coordinator);
  std::vector<HttpResponse> answers(4);
  std::vector<std::thread> desks;
  for (std::size_t i = 0; i < answers.size(); ++i)
    desks.emplace_back([&, i] {
      PatientSpec p;
      p.mrn = mrn;
      answers[i] = client().post("/fhir/Patient", json_text(patient_resource(p)), auth);
    });
  for (auto& d : desks) d.join();
  int created = 0, conflicts = 0;
  std::string all;
  for (const auto& a : answers) {
    created += a.status == 201;
    conflicts += a.status == 409;
    all += a.describe() + "\n";
  }
  EXPECT_EQ(created, 1) << all;
  EXPECT_EQ(conflicts, 3) << all;
  EXPECT_EQ(entry_ids(search("/fhir/Patient?identifier=" + mrn)).size(), 1u);
}

TEST_F(FhirPatient, SearchByIdentifierWithSystemAndBareValue) {
  PatientSpec p;
  const std::string id = create_patient(p);
  create_patient(PatientSpec{});  // someone else

  // system|value, with the bar percent-encoded as a URL query requires (RFC 3986).
  auto with_system = search("/fhir/Patient?identifier=" + std::string(kMrnSystem) + "%7C" + p.mrn);
  EXPECT_EQ(str(with_system, "/resourceType"), "Bundle");
  EXPECT_EQ(str(with_system, "/type"), "searchset");
  EXPECT_EQ(entry_ids(with_system), std::vector<std::string>{id}) << json_text(with_system);

  auto bare = search("/fhir/Patient?identifier=" + p.mrn);
  EXPECT_EQ(entry_ids(bare), std::vector<std::string>{id}) << json_text(bare);

  // The MRN in another hospital's identifier system is not this patient.
  auto other_system = search("/fhir/Patient?identifier=https://other.example.org/mrn%7C" + p.mrn);
  EXPECT_TRUE(entry_ids(other_system).empty()) << json_text(other_system);
}

TEST_F(FhirPatient, SearchByIdentifierWithAnUnencodedBar) {
  // FHIR documents token searches as identifier=system|value, and many clients (and the server's
  // own Bundle links) send the bar as it is written.
  PatientSpec p;
  const std::string id = create_patient(p);
  auto r = client().get("/fhir/Patient?identifier=" + std::string(kMrnSystem) + "|" + p.mrn, as(Role::physician));
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(entry_ids(r.json()), std::vector<std::string>{id}) << r.describe();
}

TEST_F(FhirPatient, SearchByNamePrefixIgnoresCase) {
  PatientSpec p;
  p.family = unique_name("Abernathy");
  p.given = {"Rosalind"};
  const std::string id = create_patient(p);
  PatientSpec other;
  other.family = unique_name("Abernathy");  // same stem, different suffix
  const std::string other_id = create_patient(other);

  std::string prefix = p.family.substr(0, p.family.size() - 2);
  for (auto& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto lower = search("/fhir/Patient?name=" + prefix);
  EXPECT_TRUE(contains(entry_ids(lower), id)) << json_text(lower);
  EXPECT_FALSE(contains(entry_ids(lower), other_id)) << json_text(lower);

  std::string upper = p.family;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto exact_upper = search("/fhir/Patient?name=" + upper);
  EXPECT_EQ(entry_ids(exact_upper), std::vector<std::string>{id}) << json_text(exact_upper);

  // The given name is a name too, but only as a prefix of a name part, not from its middle.
  auto given = search("/fhir/Patient?name=rosal&family=" + p.family);
  EXPECT_EQ(entry_ids(given), std::vector<std::string>{id}) << json_text(given);
  auto middle = search("/fhir/Patient?name=" + p.family.substr(3));
  EXPECT_FALSE(contains(entry_ids(middle), id)) << json_text(middle);
}

TEST_F(FhirPatient, SearchByBirthDate) {
  PatientSpec p;
  p.birth_date = "2011-07-19";
  const std::string id = create_patient(p);
  PatientSpec sibling;
  sibling.family = p.family;
  sibling.birth_date = "2011-07-20";
  const std::string sibling_id = create_patient(sibling);

  auto found = search("/fhir/Patient?birthdate=2011-07-19");
  EXPECT_TRUE(contains(entry_ids(found), id)) << json_text(found);
  EXPECT_FALSE(contains(entry_ids(found), sibling_id)) << json_text(found);
  for (const auto& r : entry_resources(found)) EXPECT_EQ(str(r, "/birthDate"), "2011-07-19");

  auto both = search("/fhir/Patient?birthdate=2011-07-20&family=" + p.family);
  EXPECT_EQ(entry_ids(both), std::vector<std::string>{sibling_id}) << json_text(both);

  // FHIR date searches: prefixes, and a month or a year standing for all its days.
  auto family = "&family=" + p.family;
  EXPECT_EQ(entry_ids(search("/fhir/Patient?birthdate=gt2011-07-19" + family)), std::vector<std::string>{sibling_id});
  EXPECT_EQ(entry_ids(search("/fhir/Patient?birthdate=lt2011-07-20" + family)), std::vector<std::string>{id});
  EXPECT_EQ(entry_ids(search("/fhir/Patient?birthdate=ge2011-07-19&birthdate=le2011-07-19" + family)),
            std::vector<std::string>{id});
  EXPECT_EQ(entry_ids(search("/fhir/Patient?birthdate=2011-07" + family)).size(), 2u);
  EXPECT_EQ(entry_ids(search("/fhir/Patient?birthdate=2011" + family)).size(), 2u);
  EXPECT_TRUE(entry_ids(search("/fhir/Patient?birthdate=2012" + family)).empty());
  auto bad = client().get("/fhir/Patient?birthdate=ge2011-13", as(Role::physician));
  EXPECT_EQ(bad.status, 422) << bad.describe();
}

TEST_F(FhirPatient, TheSelfLinkShowsOnlyTheParametersTheSearchUsed) {
  // R4 search.html: a server ignores parameters it does not know, and its self link says which it
  // used, so a client can see that `colour` played no part.
  PatientSpec p;
  const std::string id = create_patient(p);
  auto found = search("/fhir/Patient?family=" + p.family + "&colour=blue");
  EXPECT_EQ(entry_ids(found), std::vector<std::string>{id}) << json_text(found);
  auto self = bundle_link(found, "self").value_or("");
  EXPECT_TRUE(self.ends_with("/fhir/Patient?family=" + p.family)) << self;

  // Asked to be strict, the server refuses what it does not know.
  HeaderList strict = as(Role::physician);
  strict.emplace_back("Prefer", "handling=strict");
  auto refused = client().get("/fhir/Patient?family=" + p.family + "&colour=blue", strict);
  EXPECT_EQ(refused.status, 400) << refused.describe();
  EXPECT_EQ(str(refused.json(), "/resourceType"), "OperationOutcome");
  EXPECT_EQ(client().get("/fhir/Patient?family=" + p.family, strict).status, 200);
}

TEST_F(FhirPatient, CountZeroAnswersNoEntriesAndNoNextPage) {
  // A client that follows `next` links until there are none must not be sent round in circles.
  create_patient(PatientSpec{});
  auto page = search("/fhir/Patient?_count=0");
  EXPECT_TRUE(entry_ids(page).empty()) << json_text(page);
  EXPECT_FALSE(bundle_link(page, "next")) << json_text(page);
}

TEST_F(FhirPatient, ACountAboveTheMaximumServesFiveHundredAndTheLinksSaySo) {
  // A client following the links must be told the page size it was served, not the one it asked.
  PatientSpec p;
  const std::string id = create_patient(p);
  auto page = search("/fhir/Patient?family=" + p.family + "&_count=501");
  EXPECT_EQ(entry_ids(page), std::vector<std::string>{id});
  const std::string self = bundle_link(page, "self").value_or("");
  EXPECT_NE(self.find("_count=500"), std::string::npos) << json_text(page);
  EXPECT_EQ(self.find("_count=501"), std::string::npos) << json_text(page);
  auto later = search("/fhir/Patient?family=" + p.family + "&_count=501&_offset=1000");
  const std::string previous = bundle_link(later, "previous").value_or("");
  EXPECT_NE(previous.find("_count=500"), std::string::npos) << json_text(later);
  EXPECT_NE(previous.find("_offset=500"), std::string::npos) << json_text(later);
  EXPECT_EQ(previous.find("_count=501"), std::string::npos) << json_text(later);
}

// PUT /fhir/Patient/{id} with the family name changed, as `role`, with If-Match when given.
HttpResponse put_family(const HttpClient& client, const HeaderList& auth, const std::string& id, PatientSpec p,
                        const std::string& family, std::optional<std::string> if_match) {
  p.family = family;
  auto body = patient_resource(p);
  body["id"] = id;
  HeaderList headers = auth;
  if (if_match) headers.emplace_back("If-Match", *if_match);
  return client.put("/fhir/Patient/" + id, json_text(body), headers);
}

TEST_F(FhirPatient, UpdateWithIfMatchWritesVersionTwo) {
  PatientSpec p;
  p.family = unique_name("Mcdonald");
  p.given = {"Iona"};
  const std::string id = create_patient(p);

  // The family name was misspelt at registration; a nurse corrects it, citing the version she read.
  const std::string corrected = unique_name("MacDonald");
  auto r = put_family(client(), as(Role::nurse), id, p, corrected, "W/\"1\"");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(str(r.json(), "/id"), id);
  EXPECT_EQ(str(r.json(), "/meta/versionId"), "2");
  EXPECT_EQ(str(r.json(), "/name/0/family"), corrected);
  EXPECT_EQ(r.header("ETag").value_or(""), "W/\"2\"");

  auto now = client().get("/fhir/Patient/" + id, as(Role::physician));
  ASSERT_EQ(now.status, 200) << now.describe();
  EXPECT_EQ(str(now.json(), "/meta/versionId"), "2");
  EXPECT_EQ(str(now.json(), "/name/0/family"), corrected);
  EXPECT_EQ(str(now.json(), "/identifier/0/value"), p.mrn);
  // The corrected name is what a search finds now.
  EXPECT_EQ(entry_ids(search("/fhir/Patient?family=" + corrected)), std::vector<std::string>{id});
}

TEST_F(FhirPatient, StaleIfMatchIs412AndChangesNothing) {
  PatientSpec p;
  const std::string id = create_patient(p);
  const std::string corrected = unique_name("Corrected");
  auto first = put_family(client(), as(Role::nurse), id, p, corrected, "W/\"1\"");
  ASSERT_EQ(first.status, 200) << first.describe();

  // A second clinician, still looking at version 1, saves her own edit: refused, not merged.
  auto stale = put_family(client(), as(Role::physician), id, p, unique_name("Overwritten"), "W/\"1\"");
  ASSERT_EQ(stale.status, 412) << stale.describe();
  EXPECT_EQ(str(stale.json(), "/resourceType"), "OperationOutcome");
  EXPECT_EQ(str(stale.json(), "/issue/0/code"), "conflict");

  auto now = client().get("/fhir/Patient/" + id, as(Role::physician));
  ASSERT_EQ(now.status, 200);
  EXPECT_EQ(str(now.json(), "/meta/versionId"), "2");
  EXPECT_EQ(str(now.json(), "/name/0/family"), corrected);
}

// RFC 9110 8.8.3: an entity tag is quoted (W/"1"). What is not one is a malformed request (400),
// never read as a version; a well-formed tag that names no version (*, W/"abc") is 412.
TEST_F(FhirPatient, AnIfMatchThatIsNotAnEntityTagIsRefusedNotGuessedAt) {
  PatientSpec p;
  const std::string id = create_patient(p);
  for (const std::string bad : {"W/1", "1", "W/\"1", "w/\"1\"", "W/'1'", "W/\"1 \""}) {
    auto r = put_family(client(), as(Role::nurse), id, p, unique_name("Unquoted"), bad);
    EXPECT_EQ(r.status, 400) << bad << "\n" << r.describe();
    EXPECT_EQ(str(r.json(), "/resourceType"), "OperationOutcome") << bad;
  }
  for (const std::string none : {"*", "W/\"abc\""}) {
    auto r = put_family(client(), as(Role::nurse), id, p, unique_name("Unnamed"), none);
    EXPECT_EQ(r.status, 412) << none << "\n" << r.describe();
    EXPECT_EQ(str(r.json(), "/resourceType"), "OperationOutcome") << none;
  }
  auto now = client().get("/fhir/Patient/" + id, as(Role::physician));
  ASSERT_EQ(now.status, 200);
  EXPECT_EQ(str(now.json(), "/meta/versionId"), "1") << "no refused update changed the record";
  EXPECT_EQ(str(now.json(), "/name/0/family"), p.family);
  // The tag of the version read, weak or strong, still updates.
  auto ok = put_family(client(), as(Role::nurse), id, p, unique_name("Quoted"), "\"1\"");
  EXPECT_EQ(ok.status, 200) << ok.describe();
}

TEST_F(FhirPatient, UpdateWithoutIfMatchIs412) {
  PatientSpec p;
  const std::string id = create_patient(p);
  auto blind = put_family(client(), as(Role::nurse), id, p, unique_name("Blind"), std::nullopt);
  ASSERT_EQ(blind.status, 412) << blind.describe();
  EXPECT_EQ(str(blind.json(), "/resourceType"), "OperationOutcome");

  auto now = client().get("/fhir/Patient/" + id, as(Role::physician));
  ASSERT_EQ(now.status, 200);
  EXPECT_EQ(str(now.json(), "/meta/versionId"), "1");
  EXPECT_EQ(str(now.json(), "/name/0/family"), p.family);
}

TEST_F(FhirPatient, ConcurrentUpdatesFromOneVersionOnlyOneWins) {
  PatientSpec p;
  const std::string id = create_patient(p);
  // Two workstations save an edit of version 1 at the same moment.
  const auto auth_a = as(Role::nurse), auth_b = as(Role::physician);
  HttpResponse a, b;
  std::thread ta([&] { a = put_family(client(), auth_a, id, p, unique_name("Alpha"), "W/\"1\""); });
  std::thread tb([&] { b = put_family(client(), auth_b, id, p, unique_name("Bravo"), "W/\"1\""); });
  ta.join();
  tb.join();
  std::vector<int> statuses{a.status, b.status};
  std::sort(statuses.begin(), statuses.end());
  EXPECT_EQ(statuses, (std::vector<int>{200, 412})) << a.describe() << "\n" << b.describe();

  auto history = client().get("/fhir/Patient/" + id + "/_history", as(Role::physician));
  ASSERT_EQ(history.status, 200) << history.describe();
  EXPECT_EQ(entry_resources(history.json()).size(), 2u) << history.describe();
}

TEST_F(FhirPatient, VreadAndHistoryKeepTheOldVersion) {
  PatientSpec p;
  p.given = {"Iona"};
  const std::string id = create_patient(p);
  const std::string corrected = unique_name("Corrected");
  auto update = put_family(client(), as(Role::nurse), id, p, corrected, "W/\"1\"");
  ASSERT_EQ(update.status, 200) << update.describe();

  auto v1 = client().get("/fhir/Patient/" + id + "/_history/1", as(Role::physician));
  ASSERT_EQ(v1.status, 200) << v1.describe();
  EXPECT_EQ(str(v1.json(), "/meta/versionId"), "1");
  EXPECT_EQ(str(v1.json(), "/name/0/family"), p.family);
  EXPECT_EQ(v1.header("ETag").value_or(""), "W/\"1\"");

  auto v2 = client().get("/fhir/Patient/" + id + "/_history/2", as(Role::physician));
  ASSERT_EQ(v2.status, 200) << v2.describe();
  EXPECT_EQ(str(v2.json(), "/name/0/family"), corrected);

  auto history = client().get("/fhir/Patient/" + id + "/_history", as(Role::physician));
  ASSERT_EQ(history.status, 200) << history.describe();
  auto h = history.json();
  EXPECT_EQ(str(h, "/resourceType"), "Bundle");
  EXPECT_EQ(str(h, "/type"), "history");
  auto versions = entry_resources(h);
  ASSERT_EQ(versions.size(), 2u) << history.describe();
  EXPECT_EQ(str(versions[0], "/meta/versionId"), "2");  // newest first
  EXPECT_EQ(str(versions[0], "/name/0/family"), corrected);
  EXPECT_EQ(str(versions[1], "/meta/versionId"), "1");
  EXPECT_EQ(str(versions[1], "/name/0/family"), p.family);
  // R4 history entries: the plain resource URL (bdl-8), how each version came to be (bdl-3) and
  // what the server answered (bdl-4).
  for (const char* n : {"0", "1"}) {
    const std::string entry = std::string("/entry/") + n;
    EXPECT_TRUE(str(h, entry + "/fullUrl").ends_with("/fhir/Patient/" + id)) << str(h, entry + "/fullUrl");
  }
  EXPECT_EQ(str(h, "/entry/0/request/method"), "PUT");
  EXPECT_EQ(str(h, "/entry/0/request/url"), "Patient/" + id);
  EXPECT_EQ(str(h, "/entry/0/response/status"), "200 OK");
  EXPECT_EQ(str(h, "/entry/0/response/etag"), "W/\"2\"");
  EXPECT_EQ(str(h, "/entry/0/response/lastModified"), str(versions[0], "/meta/lastUpdated"));
  EXPECT_EQ(str(h, "/entry/1/request/method"), "POST");
  EXPECT_EQ(str(h, "/entry/1/request/url"), "Patient");
  EXPECT_EQ(str(h, "/entry/1/response/status"), "201 Created");
  EXPECT_EQ(str(h, "/entry/1/response/etag"), "W/\"1\"");

  auto v3 = client().get("/fhir/Patient/" + id + "/_history/3", as(Role::physician));
  EXPECT_EQ(v3.status, 404) << v3.describe();
}

TEST_F(FhirPatient, UpdateOfAnUnknownPatientIs405BecauseUpdatesDoNotCreate) {
  // R4 update: 405 when the resource did not exist and the server assigns ids itself.
  auto body = patient_resource(PatientSpec{});
  body["id"] = "feedfacefeedfacefeedfacefeedface";
  for (bool with_if_match : {true, false}) {
    auto headers = as(Role::nurse);
    if (with_if_match) headers.emplace_back("If-Match", "W/\"1\"");
    auto r = client().put("/fhir/Patient/feedfacefeedfacefeedfacefeedface", json_text(body), headers);
    ASSERT_EQ(r.status, 405) << r.describe();
    EXPECT_EQ(str(r.json(), "/resourceType"), "OperationOutcome");
    EXPECT_TRUE(r.header("Allow").has_value()) << r.describe();
  }
  auto read = client().get("/fhir/Patient/feedfacefeedfacefeedfacefeedface", as(Role::nurse));
  EXPECT_EQ(read.status, 404) << "the refused update created nothing";
}

}  // namespace
}  // namespace relief::testing
