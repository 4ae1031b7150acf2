// The acute pain service over HTTP: consults, orders signed against the dose check, bedside
// assessments that raise alerts, acknowledgement by name, and the census.
#include <algorithm>

#include "http_test_support.hpp"

namespace relief::testing {
namespace {

class AcuteService : public ServerSuite {
 protected:
  // A child (10 years old unless said) weighing `kg`, with an accepted acute pain consult;
  // returns {patient, consult}.
  static std::pair<std::string, std::string> child_on_service(double kg, int age_days = 10 * 365 + 20) {
    PatientSpec spec;
    spec.birth_date = utc_date_in_days(-age_days);
    const std::string patient = create_patient(spec);
    json::object weight{{"resourceType", "Observation"},
                        {"status", "final"},
                        {"code", json::object{{"coding", json::array{json::object{{"system", kLoinc}, {"code", "29463-7"}}}}}},
                        {"subject", json::object{{"reference", "Patient/" + patient}}},
                        {"effectiveDateTime", minutes_ago(60)},
                        {"valueQuantity", json::object{{"value", kg}, {"unit", "kg"}, {"system", "http://unitsofmeasure.org"}, {"code", "kg"}}}};
    create_observation(weight);
    auto consult = client().post("/api/v1/acute/consults",
                                 R"({"patient":")" + patient + R"(","reason":"surgery","detail":"posterior spinal fusion",)"
                                 R"("requesting_service":"orthopaedics","urgency":"urgent","location":"Ward 5 bed 12"})",
                                 as(Role::nurse));
    EXPECT_EQ(consult.status, 201) << consult.describe();
    const std::string consult_id = str(consult.json(), "/id");
    auto accepted = client().post("/api/v1/acute/consults/" + consult_id + "/accept", "{}", as(Role::physician));
    EXPECT_EQ(accepted.status, 200) << accepted.describe();
    return {patient, consult_id};
  }

  static std::string morphine_pca(const std::string& patient, const std::string& consult, double demand_mg,
                                  const std::string& override_reason = "") {
    return R"({"patient":")" + patient + R"(","consult":")" + consult + R"(",)" +
           (override_reason.empty() ? "" : R"("override_reason":")" + override_reason + R"(",)") +
           R"("order":{"kind":"pca","pca":{"drug":"morphine","concentration":{"value":1,"unit":"mg_per_ml"},)"
           R"("demand_dose":{"value":)" + std::to_string(demand_mg) + R"(,"unit":"mg"},"lockout_min":10,)"
           R"("limit_1h":{"value":2,"unit":"mg"},"limit_4h":{"value":6,"unit":"mg"}}}})";
  }

  // A POSS level as a FHIR client charts it: Relief's local code, the level as valueInteger.
  static json::object poss_observation(const std::string& patient, int level, const std::string& when) {
    return json::object{{"resourceType", "Observation"},
                        {"status", "final"},
                        {"code", json::object{{"coding", json::array{json::object{
                                                    {"system", "https://relief.example.org/fhir/CodeSystem/relief-observation"},
                                                    {"code", "poss"}}}}}},
                        {"subject", json::object{{"reference", "Patient/" + patient}}},
                        {"effectiveDateTime", when},
                        {"valueInteger", level}};
  }

  static json::array census_rows() {
    auto r = client().get("/api/v1/acute/census", as(Role::nurse));
    EXPECT_EQ(r.status, 200) << r.describe();
    // The bedside form asks for the ward's sedation scale (default POSS).
    EXPECT_EQ(r.json().at_pointer("/monitoring/sedation_scale"), "poss") << r.describe();
    return r.json().at("patients").as_array();
  }

