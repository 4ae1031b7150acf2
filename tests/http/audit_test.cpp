// The access history of a patient's record: what a privacy officer pulls when a family asks
// "who looked at my child's chart?".
#include <set>

#include "http_test_support.hpp"

namespace relief::testing {
namespace {

class Audit : public ServerSuite {
 protected:
  static std::vector<json::object> audit_of(const std::string& patient) {
    auto r = client().get("/api/v1/audit?patient=" + patient, as(Role::admin));
    if (r.status != 200) throw std::runtime_error("audit query failed: " + r.describe());
    std::vector<json::object> out;
    const auto body = r.json();
    for (const auto& e : body.at("entries").as_array()) out.push_back(e.as_object());
    return out;
  }
  static bool has_entry(const std::vector<json::object>& entries, const std::string& action, const std::string& user,
                        const std::string& role, const std::string& type, const std::string& resource,
                        const std::string& outcome) {
    for (const auto& e : entries)
      if (str(e, "/action") == action && str(e, "/username") == user && str(e, "/role") == role &&
          str(e, "/resourceType") == type && (resource.empty() || str(e, "/resourceId") == resource) &&
          str(e, "/outcome") == outcome)
        return true;
    return false;
  }
  static std::string dump(const std::vector<json::object>& entries) {
    json::array a;
    for (const auto& e : entries) a.push_back(e);
    return json_text(a);
  }
};

// Records are never deleted, and an attempt to is part of the patient's access history. Who asks
// is checked first: without a sign-in the answer is 401, not the 405 that tells what exists.
TEST_F(Audit, AnAttemptToDeleteARecordIsInThePatientsHistory) {
  const std::string patient = create_patient(PatientSpec{}, Role::physician);
  EXPECT_EQ(client().request("DELETE", "/fhir/Patient/" + patient, "", {}).status, 401);
  auto r = client().request("DELETE", "/fhir/Patient/" + patient, "", as(Role::nurse));
  ASSERT_EQ(r.status, 405) << r.describe();
  bool found = false;
  const auto entries = audit_of(patient);
  for (const auto& e : entries)
    found = found || (str(e, "/username") == username_for(Role::nurse) && str(e, "/outcome") == "405" &&
                      str(e, "/action").find("DELETE") != std::string::npos);
  EXPECT_TRUE(found) << dump(entries);
}

TEST_F(Audit, NurseCreateAndReadAreListedForThePatient) {
  const std::string patient = create_patient(PatientSpec{}, Role::physician);
  const std::string obs = create_observation(pain_observation(patient, std::int64_t{5}, minutes_ago(3)), Role::nurse);
  auto read = client().get("/fhir/Observation/" + obs, as(Role::nurse));
  ASSERT_EQ(read.status, 200) << read.describe();

  auto entries = audit_of(patient);
  const std::string nurse = username_for(Role::nurse);
  EXPECT_TRUE(has_entry(entries, "create", nurse, "nurse", "Observation", obs, "ok")) << dump(entries);
  EXPECT_TRUE(has_entry(entries, "read", nurse, "nurse", "Observation", obs, "ok")) << dump(entries);
  EXPECT_TRUE(has_entry(entries, "create", username_for(Role::physician), "physician", "Patient", patient, "ok"))
      << dump(entries);
  for (const auto& e : entries) {
    EXPECT_EQ(str(e, "/patient"), patient) << "the audit for one patient lists only that patient";
    EXPECT_FALSE(str(e, "/at").empty());
    EXPECT_EQ(str(e, "/client"), "127.0.0.1");
  }
}

TEST_F(Audit, SearchesAreAuditedPerPatientTouched) {
  const std::string patient = create_patient();
  const std::string obs = create_observation(pain_observation(patient, std::int64_t{1}, minutes_ago(3)));
  search("/fhir/Observation?subject=Patient/" + patient, Role::psychologist);

  auto entries = audit_of(patient);
  EXPECT_TRUE(has_entry(entries, "search", username_for(Role::psychologist), "psychologist", "Observation", obs, "ok"))
      << dump(entries);
}

TEST_F(Audit, ASearchOfOnePatientThatFindsNothingIsStillAnAccessToTheChart) {
  const std::string patient = create_patient();
  auto found = search("/fhir/Observation?subject=Patient/" + patient + "&code=http://loinc.org%7C38213-5", Role::nurse);
  EXPECT_TRUE(entry_ids(found).empty());
  auto entries = audit_of(patient);
  EXPECT_TRUE(has_entry(entries, "search", username_for(Role::nurse), "nurse", "Observation", "", "ok")) << dump(entries);
}

TEST_F(Audit, ARefusedPostSearchIsRecordedAsThePostItWas) {
  const std::string patient = create_patient();
  HeaderList form = as(Role::researcher);
  form.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  ASSERT_EQ(client().post("/fhir/Observation/_search", "subject=Patient/" + patient, form).status, 403);
  bool found = false;
  for (const auto& e : audit_of(patient)) found |= str(e, "/action") == "POST /fhir/Observation/_search";
  EXPECT_TRUE(found) << dump(audit_of(patient));
}

TEST_F(Audit, ARefusedAttemptIsInTheHistoryOfThePatientItNamesHoweverItNamesThem) {
  // By one of the child's records, by a search by id, and by a write's body.
  const std::string patient = create_patient();
  const std::string obs = create_observation(pain_observation(patient, std::int64_t{6}, minutes_ago(3)));
  ASSERT_EQ(client().get("/fhir/Observation/" + obs, as(Role::researcher)).status, 403);
  ASSERT_EQ(client().get("/fhir/Patient?_id=" + patient, as(Role::researcher)).status, 403);
  ASSERT_EQ(client().post("/fhir/Observation", json_text(pain_observation(patient, std::int64_t{2}, minutes_ago(1))),
                          as(Role::coordinator)).status,
            403);
  int refused = 0;
  for (const auto& e : audit_of(patient)) refused += str(e, "/outcome") == "403";
  EXPECT_EQ(refused, 3) << dump(audit_of(patient));
}

// Not only a wrong role: a version that does not exist, a stale update, an impossible score are
// attempts on the child's record too, each kept with the status that says why it failed.
TEST_F(Audit, EveryRefusedAttemptOnAPatientIsInTheirHistoryWithItsStatus) {
  const std::string patient = create_patient();
  ASSERT_EQ(client().get("/fhir/Patient/" + patient + "/_history/9", as(Role::nurse)).status, 404);
  ASSERT_EQ(client().post("/fhir/Observation", json_text(pain_observation(patient, std::int64_t{11}, minutes_ago(1))),
                          as(Role::nurse)).status,
            422);
  auto current = client().get("/fhir/Patient/" + patient, as(Role::nurse));
  ASSERT_EQ(current.status, 200);
  auto body = current.json().as_object();
  HeaderList stale = as(Role::nurse);
  stale.emplace_back("If-Match", "W/\"7\"");
  stale.emplace_back("Content-Type", "application/fhir+json");
  ASSERT_EQ(client().put("/fhir/Patient/" + patient, json_text(body), stale).status, 412);
  std::multiset<std::string> refused;
  for (const auto& e : audit_of(patient))
    if (str(e, "/outcome") != "ok") refused.insert(str(e, "/action") + " " + str(e, "/outcome"));
  EXPECT_EQ(refused, (std::multiset<std::string>{"GET /fhir/Patient/" + patient + "/_history/9 404",
                                                 "POST /fhir/Observation 422", "PUT /fhir/Patient/" + patient + " 412"}))
      << dump(audit_of(patient));
}

TEST_F(Audit, RefusedResearcherReadIsAuditedWith403) {
  const std::string patient = create_patient();
  auto r = client().get("/fhir/Patient/" + patient, as(Role::researcher));
  ASSERT_EQ(r.status, 403) << r.describe();

  auto entries = audit_of(patient);
  bool found = false;
  for (const auto& e : entries)
    found |= str(e, "/username") == username_for(Role::researcher) && str(e, "/role") == "researcher" &&
             str(e, "/outcome") == "403";
  EXPECT_TRUE(found) << "a refused attempt on a patient's record belongs to its access history: " << dump(entries);
  // And nothing says the researcher read it successfully.
  for (const auto& e : entries) {
    if (str(e, "/username") == username_for(Role::researcher)) {
      EXPECT_NE(str(e, "/outcome"), "ok") << dump(entries);
    }
  }
}

TEST_F(Audit, RefusedResearcherSearchOfAPatientsScoresIsAuditedWith403) {
  // Asking for P's pain scores is an attempt on P's chart as much as asking for P.
  const std::string patient = create_patient();
  create_observation(pain_observation(patient, std::int64_t{6}, minutes_ago(3)));
  auto r = client().get("/fhir/Observation?subject=Patient/" + patient, as(Role::researcher));
  ASSERT_EQ(r.status, 403) << r.describe();

  auto entries = audit_of(patient);
  bool found = false;
  for (const auto& e : entries)
    found |= str(e, "/username") == username_for(Role::researcher) && str(e, "/outcome") == "403";
  EXPECT_TRUE(found) << "the refused search names Patient/" << patient << " but is not in its access history: "
                     << dump(entries);
}

TEST_F(Audit, ReadingTheAuditIsItselfAudited) {
  const std::string patient = create_patient();
  audit_of(patient);
  auto entries = audit_of(patient);
  // Who read the patient's history, and with which filter.
  EXPECT_TRUE(has_entry(entries, "read-audit", username_for(Role::admin), "admin", "AuditLog",
                        "patient=" + patient + "&limit=100", "ok"))
      << dump(entries);
}

TEST_F(Audit, ReadingTheWholeSitesAuditIsItselfAuditedWithItsFilter) {
  // The site-wide trail names every patient whose record anyone touched: reading it is an access.
  create_patient();
  auto site = client().get("/api/v1/audit?before=999999999&limit=7", as(Role::admin));
  ASSERT_EQ(site.status, 200) << site.describe();
  EXPECT_FALSE(site.json().at("entries").as_array().empty());
  auto later = client().get("/api/v1/audit?limit=20", as(Role::admin));
  ASSERT_EQ(later.status, 200) << later.describe();
  std::vector<json::object> entries;
  const auto body = later.json();
  for (const auto& e : body.at("entries").as_array()) entries.push_back(e.as_object());
  EXPECT_TRUE(has_entry(entries, "read-audit", username_for(Role::admin), "admin", "AuditLog",
                        "before=999999999&limit=7", "ok"))
      << dump(entries);
  for (const auto& e : entries)
    if (str(e, "/resourceId") == "before=999999999&limit=7") {
      EXPECT_EQ(str(e, "/patient"), "") << dump(entries);
    }
}

}  // namespace
}  // namespace relief::testing