  static json::value census_row_of(const std::string& patient) {
    for (const auto& row : census_rows())
      if (row.at_pointer("/patient/id").as_string() == patient) return row;
    ADD_FAILURE() << "patient " << patient << " is not on the census";
    return json::object{{"orders", json::array{}}, {"alerts", json::array{}}, {"due", json::array{}}};
  }
};

TEST_F(AcuteService, AMorphinePcaWithinTheLimitIsSignedAndAnOverdoseIsRefusedWithItsLimitAndSource) {
  // 20 kg: 0.4 mg demand = 20 mcg/kg (within 10-20 mcg/kg); 0.8 mg = 40 mcg/kg (refused).
  auto [patient, consult] = child_on_service(20);
  auto refused = client().post("/api/v1/acute/orders", morphine_pca(patient, consult, 0.8), as(Role::physician));
  ASSERT_EQ(refused.status, 422) << refused.describe();
  auto body = refused.json();
  EXPECT_EQ(str(body, "/error/code"), "dose-refused");
  bool found = false;
  for (const auto& f : body.at_pointer("/dose_check/findings").as_array()) {
    if (f.at("severity") != "refuse") continue;
    found = true;
    EXPECT_NEAR(f.at_pointer("/computed/value").to_number<double>(), 40, 1e-6);
    EXPECT_EQ(f.at_pointer("/computed/unit"), "mcg/kg");
    EXPECT_FALSE(f.at("source").as_string().empty());
    EXPECT_GT(f.at_pointer("/limit/value").to_number<double>(), 0);
  }
  EXPECT_TRUE(found) << refused.describe();
  EXPECT_NE(str(body, "/dose_check/notice").find("pharmacy"), std::string::npos);
  // The refusal showed the child's weight: it is in the chart's access history.
  auto audit = client().get("/api/v1/audit?patient=" + patient, as(Role::admin));
  ASSERT_EQ(audit.status, 200) << audit.describe();
  bool audited = false;
  const auto entries = audit.json();
  for (const auto& e : entries.at("entries").as_array()) audited |= e.at("action") == "dose-refused";
  EXPECT_TRUE(audited) << audit.describe();

  auto signed_order = client().post("/api/v1/acute/orders", morphine_pca(patient, consult, 0.4), as(Role::physician));
  ASSERT_EQ(signed_order.status, 201) << signed_order.describe();
  EXPECT_EQ(str(signed_order.json(), "/status"), "active");
  auto row = census_row_of(patient);
  ASSERT_EQ(row.at("orders").as_array().size(), 1u);
  EXPECT_EQ(row.at_pointer("/orders/0/order/pca/drug"), "morphine");
  EXPECT_EQ(row.at("weight_kg").to_number<double>(), 20);
}

TEST_F(AcuteService, ASoftLimitNeedsAnOverrideReasonWhichIsAudited) {
  // 0.5 mg for 20 kg = 25 mcg/kg: above the usual range, below the hard limit.
  auto [patient, consult] = child_on_service(20);
  auto without = client().post("/api/v1/acute/orders", morphine_pca(patient, consult, 0.5), as(Role::physician));
  ASSERT_EQ(without.status, 422) << without.describe();
  EXPECT_EQ(str(without.json(), "/error/code"), "override-required");
  auto with = client().post("/api/v1/acute/orders",
                            morphine_pca(patient, consult, 0.5, "opioid-tolerant after 3 weeks of morphine"),
                            as(Role::physician));
  ASSERT_EQ(with.status, 201) << with.describe();
  EXPECT_EQ(str(with.json(), "/override_reason"), "opioid-tolerant after 3 weeks of morphine");
  auto audit = client().get("/api/v1/audit?patient=" + patient, as(Role::admin));
  EXPECT_NE(audit.body.find("override-dose-warning"), std::string::npos) << audit.describe();
}

TEST_F(AcuteService, ConsultsAndOrdersReadAsFhirServiceRequestAndMedicationRequest) {
  auto [patient, consult] = child_on_service(20);
  ASSERT_EQ(client().post("/api/v1/acute/orders", morphine_pca(patient, consult, 0.4), as(Role::physician)).status, 201);
  auto sr = client().get("/fhir/ServiceRequest/" + consult, as(Role::nurse));
  ASSERT_EQ(sr.status, 200) << sr.describe();
  EXPECT_EQ(str(sr.json(), "/resourceType"), "ServiceRequest");
  EXPECT_EQ(str(sr.json(), "/status"), "active");
  EXPECT_EQ(str(sr.json(), "/intent"), "order");
  EXPECT_EQ(str(sr.json(), "/priority"), "urgent");
  EXPECT_EQ(str(sr.json(), "/reasonCode/0/text"), "surgery: posterior spinal fusion");
  EXPECT_EQ(str(sr.json(), "/subject/reference"), "Patient/" + patient);
  auto bundle = search("/fhir/MedicationRequest?subject=Patient/" + patient, Role::nurse);
  auto orders = entry_resources(bundle);
  ASSERT_EQ(orders.size(), 1u) << json_text(bundle);
  EXPECT_EQ(orders[0].at("status"), "active");
  EXPECT_EQ(json::value(orders[0]).at_pointer("/medicationCodeableConcept/text"), "morphine");
  std::string dosage(json::value(orders[0]).at_pointer("/dosageInstruction/0/text").as_string());
  EXPECT_NE(dosage.find("demand 0.4 mg"), std::string::npos) << dosage;
  EXPECT_NE(dosage.find("lockout 10 min"), std::string::npos) << dosage;
  EXPECT_EQ(client().get("/fhir/MedicationRequest/nothing", as(Role::nurse)).status, 404);
  EXPECT_EQ(client().get("/fhir/ServiceRequest/" + consult, as(Role::researcher)).status, 403);
}

TEST_F(AcuteService, AConsultReadsAsAnEncounterFromAcceptanceToSignOff) {
  auto [patient, consult] = child_on_service(20);
  auto e = client().get("/fhir/Encounter/" + consult, as(Role::nurse));
  ASSERT_EQ(e.status, 200) << e.describe();
  auto enc = e.json();
  EXPECT_EQ(str(enc, "/resourceType"), "Encounter");
  EXPECT_EQ(str(enc, "/status"), "in-progress");
  EXPECT_EQ(str(enc, "/class/code"), "IMP");
  EXPECT_EQ(str(enc, "/class/system"), "http://terminology.hl7.org/CodeSystem/v3-ActCode");
  EXPECT_EQ(str(enc, "/priority/coding/0/code"), "UR");  // the consult was urgent
  EXPECT_EQ(str(enc, "/subject/reference"), "Patient/" + patient);
  EXPECT_EQ(str(enc, "/basedOn/0/reference"), "ServiceRequest/" + consult);
  EXPECT_EQ(str(enc, "/location/0/location/display"), "Ward 5 bed 12");
  EXPECT_FALSE(str(enc, "/period/start").empty());
  EXPECT_FALSE(enc.as_object().at("period").as_object().contains("end"));

  ASSERT_EQ(client().post("/api/v1/acute/consults/" + consult + "/sign-off", R"({"follow_up":"pain clinic"})",
                          as(Role::physician)).status, 200);
  auto done = client().get("/fhir/Encounter/" + consult, as(Role::nurse)).json();
  EXPECT_EQ(str(done, "/status"), "finished");
  EXPECT_FALSE(str(done, "/period/end").empty());
  auto bundle = search("/fhir/Encounter?patient=Patient/" + patient, Role::nurse);
  EXPECT_EQ(entry_resources(bundle).size(), 1u) << json_text(bundle);
  auto cap = client().get("/fhir/metadata", as(Role::nurse));
  EXPECT_NE(cap.body.find("\"Encounter\""), std::string::npos);
}

// A FHIR client reads the consult as an Encounter and charts a score in it: the same child's
// encounter is taken, another child's is refused (it would file the score under their visit).
TEST_F(AcuteService, AScoreMayNameTheChildsConsultAsItsEncounterButNotAnotherChilds) {
  auto [patient, consult] = child_on_service(20);
  auto [other, others_consult] = child_on_service(30);
  auto score = pain_observation(patient, std::int64_t{3}, minutes_ago(2));
  score["encounter"] = json::object{{"reference", "Encounter/" + consult}};
  auto charted = client().post("/fhir/Observation", json_text(score), as(Role::nurse));
  EXPECT_EQ(charted.status, 201) << charted.describe();
  EXPECT_EQ(str(charted.json(), "/encounter/reference"), "Encounter/" + consult);
  score["encounter"] = json::object{{"reference", "Encounter/" + others_consult}};
  auto refused = client().post("/fhir/Observation", json_text(score), as(Role::nurse));
  EXPECT_EQ(refused.status, 422) << refused.describe();
  EXPECT_TRUE(contains(issue_expressions(refused.json()), "encounter")) << refused.describe();
  (void)other;
}

TEST_F(AcuteService, AnOrderIsChangedAndStoppedWithReasonsAndKeepsEveryVersion) {
  auto [patient, consult] = child_on_service(20);
  auto started = client().post("/api/v1/acute/orders", morphine_pca(patient, consult, 0.3), as(Role::physician));
  ASSERT_EQ(started.status, 201) << started.describe();
  const std::string id = str(started.json(), "/id");
  // The change is checked like a new order (the old version does not count twice): 0.4 mg is
  // 20 mcg/kg for 20 kg, within the usual range.
  std::string change = morphine_pca(patient, consult, 0.4);
  change.insert(1, R"("replaces":")" + id + R"(","replaces_version":1,"change_reason":"pain 7/10 on 0.3 mg",)");
  auto changed = client().post("/api/v1/acute/orders", change, as(Role::physician));
  ASSERT_EQ(changed.status, 201) << changed.describe();
  EXPECT_EQ(str(changed.json(), "/id"), id);
  EXPECT_EQ(changed.json().at("version").to_number<int>(), 2);

  // A colleague's screen still shows version 1: their change would undo this one unseen.
  std::string stale = morphine_pca(patient, consult, 0.35);
  stale.insert(1, R"("replaces":")" + id + R"(","replaces_version":1,"change_reason":"pain 6/10",)");
  auto refused = client().post("/api/v1/acute/orders", stale, as(Role::physician));
  ASSERT_EQ(refused.status, 409) << refused.describe();
  EXPECT_NE(str(refused.json(), "/error/message").find("now version 2"), std::string::npos) << refused.describe();
  EXPECT_NE(str(refused.json(), "/error/message").find("demand 0.4 mg"), std::string::npos) << refused.describe();
  // A change must say which version it changes.
  std::string unversioned = morphine_pca(patient, consult, 0.35);
  unversioned.insert(1, R"("replaces":")" + id + R"(","change_reason":"pain 6/10",)");
  auto no_version = client().post("/api/v1/acute/orders", unversioned, as(Role::physician));
  ASSERT_EQ(no_version.status, 422) << no_version.describe();
  EXPECT_NE(no_version.body.find("replaces_version"), std::string::npos) << no_version.describe();
  auto row = census_row_of(patient);
  ASSERT_EQ(row.at("orders").as_array().size(), 1u);
  std::string summary(row.at_pointer("/orders/0/summary").as_string());
  EXPECT_NE(summary.find("demand 0.4 mg"), std::string::npos) << summary;

  auto stopped = client().post("/api/v1/acute/orders/" + id + "/stop", R"({"reason":"converted to oral"})",
                               as(Role::physician));
  ASSERT_EQ(stopped.status, 200) << stopped.describe();
  EXPECT_EQ(client().post("/api/v1/acute/orders/" + id + "/stop", "{}", as(Role::physician)).status, 422);
  auto again = client().post("/api/v1/acute/orders", change, as(Role::physician));
  EXPECT_EQ(again.status, 422) << again.describe();  // a stopped order cannot be changed
  EXPECT_TRUE(census_row_of(patient).at("orders").as_array().empty());

  auto h = client().get("/api/v1/acute/orders/" + id + "/history", as(Role::nurse));
  ASSERT_EQ(h.status, 200) << h.describe();
  const auto versions = h.json().at("versions").as_array();
  ASSERT_EQ(versions.size(), 3u) << h.describe();
  EXPECT_EQ(versions[0].at("status"), "stopped");
  EXPECT_EQ(versions[0].at("change_reason"), "converted to oral");
  EXPECT_EQ(versions[1].at("change_reason"), "pain 7/10 on 0.3 mg");
  EXPECT_EQ(versions[2].at("change_reason"), "start");
  EXPECT_NE(std::string(versions[2].at("summary").as_string()).find("demand 0.3 mg"), std::string::npos);
  EXPECT_EQ(client().get("/api/v1/acute/orders/nothing/history", as(Role::nurse)).status, 404);
  EXPECT_EQ(client().get("/api/v1/acute/orders/" + id + "/history", as(Role::researcher)).status, 403);
}

// A PCA beside an epidural's fentanyl needs a reason (two opioid sources). Lowering its dose
// asked for that reason again; the version it replaces now answers for the warnings it keeps.
// A change with a new or worse warning still asks.
TEST_F(AcuteService, AChangeKeepingTheSameWarningsCarriesTheirOverrideReason) {
  auto [patient, consult] = child_on_service(20);
  auto epidural = client().post(
      "/api/v1/acute/orders",
      R"({"patient":")" + patient + R"(","order":{"kind":"epidural","catheter":{"site":"L3-4 epidural","drug":"bupivacaine",)"
      R"("concentration":{"value":0.1,"unit":"percent"},"rate_ml_h":6,)"
      R"("additives":[{"drug":"fentanyl","concentration":{"value":2,"unit":"mcg_per_ml"}}]}}})",
      as(Role::physician));
  ASSERT_EQ(epidural.status, 201) << epidural.describe();
  EXPECT_EQ(client().post("/api/v1/acute/orders", morphine_pca(patient, consult, 0.3), as(Role::physician)).status, 422);
  auto pca = client().post("/api/v1/acute/orders", morphine_pca(patient, consult, 0.3, "epidural weaning tonight"),
                           as(Role::physician));
  ASSERT_EQ(pca.status, 201) << pca.describe();
  const std::string id = str(pca.json(), "/id");
  std::string lower = morphine_pca(patient, consult, 0.2);
  lower.insert(1, R"("replaces":")" + id + R"(","replaces_version":1,"change_reason":"drowsy",)");
  auto lowered = client().post("/api/v1/acute/orders", lower, as(Role::physician));
  ASSERT_EQ(lowered.status, 201) << lowered.describe();
  EXPECT_NE(str(lowered.json(), "/override_reason").find("epidural weaning tonight"), std::string::npos) << lowered.describe();
  // 0.5 mg is 25 mcg/kg: over the soft 20, a warning the earlier versions did not have.
  std::string higher = morphine_pca(patient, consult, 0.5);
  higher.insert(1, R"("replaces":")" + id + R"(","replaces_version":2,"change_reason":"pain 8/10",)");
  auto raised = client().post("/api/v1/acute/orders", higher, as(Role::physician));
  EXPECT_EQ(raised.status, 422) << raised.describe();
  EXPECT_EQ(str(raised.json(), "/error/code"), "override-required") << raised.describe();
}

TEST_F(AcuteService, NonPcaModalitiesAreOrderedAndDescribedOnTheCensus) {
  auto [patient, consult] = child_on_service(20);
  // Acetaminophen 15 mg/kg IV every 6 h: 300 mg, 60 mg/kg/day, within the daily maximum.
  auto para = client().post("/api/v1/acute/orders",
                            R"({"patient":")" + patient + R"(","consult":")" + consult +
                                R"(","order":{"kind":"scheduled_dose","scheduled":{"drug":"acetaminophen","route":"iv",)"
                                R"("dose":{"value":300,"unit":"mg"},"interval_h":6}}})",
                            as(Role::physician));
  ASSERT_EQ(para.status, 201) << para.describe();
  // 20 mg/kg is twice the usual single dose: refused with the limit.
  auto over = client().post("/api/v1/acute/orders",
                            R"({"patient":")" + patient + R"(","order":{"kind":"scheduled_dose","scheduled":{)"
                                R"("drug":"acetaminophen","route":"oral","dose":{"value":400,"unit":"mg"},"interval_h":6}}})",
                            as(Role::physician));
  EXPECT_EQ(over.status, 422) << over.describe();
  auto dog = client().post("/api/v1/acute/orders",
                           R"({"patient":")" + patient + R"(","consult":")" + consult +
                               R"(","order":{"kind":"non_drug","non_drug":{"kind":"animal_assisted",)"
                               R"("description":"therapy dog visit","frequency":"daily"}}})",
                           as(Role::physician));
  ASSERT_EQ(dog.status, 201) << dog.describe();
  // FHIR carries the acetaminophen as a MedicationRequest; the therapy dog is not a medication.
  EXPECT_EQ(entry_resources(search("/fhir/MedicationRequest?subject=Patient/" + patient, Role::nurse)).size(), 1u);
  EXPECT_EQ(client().get("/fhir/MedicationRequest/" + str(dog.json(), "/id"), as(Role::nurse)).status, 404);
  std::vector<std::string> summaries;
  const auto row = census_row_of(patient);
  for (const auto& o : row.at("orders").as_array()) {
    ASSERT_TRUE(o.as_object().contains("summary")) << json_text(row);
    summaries.emplace_back(o.at("summary").as_string());
  }
  ASSERT_EQ(summaries.size(), 2u);
  auto has = [&](const std::string& text) {
    return std::any_of(summaries.begin(), summaries.end(), [&](auto& s) { return s.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(has("acetaminophen 300 mg IV every 6 h")) << summaries[0] << " | " << summaries[1];
  EXPECT_TRUE(has("animal assisted (therapy dog visit), daily")) << summaries[0] << " | " << summaries[1];

  auto f = client().get("/api/v1/acute/formulary", as(Role::physician));
  ASSERT_EQ(f.status, 200) << f.describe();
  bool morphine = false;
  const auto formulary = f.json();
  for (const auto& d : formulary.at("drugs").as_array())
    if (d.at("id") == "morphine") {
      morphine = d.at("class") == "opioid" && d.at("routes").as_array().size() >= 1;
      // The formulary's soft limit: children from about 6 years work the button themselves.
      EXPECT_EQ(d.at("pca_patient_controlled_from_months").to_number<double>(), 72) << f.describe();
    }
  EXPECT_TRUE(morphine) << f.describe();
}

TEST_F(AcuteService, TheDailyRoundNoteGoesOnThePatientsTimeline) {
  auto [patient, consult] = child_on_service(20);
  auto r = client().post("/api/v1/acute/consults/" + consult + "/notes",
                         R"({"text":"POD1: pain 3/10 on PCA, POSS 2, eating; continue PCA, start oral ibuprofen"})",
                         as(Role::nurse_practitioner));
  ASSERT_EQ(r.status, 201) << r.describe();
  auto timeline = client().get("/api/v1/patients/" + patient + "/timeline", as(Role::nurse));
  ASSERT_EQ(timeline.status, 200);
  EXPECT_NE(timeline.body.find("daily-round"), std::string::npos);
  EXPECT_NE(timeline.body.find("continue PCA"), std::string::npos);
  EXPECT_NE(timeline.body.find("\"recorded_by\""), std::string::npos) << "who wrote the note";
  EXPECT_EQ(client().post("/api/v1/acute/consults/" + consult + "/notes", R"({"text":""})", as(Role::nurse)).status, 422);
  EXPECT_EQ(client().post("/api/v1/acute/consults/" + consult + "/notes", R"({"text":"   \n "})", as(Role::nurse)).status, 422);
}

TEST_F(AcuteService, OnlyPrescribersOrder) {
  auto [patient, consult] = child_on_service(20);
  EXPECT_EQ(client().post("/api/v1/acute/orders", morphine_pca(patient, consult, 0.4), as(Role::nurse)).status, 403);
  EXPECT_EQ(client().post("/api/v1/acute/orders", morphine_pca(patient, consult, 0.4), as(Role::admin)).status, 403);
  EXPECT_EQ(client().post("/api/v1/acute/orders", morphine_pca(patient, consult, 0.4), as(Role::nurse_practitioner)).status,
            201);
}

TEST_F(AcuteService, SedationAtTheHoldThresholdRaisesAnAlertThatANurseAcknowledgesByName) {
  auto [patient, consult] = child_on_service(30);
  // POSS 3: frequently drowsy, drifts off mid-sentence: unacceptable on opioids.
  auto r = client().post("/api/v1/acute/assessments",
                         R"({"patient":")" + patient + R"(","pain":3,"sedation":{"scale":"poss","level":"3"},"respiratory_rate":16})",
                         as(Role::nurse));
  ASSERT_EQ(r.status, 201) << r.describe();
  auto raised = r.json().at("raised").as_array();
  ASSERT_EQ(raised.size(), 1u) << r.describe();
  EXPECT_EQ(raised[0].at_pointer("/alert/kind"), "sedation_hold");
  const std::string alert = std::string(raised[0].at("id").as_string());

  auto row = census_row_of(patient);
  ASSERT_EQ(row.at("alerts").as_array().size(), 1u);
  EXPECT_EQ(row.at_pointer("/latest_sedation/value").to_number<double>(), 3);

  // An acknowledgement says what was done: without it the alert stays open.
  for (const char* body : {"{}", R"({"action_taken":""})", R"({"action_taken":"   "})"}) {
    auto refused = client().post("/api/v1/acute/alerts/" + alert + "/acknowledge", body, as(Role::nurse));
    EXPECT_EQ(refused.status, 422) << body << " " << refused.describe();
  }
  ASSERT_EQ(census_row_of(patient).at("alerts").as_array().size(), 1u);
  auto ack = client().post("/api/v1/acute/alerts/" + alert + "/acknowledge",
                           R"({"action_taken":"PCA held, fellow paged"})", as(Role::nurse));
  ASSERT_EQ(ack.status, 200) << ack.describe();
  EXPECT_EQ(str(ack.json(), "/status"), "acknowledged");
  EXPECT_FALSE(str(ack.json(), "/acknowledged_by").empty());
  EXPECT_TRUE(census_row_of(patient).at("alerts").as_array().empty());
  EXPECT_EQ(client().post("/api/v1/acute/alerts/" + alert + "/acknowledge", "{}", as(Role::nurse)).status, 422);
  // Off the census, the chart's timeline still says who acknowledged it and what was done.
  auto timeline = client().get("/api/v1/patients/" + patient + "/timeline", as(Role::physician));
  ASSERT_EQ(timeline.status, 200) << timeline.describe();
  bool found = false;
  const auto body = timeline.json();
  for (const auto& item : body.at("items").as_array())
    if (item.at("kind") == "alert") {
      found = true;
      EXPECT_EQ(item.at("status"), "acknowledged");
      EXPECT_EQ(item.at("action_taken"), "PCA held, fellow paged");
      EXPECT_FALSE(item.at("acknowledged_by").as_string().empty());
    }
  EXPECT_TRUE(found) << timeline.describe();
}

TEST_F(AcuteService, ASedationScoreFromAnInstrumentOrAFhirClientAlertsLikeTheBedsideForm) {
  // UMSS 4: unrousable. However it is charted, the opioid must be stopped and the service called.
  auto [patient, consult] = child_on_service(30);
  auto r = client().post("/api/v1/patients/" + patient + "/administrations",
                         R"({"instrument":"umss","reporter":"clinician","answers":{"level":4}})", as(Role::nurse));
  ASSERT_EQ(r.status, 201) << r.describe();
  auto raised = r.json().at("alerts_raised").as_array();
  ASSERT_EQ(raised.size(), 1u) << r.describe();
  EXPECT_EQ(raised[0].at_pointer("/alert/rule"), "sedation/umss-stop") << r.describe();
  auto row = census_row_of(patient);
  ASSERT_EQ(row.at("alerts").as_array().size(), 1u) << json_text(row);

  // The same from a FHIR client: a POSS of 4 (somnolent, minimal or no response) on another child.
  auto [second, second_consult] = child_on_service(25);
  create_observation(poss_observation(second, 4, minutes_ago(1)));
  auto alerts = census_row_of(second).at("alerts").as_array();
  ASSERT_EQ(alerts.size(), 1u) << json_text(alerts);
  EXPECT_EQ(alerts[0].at_pointer("/alert/rule"), "sedation/poss-stop");

  // Acknowledged, it stays acknowledged: charting the child again (here a correction of an
  // older observation) does not raise it a second time.
  auto ack = client().post("/api/v1/acute/alerts/" + std::string(alerts[0].at("id").as_string()) + "/acknowledge",
                           R"({"action_taken":"PCA stopped, naloxone given"})", as(Role::nurse));
  ASSERT_EQ(ack.status, 200) << ack.describe();
  create_observation(pain_observation(second, std::int64_t{2}, minutes_ago(5)));
  EXPECT_TRUE(census_row_of(second).at("alerts").as_array().empty()) << json_text(census_row_of(second));

  // A child who is not on the service is charted, but not monitored by the service's rules.
  const std::string outpatient = create_patient();
  auto clinic = client().post("/api/v1/patients/" + outpatient + "/administrations",
                              R"({"instrument":"umss","reporter":"clinician","answers":{"level":4}})", as(Role::nurse));
  ASSERT_EQ(clinic.status, 201) << clinic.describe();
  EXPECT_TRUE(clinic.json().at("alerts_raised").as_array().empty());
}

TEST_F(AcuteService, APossOfZeroFromAFhirClientIsReadAsAsleepAndBlocksNothing) {
  // POSS has no level 0; the bedside form stores "S" (asleep) as 0. A FHIR client's 0 must not
  // make every later assessment of the child fail.
  auto [patient, consult] = child_on_service(30);
  create_observation(poss_observation(patient, 0, minutes_ago(10)));
  auto r = client().post("/api/v1/acute/assessments", R"({"patient":")" + patient + R"(","pain":3})", as(Role::nurse));
  EXPECT_EQ(r.status, 201) << r.describe();
}

// A pain score under the body weight's code (29463-7) was stored as a weight of 10 kg for a
// 4.5 kg infant, and the next dose check used it: only a pain scale's code may chart a pain.
TEST_F(AcuteService, APainScoreCannotBeChartedUnderAnotherMeasuresCode) {
  auto [patient, consult] = child_on_service(4.5);
  for (const char* code : {"29463-7", "12345-6", "poss"}) {
    auto r = client().post("/api/v1/acute/assessments",
                           R"({"patient":")" + patient + R"(","pain":10,"pain_code":")" + code + R"("})", as(Role::nurse));
    EXPECT_EQ(r.status, 422) << code << " " << r.describe();
    EXPECT_EQ(r.json().at_pointer("/error/problems/0/field"), "pain_code") << r.describe();
  }
  EXPECT_EQ(census_row_of(patient).at("weight_kg").to_number<double>(), 4.5);
  // FLACC's code is a pain scale's: charted as pain.
  auto flacc = client().post("/api/v1/acute/assessments",
                             R"({"patient":")" + patient + R"(","pain":4,"pain_code":"38213-5"})", as(Role::nurse));
  EXPECT_EQ(flacc.status, 201) << flacc.describe();
}

// A neonate scored by NIPS, 1+2+1+1+1+1 = 7, the top of its 0-7 range: the census showed no
// pain at all (it read only the 0-10 scales). Now it shows the 7 with its scale.
TEST_F(AcuteService, ANeonatesNipsIsTheLatestPainOnTheCensusWithItsScale) {
  auto [patient, consult] = child_on_service(3.4, 12);
  auto r = client().post("/api/v1/patients/" + patient + "/administrations",
                         R"({"instrument":"nips","reporter":"clinician","answers":{"facial_expression":1,"cry":2,)"
                         R"("breathing_patterns":1,"arms":1,"legs":1,"state_of_arousal":1}})",
                         as(Role::nurse));
  ASSERT_EQ(r.status, 201) << r.describe();
  auto row = census_row_of(patient);
  EXPECT_EQ(row.at_pointer("/latest_pain/value").to_number<double>(), 7) << json_text(row);
  EXPECT_EQ(row.at_pointer("/latest_pain/scale"), "NIPS") << json_text(row);
  EXPECT_EQ(row.at_pointer("/latest_pain/max").to_number<double>(), 7) << json_text(row);
  EXPECT_EQ(row.at_pointer("/patient/age/days").to_number<int>(), 12) << "a newborn's age in days";
  // 7 is at or above NIPS's severe band (5 [S38]): a reassessment is due, as for a 7 of 10.
  ASSERT_EQ(row.at("due").as_array().size(), 1u) << json_text(row);
  EXPECT_EQ(row.at_pointer("/due/0/rule"), "pain/reassess-severe") << json_text(row);
  // A score charted from the chart is the service's first assessment too (only the bedside
  // form's counted, and the statistics' time to first assessment missed the rest).
  EXPECT_TRUE(row.at_pointer("/consult/first_assessed_at").is_string()) << json_text(row);
}

// UMSS and RASS are integer scales: a level sent as a number is read as one; POSS has no 0
// (its lowest is S, asleep), so a 0 is refused before anything is charted. A child who is not on
// the service gets the rules' verdict in the answer, but no alert opens on the service's board,
// as for a score charted any other way.
// A charted SpO2 was seen nowhere on the board; the census now gives the latest, and says
// whether the site's SpO2 rule is on (null: no minimum set, no alert).
TEST_F(AcuteService, TheCensusShowsTheLatestSpo2AndWhetherItAlerts) {
  auto [patient, consult] = child_on_service(20);
  auto r = client().post("/api/v1/acute/assessments", R"({"patient":")" + patient + R"(","spo2":88})", as(Role::nurse));
  ASSERT_EQ(r.status, 201) << r.describe();
  auto row = census_row_of(patient);
  EXPECT_EQ(row.at_pointer("/latest_spo2/value").to_number<double>(), 88) << json_text(row);
  auto census = client().get("/api/v1/acute/census", as(Role::nurse));
  EXPECT_TRUE(census.json().at_pointer("/monitoring/spo2_minimum").is_null()) << census.describe();
}

TEST_F(AcuteService, SedationLevelsAreReadAsTheScaleHasThem) {
  auto [patient, consult] = child_on_service(20);
  auto umss = client().post("/api/v1/acute/assessments",
                            R"({"patient":")" + patient + R"(","sedation":{"scale":"umss","level":3}})", as(Role::nurse));
  ASSERT_EQ(umss.status, 201) << umss.describe();
  EXPECT_EQ(umss.json().at("raised").as_array().size(), 1u) << umss.describe();
  auto zero = client().post("/api/v1/acute/assessments",
                            R"({"patient":")" + patient + R"(","sedation":{"scale":"poss","level":"0"}})", as(Role::nurse));
  EXPECT_EQ(zero.status, 422) << zero.describe();
  EXPECT_EQ(zero.json().at_pointer("/error/problems/0/field"), "sedation.level") << zero.describe();
  auto missing = client().post("/api/v1/acute/assessments",
                               R"({"patient":")" + patient + R"(","sedation":{"scale":"umss"}})", as(Role::nurse));
  EXPECT_EQ(missing.status, 422) << missing.describe();
  EXPECT_EQ(missing.json().at_pointer("/error/problems/0/field"), "sedation.level") << missing.describe();

  const std::string ward_child = create_patient();
  auto off = client().post("/api/v1/acute/assessments",
                           R"({"patient":")" + ward_child + R"(","sedation":{"scale":"umss","level":4}})", as(Role::nurse));
  ASSERT_EQ(off.status, 201) << off.describe();
  EXPECT_TRUE(off.json().at("raised").as_array().empty()) << off.describe();
  EXPECT_FALSE(off.json().at("alerts").as_array().empty()) << "the rules' verdict is still answered";
}

TEST_F(AcuteService, NonsenseInAConsultOrAnOrderIsExplainedInTheUsersTerms) {
  const std::string patient = create_patient();
  auto consult = client().post("/api/v1/acute/consults",
                               R"({"patient":")" + patient + R"(","reason":"bogus","requesting_service":"surgery"})",
                               as(Role::nurse));
  ASSERT_EQ(consult.status, 422) << consult.describe();
  EXPECT_NE(consult.body.find("one of: surgery"), std::string::npos) << consult.describe();
  EXPECT_EQ(consult.body.find("boost"), std::string::npos) << consult.describe();

  // A demand dose of 1e308 mg is a slip, not a dose to compute (it made the check answer Infinity).
  auto [child, accepted] = child_on_service(30);
  std::string order = morphine_pca(child, accepted, 0.4);
  order.replace(order.find("\"value\":0.4"), std::string("\"value\":0.400000").size(), "\"value\":1e308");
  auto r = client().post("/api/v1/acute/orders", order, as(Role::physician));
  EXPECT_EQ(r.status, 422) << r.describe();
  EXPECT_EQ(r.body.find("Infinity"), std::string::npos) << r.describe();
}

TEST_F(AcuteService, SeverePainMakesAReassessmentDueWithinAnHour) {
  auto [patient, consult] = child_on_service(30);
  auto r = client().post("/api/v1/acute/assessments", R"({"patient":")" + patient + R"(","pain":8})", as(Role::nurse));
  ASSERT_EQ(r.status, 201) << r.describe();
  auto row = census_row_of(patient);
  ASSERT_EQ(row.at("due").as_array().size(), 1u);
  EXPECT_FALSE(row.at_pointer("/due/0/overdue").as_bool());
  EXPECT_EQ(row.at_pointer("/latest_pain/value").to_number<double>(), 8);
}

TEST_F(AcuteService, ASignOffNeedsTheOrdersStoppedAndLeavesTheCensus) {
  auto [patient, consult] = child_on_service(20);
  auto order = client().post("/api/v1/acute/orders", morphine_pca(patient, consult, 0.3), as(Role::physician));
  ASSERT_EQ(order.status, 201) << order.describe();
  auto early = client().post("/api/v1/acute/consults/" + consult + "/sign-off", R"({"follow_up":"pain clinic 2 weeks"})",
                             as(Role::physician));
  EXPECT_EQ(early.status, 422) << early.describe();
  auto stop = client().post("/api/v1/acute/orders/" + str(order.json(), "/id") + "/stop",
                            R"({"reason":"converted to oral analgesia"})", as(Role::physician));
  ASSERT_EQ(stop.status, 200) << stop.describe();
  auto without_follow_up = client().post("/api/v1/acute/consults/" + consult + "/sign-off", R"({"follow_up":" "})",
                                         as(Role::physician));
  EXPECT_EQ(without_follow_up.status, 422) << without_follow_up.describe();
  EXPECT_NE(without_follow_up.body.find("follow_up"), std::string::npos);
  EXPECT_NE(without_follow_up.body.find("say what follow-up the child needs"), std::string::npos) << without_follow_up.describe();
  auto signed_off = client().post("/api/v1/acute/consults/" + consult + "/sign-off",
                                  R"({"follow_up":"pain clinic in 2 weeks"})", as(Role::physician));
  ASSERT_EQ(signed_off.status, 200) << signed_off.describe();
  EXPECT_EQ(str(signed_off.json(), "/follow_up"), "pain clinic in 2 weeks");
  for (const auto& row : census_rows()) EXPECT_NE(std::string(row.at_pointer("/patient/id").as_string()), patient);
}

// The chart says a child is on the service, instead of offering a consult request the service
// then refused naming an internal id.
TEST_F(AcuteService, TheChartSummaryNamesAnOpenConsult) {
  auto [patient, consult] = child_on_service(20);
  auto on = client().get("/api/v1/patients/" + patient + "/summary", as(Role::nurse));
  ASSERT_EQ(on.status, 200) << on.describe();
  EXPECT_EQ(str(on.json(), "/acute_consult/id"), consult);
  EXPECT_EQ(str(on.json(), "/acute_consult/status"), "accepted");
  const std::string other = create_patient();
  auto off = client().get("/api/v1/patients/" + other + "/summary", as(Role::nurse));
  ASSERT_EQ(off.status, 200) << off.describe();
  EXPECT_TRUE(off.json().at("acute_consult").is_null());
}

// A caudal given in theatre has nothing to stop: the consult signs off and the block ends with
// it, a new version "stopped" that says why (it kept the consult open until each was stopped).
TEST_F(AcuteService, ASingleShotBlockDoesNotHoldTheConsultOpen) {
  auto [patient, consult] = child_on_service(20);
  auto block = client().post("/api/v1/acute/orders",
                             R"({"patient":")" + patient + R"(","consult":")" + consult + R"(","order":{"kind":"single_shot_block",)"
                             R"("block":{"site":"caudal","route":"epidural","drug":"bupivacaine",)"
                             R"("concentration":{"value":0.25,"unit":"percent"},"volume_ml":20}}})",
                             as(Role::physician));
  ASSERT_EQ(block.status, 201) << block.describe();
  auto signed_off = client().post("/api/v1/acute/consults/" + consult + "/sign-off",
                                  R"({"follow_up":"none needed"})", as(Role::physician));
  ASSERT_EQ(signed_off.status, 200) << signed_off.describe();
  auto history = client().get("/api/v1/acute/orders/" + str(block.json(), "/id") + "/history", as(Role::nurse));
  ASSERT_EQ(history.status, 200) << history.describe();
  EXPECT_EQ(history.json().at_pointer("/versions/0/status"), "stopped") << history.describe();
  EXPECT_EQ(history.json().at_pointer("/versions/0/change_reason"), "given once; the consult was signed off");
}

TEST_F(AcuteService, ServiceStatisticsCountConsultsModalitiesAlertsAndTimeToFirstAssessment) {
  auto [patient, consult] = child_on_service(25);
  ASSERT_EQ(client().post("/api/v1/acute/orders", morphine_pca(patient, consult, 0.5), as(Role::physician)).status, 201);
  auto assessed = client().post("/api/v1/acute/assessments",
                                R"({"patient":")" + patient + R"(","pain":4,"sedation":{"scale":"poss","level":"4"}})",
                                as(Role::nurse));
  ASSERT_EQ(assessed.status, 201) << assessed.describe();
  const auto raised = assessed.json().at("raised").as_array();
  ASSERT_FALSE(raised.empty()) << assessed.describe();  // POSS 4: stop the opioid
  ASSERT_EQ(client().post("/api/v1/acute/alerts/" + std::string(raised[0].at("id").as_string()) + "/acknowledge",
                          R"({"action_taken":"PCA stopped, naloxone at bedside"})", as(Role::nurse))
                .status,
            200);
  auto r = client().get("/api/v1/acute/statistics", as(Role::physician));
  ASSERT_EQ(r.status, 200) << r.describe();
  const auto stats = r.json();
  const std::string month = utc_date_in_days(0).substr(0, 7);
  EXPECT_GE(stats.at_pointer("/consults_by_month/" + month + "/surgery").to_number<double>(), 1) << r.describe();
  EXPECT_GE(stats.at("consults_assessed").to_number<double>(), 1);
  EXPECT_GE(stats.at("median_minutes_to_first_assessment").to_number<double>(), 0);
  EXPECT_GE(stats.at("alerts").to_number<double>(), 1);
  EXPECT_GE(stats.at("alerts_acknowledged").to_number<double>(), 1);
  EXPECT_TRUE(stats.at("modality_days").as_object().contains("pca")) << r.describe();
  EXPECT_EQ(client().get("/api/v1/acute/statistics?from=last-year", as(Role::physician)).status, 422);
  EXPECT_EQ(client().get("/api/v1/acute/statistics?from=2026-06-01&to=2026-01-01", as(Role::physician)).status, 422);
}

TEST_F(AcuteService, BadOrdersAreClearErrorsNotCrashes) {
  auto [patient, consult] = child_on_service(20);
  EXPECT_EQ(client().post("/api/v1/acute/orders", "{not json", as(Role::physician)).status, 400);
  auto r = client().post("/api/v1/acute/orders",
                         R"({"patient":")" + patient + R"(","order":{"kind":"pca","pca":{"drug":"morphine","lockout_min":2}}})",
                         as(Role::physician));
  EXPECT_EQ(r.status, 422) << r.describe();
  // A field that cannot be read is named, not the whole order ("order: cannot be read: not a number").
  for (auto [order, field] : std::vector<std::pair<std::string, std::string>>{
           {R"({"kind":"pca","pca":{"drug":"morphine","demand_dose":{"value":"0.6","unit":"mg"}}})", "order.pca.demand_dose.value"},
           {R"({"kind":"pca","pca":{"drug":"morphine","demand_dose":{"value":0.6,"unit":"g"}}})", "order.pca.demand_dose.unit"},
           {R"({"kind":"epidural","catheter":{"drug":"bupivacaine","additives":[{"drug":"fentanyl","concentration":{"value":2,"unit":"mcg"}}]}})",
            "order.catheter.additives[0].concentration.unit"}}) {
    auto unreadable = client().post("/api/v1/acute/orders/check", R"({"patient":")" + patient + R"(","order":)" + order + "}",
                                    as(Role::physician));
    EXPECT_EQ(unreadable.status, 422) << unreadable.describe();
    EXPECT_EQ(str(unreadable.json(), "/error/problems/0/field"), field) << unreadable.describe();
  }
  auto unknown = client().post("/api/v1/acute/consults", R"({"patient":"nobody","reason":"surgery","location":"Ward 5 bed 1"})",
                               as(Role::nurse));
  EXPECT_EQ(unknown.status, 404) << unknown.describe();
  auto nowhere = client().post("/api/v1/acute/consults", R"({"patient":")" + patient + R"(","reason":"surgery","location":" "})",
                               as(Role::nurse));
  EXPECT_EQ(nowhere.status, 422) << nowhere.describe();
  EXPECT_NE(nowhere.body.find("ward and bed"), std::string::npos) << nowhere.describe();
  auto bad_reason = client().post("/api/v1/acute/consults", R"({"patient":")" + patient + R"(","reason":"boredom"})",
                                  as(Role::nurse));
  EXPECT_EQ(bad_reason.status, 422) << bad_reason.describe();
}

}  // namespace
}  // namespace relief::testing
