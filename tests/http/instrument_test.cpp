// Administering clinical instruments for a patient over HTTP: scored by the site's definition,
// charted as a QuestionnaireResponse plus one Observation per score, compared with the baseline.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <unistd.h>

#include "http_test_support.hpp"
#include "core/errors.hpp"
#include "instruments/content_pack.hpp"
#include "instruments/site_instruments.hpp"

namespace relief::testing {
namespace {

class Instruments : public ServerSuite {
 protected:
  static HttpResponse administer(const std::string& patient, const std::string& body, Role role = Role::nurse) {
    return client().post("/api/v1/patients/" + patient + "/administrations", body, as(role));
  }
  static json::value administrations(const std::string& patient, const std::string& query = "") {
    auto r = client().get("/api/v1/patients/" + patient + "/administrations" + query, as(Role::physician));
    EXPECT_EQ(r.status, 200) << r.describe();
    return r.json();
  }
};

constexpr const char* kFlaccSix =
    R"({"instrument":"flacc","reporter":"clinician","answers":{"face":1,"legs":2,"activity":1,"cry":1,"consolability":1}})";

TEST_F(Instruments, FlaccOfSixIsScoredAndChartedAsAQuestionnaireResponseAndAnObservation) {
  // A 3-year-old after tonsillectomy, observed by the nurse: face 1 + legs 2 + activity 1 + cry 1 + consolability 1.
  PatientSpec child;
  child.birth_date = utc_date_in_days(-3 * 365 - 40);
  const std::string patient = create_patient(child);
  auto r = administer(patient, kFlaccSix);
  ASSERT_EQ(r.status, 201) << r.describe();
  auto body = r.json();
  EXPECT_EQ(body.at_pointer("/score/total").to_number<double>(), 6);
  EXPECT_EQ(str(body, "/score/band/label"), "moderate pain");
  EXPECT_EQ(str(body, "/recommended"), "flacc");  // a non-verbal 3-year-old: FLACC is the table's choice
  EXPECT_FALSE(body.at_pointer("/overridden").as_bool());
  const std::string response_id = str(body, "/id");
  const std::string observation_id = str(body, "/observations/0/id");
  EXPECT_TRUE(r.header("Location").value_or("").ends_with("/fhir/QuestionnaireResponse/" + response_id));

  auto obs = client().get("/fhir/Observation/" + observation_id, as(Role::physician));
  ASSERT_EQ(obs.status, 200) << obs.describe();
  EXPECT_EQ(str(obs.json(), "/code/coding/0/code"), "38213-5");
  EXPECT_EQ(obs.json().at_pointer("/valueQuantity/value").to_number<double>(), 6);
  EXPECT_EQ(str(obs.json(), "/derivedFrom/0/reference"), "QuestionnaireResponse/" + response_id);
  EXPECT_EQ(str(obs.json(), "/extension/0/valueCode"), "clinician");

  auto qr = client().get("/fhir/QuestionnaireResponse/" + response_id, as(Role::physician));
  ASSERT_EQ(qr.status, 200) << qr.describe();
  EXPECT_EQ(str(qr.json(), "/resourceType"), "QuestionnaireResponse");
  EXPECT_EQ(str(qr.json(), "/status"), "completed");
  EXPECT_EQ(str(qr.json(), "/questionnaire"), "https://relief.example.org/fhir/Questionnaire/flacc|1997");
  int legs = -1;
  const auto qr_json = qr.json();
  for (const auto& item : qr_json.at("item").as_array())
    if (item.at("linkId") == "legs") legs = static_cast<int>(item.at_pointer("/answer/0/valueInteger").as_int64());
  EXPECT_EQ(legs, 2) << "the raw answer is kept as given";

  auto audit = client().get("/api/v1/audit?patient=" + patient, as(Role::admin));
  ASSERT_EQ(audit.status, 200);
  bool response_created = false;
  const auto audit_json = audit.json();
  for (const auto& e : audit_json.at("entries").as_array())
    response_created |= e.at("action") == "create" && e.at("resourceType") == "QuestionnaireResponse";
  EXPECT_TRUE(response_created) << audit.describe();
}

TEST_F(Instruments, TheRecordedRecommendationIsTheOneForTheChildsSituation) {
  // A 5-year-old who rates her own pain on the FPS-R: the table recommends the FPS-R for a
  // self-reporting 4-12-year-old, so nothing was overridden (it used to record an override of
  // FLACC, with no reason, because only the age was considered).
  PatientSpec child;
  child.birth_date = utc_date_in_days(-5 * 365 - 30);
  const std::string patient = create_patient(child);
  auto fps = administer(patient, R"({"instrument":"fps-r","reporter":"self","answers":{"face":4}})");
  ASSERT_EQ(fps.status, 201) << fps.describe();
  EXPECT_EQ(str(fps.json(), "/recommended"), "fps-r") << fps.describe();
  EXPECT_FALSE(fps.json().at_pointer("/overridden").as_bool());

  // Ventilated in the PICU, the same child is scored with COMFORT-B as the table says; FLACC
  // there is an override, with the reason kept.
  auto flacc = administer(patient, R"({"instrument":"flacc","reporter":"clinician","situation":{"ventilated":true},
      "override_reason":"COMFORT-B form not at the bedside","answers":{"face":1,"legs":0,"activity":0,"cry":0,"consolability":0}})");
  ASSERT_EQ(flacc.status, 201) << flacc.describe();
  EXPECT_EQ(str(flacc.json(), "/recommended"), "comfort-b");
  EXPECT_TRUE(flacc.json().at_pointer("/overridden").as_bool());
  // Without the reason the override is not charted: the next nurse could not tell why.
  auto silent = administer(patient, R"({"instrument":"flacc","reporter":"clinician","situation":{"ventilated":true},
      "answers":{"face":1,"legs":0,"activity":0,"cry":0,"consolability":0}})");
  ASSERT_EQ(silent.status, 422) << silent.describe();
  EXPECT_EQ(str(silent.json(), "/error/problems/0/field"), "override_reason") << silent.describe();
  EXPECT_EQ(administer(patient, R"({"instrument":"flacc","reporter":"clinician","situation":{"ventilated":"yes"},
      "answers":{"face":1,"legs":0,"activity":0,"cry":0,"consolability":0}})").status, 422);
}

TEST_F(Instruments, AnAnswerGivenTwiceIsRefusedNotSilentlyTheLastOne) {
  // {"pain": 2, "pain": 9} charted a severe 9 the sender may never have meant.
  const std::string patient = create_patient();
  auto r = administer(patient, R"({"instrument":"nrs-11","reporter":"self","answers":{"pain":2,"pain":9}})");
  EXPECT_EQ(r.status, 400) << r.describe();
  EXPECT_NE(r.body.find("pain"), std::string::npos) << r.describe();
  EXPECT_TRUE(entry_ids(search("/fhir/QuestionnaireResponse?subject=Patient/" + patient)).empty()) << "nothing was charted";
}

// A site that chose the German ICU consensus for the FPS-R (every whole number 0-10) charts
// a 5 from the instrument; a FHIR client's FPS-R is still held to the published 0, 2 ... 10.
TEST(InstrumentSiteOptions, AnFpsROfFiveUnderTheGermanIcuOptionIsCharted) {
  const std::string settings = "/tmp/relief-fps-r-settings-" + std::to_string(getpid()) + ".json";
  {
    std::ofstream out(settings);
    out << R"({"instruments": {"fps-r": {"odd_values": "german_icu_consensus"}}})";
  }
  ServerProcess server(backend_from_environment(), {"--instrument-settings", settings});
  HttpClient client(server.port());
  auto signed_in = login(client, username_for(Role::nurse), kTestPassword);
  ASSERT_EQ(signed_in.status, 200) << signed_in.describe();
  HeaderList auth{{"Authorization", "Bearer " + str(signed_in.json(), "/token")}};
  PatientSpec child;
  child.birth_date = utc_date_in_days(-7 * 365);
  auto created = client.post("/fhir/Patient", json_text(patient_resource(child)), auth);
  ASSERT_EQ(created.status, 201) << created.describe();
  const std::string patient = str(created.json(), "/id");
  auto r = client.post("/api/v1/patients/" + patient + "/administrations",
                       R"({"instrument":"fps-r","reporter":"self","answers":{"face":5}})", auth);
  EXPECT_EQ(r.status, 201) << r.describe();
  auto fhir = client.post("/fhir/Observation", json_text(pain_observation(patient, std::int64_t{5}, minutes_ago(2), kFpsR)), auth);
  EXPECT_EQ(fhir.status, 422) << fhir.describe();
  std::remove(settings.c_str());
}

TEST_F(Instruments, ASecondAdministrationIsComparedWithTheBaseline) {
  PatientSpec child;
  child.birth_date = utc_date_in_days(-4 * 365);
  const std::string patient = create_patient(child);
  ASSERT_EQ(administer(patient, kFlaccSix).status, 201);
  // The next morning: face 0 + legs 1 + activity 0 + cry 0 + consolability 1 = 2.
  auto r = administer(patient, R"({"instrument":"flacc","reporter":"clinician",
      "answers":{"face":0,"legs":1,"activity":0,"cry":0,"consolability":1}})");
  ASSERT_EQ(r.status, 201) << r.describe();
  const auto change = r.json().at_pointer("/change/0");
  EXPECT_EQ(change.at("baseline").to_number<double>(), 6);
  EXPECT_EQ(change.at("current").to_number<double>(), 2);
  EXPECT_EQ(change.at("difference").to_number<double>(), -4);
  EXPECT_EQ(change.at("direction"), "improved");
  EXPECT_TRUE(change.at("band_improved").as_bool());
  auto list = administrations(patient, "?instrument=flacc");
  ASSERT_EQ(list.at("administrations").as_array().size(), 2u);
  EXPECT_EQ(list.at_pointer("/administrations/0/scores/total").to_number<double>(), 2);  // newest first
}

// An FDI of 15 items (0-4 each) whose answers add up to `total`, authored at `when`.
std::string fdi_child(int total, const std::string& when) {
  std::string answers;
  for (int item = 1; item <= 15; ++item) {
    int a = std::min(4, std::max(0, total));
    total -= a;
    answers += (answers.empty() ? "" : ",") + std::string("\"") + std::to_string(item) + "\":" + std::to_string(a);
  }
  return R"({"instrument":"fdi-child","reporter":"self","authored":")" + when + R"(","answers":{)" + answers + "}}";
}

// The baseline is the earliest administration authored before this one. One back-dated to
// December, before January's 32, was compared with January's later score ("32 -> 20"); it is
// now the baseline itself, and March's 8 is compared with it.
TEST_F(Instruments, ABackDatedAdministrationIsNotComparedWithALaterOne) {
  PatientSpec teen;
  teen.birth_date = utc_date_in_days(-13 * 365);
  const std::string patient = create_patient(teen);
  ASSERT_EQ(administer(patient, fdi_child(32, "2026-01-05T09:00:00Z")).status, 201);
  ASSERT_EQ(administer(patient, fdi_child(10, "2026-02-01T09:00:00Z")).status, 201);
  auto december = administer(patient, fdi_child(20, "2025-12-01T09:00:00Z"));
  ASSERT_EQ(december.status, 201) << december.describe();
  EXPECT_TRUE(december.json().at("change").as_array().empty()) << december.describe();
  auto march = administer(patient, fdi_child(8, "2026-03-01T09:00:00Z"));
  ASSERT_EQ(march.status, 201) << march.describe();
  EXPECT_EQ(march.json().at_pointer("/change/0/baseline").to_number<double>(), 20) << march.describe();
}

// PCS-C: the first form left item 13 blank, so its total (and magnification) was not scored;
// the whole stay then had no baseline for the total. Each scale's baseline is now the earliest
// form that scored it: February's total of 26 for March's 0.
TEST_F(Instruments, EachScalesBaselineIsTheEarliestFormThatScoredIt) {
  PatientSpec teen;
  teen.birth_date = utc_date_in_days(-12 * 365);
  const std::string patient = create_patient(teen);
  auto pcs = [](const std::string& answers, const std::string& when) {
    return R"({"instrument":"pcs-c","reporter":"self","authored":")" + when + R"(","answers":{)" + answers + "}}";
  };
  ASSERT_EQ(administer(patient, pcs(R"("1":1,"2":1,"3":1,"4":1,"5":1,"6":1,"7":1,"8":1,"9":1,"10":1,"11":1,"12":1)",
                                    "2026-01-05T09:00:00Z")).status, 201);
  // 1,2,3,4,0,1,2,3,4,0,1,2,3: rumination (8-11) 8, magnification (6, 7, 13) 6, helplessness 12; total 26.
  ASSERT_EQ(administer(patient, pcs(R"("1":1,"2":2,"3":3,"4":4,"5":0,"6":1,"7":2,"8":3,"9":4,"10":0,"11":1,"12":2,"13":3)",
                                    "2026-02-05T09:00:00Z")).status, 201);
  auto march = administer(patient, pcs(R"("1":0,"2":0,"3":0,"4":0,"5":0,"6":0,"7":0,"8":0,"9":0,"10":0,"11":0,"12":0,"13":0)",
                                       "2026-03-05T09:00:00Z"));
  ASSERT_EQ(march.status, 201) << march.describe();
  std::map<std::string, double> baseline;
  const auto answer = march.json();
  for (const auto& c : answer.at("change").as_array())
    baseline[std::string(c.at("scale").as_string())] = c.at("baseline").to_number<double>();
  EXPECT_EQ(baseline["total"], 26) << march.describe();
  EXPECT_EQ(baseline["magnification"], 6) << march.describe();
  EXPECT_EQ(baseline["rumination"], 4) << march.describe();  // January's, which scored it

  // Its QuestionnaireResponse lists the items in the questionnaire's order, not as text sorts them.
  const std::string location = march.header("Location").value_or("");
  auto qr = client().get(location.substr(location.find("/fhir/")), as(Role::nurse));
  ASSERT_EQ(qr.status, 200) << qr.describe();
  std::vector<std::string> order;
  const auto qr_body = qr.json();
  for (const auto& item : qr_body.at("item").as_array()) order.emplace_back(item.at("linkId").as_string());
  EXPECT_EQ(order, (std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13"}));
}

// Days missed for pain over a term (40 of 60) and over a week (2 of 5) are not one measure: the
// week was "improved by 38 days". They are compared only within the same period; the share of
// full days is a rate, compared across periods.
TEST_F(Instruments, SchoolDaysMissedAreComparedOnlyOverTheSamePeriod) {
  PatientSpec teen;
  teen.birth_date = utc_date_in_days(-14 * 365);
  const std::string patient = create_patient(teen);
  auto report = [](const std::string& period, int enrolled, int full, int missed, const std::string& when) {
    return R"({"instrument":"school-attendance","reporter":"parent","authored":")" + when +
           R"(","answers":{"period":")" + period + R"(","days_enrolled":)" + std::to_string(enrolled) +
           R"(,"days_full_attended":)" + std::to_string(full) + R"(,"days_partial":0,"days_missed_pain":)" +
           std::to_string(missed) + R"(,"schooling_mode":"in-person","report_source":"parent"}})";
  };
  ASSERT_EQ(administer(patient, report("term", 60, 20, 40, "2026-01-05T09:00:00Z")).status, 201);
  auto week = administer(patient, report("week", 5, 3, 2, "2026-02-05T09:00:00Z"));
  ASSERT_EQ(week.status, 201) << week.describe();
  std::set<std::string> compared;
  const auto week_answer = week.json();
  for (const auto& c : week_answer.at("change").as_array()) compared.insert(std::string(c.at("scale").as_string()));
  EXPECT_EQ(compared, (std::set<std::string>{"percent_full_days"})) << week.describe();
  auto next_week = administer(patient, report("week", 5, 5, 0, "2026-02-12T09:00:00Z"));
  ASSERT_EQ(next_week.status, 201) << next_week.describe();
  bool days_compared = false;
  const auto next_answer = next_week.json();
  for (const auto& c : next_answer.at("change").as_array())
    if (c.at("scale") == "days_missed_pain") days_compared = c.at("baseline").to_number<double>() == 2;
  EXPECT_TRUE(days_compared) << next_week.describe();
}

// PedsQL with one school item left blank: the total is the mean of the 22 answered. Its
// Observation says so, where a research extract reads it (it looked like a complete form's).
TEST_F(Instruments, AScoreFromAnIncompleteFormSaysSoInItsObservation) {
  PatientSpec teen;
  teen.birth_date = utc_date_in_days(-12 * 365);
  const std::string patient = create_patient(teen);
  std::string answers;
  for (const char* domain : {"physical", "emotional", "social", "school"}) {
    int n = std::string(domain) == "physical" ? 8 : 5;
    for (int i = 1; i <= n; ++i)
      if (!(std::string(domain) == "school" && i == 5))
        answers += (answers.empty() ? "" : ",") + std::string("\"") + domain + "." + std::to_string(i) + "\":1";
  }
  auto r = administer(patient, R"({"instrument":"pedsql-generic","reporter":"self","answers":{)" + answers + "}}");
  ASSERT_EQ(r.status, 201) << r.describe();
  const auto body = r.json();
  std::string total_id;
  for (const auto& o : body.at("observations").as_array())
    if (o.at("code") == "pedsql-generic-total") total_id = o.at("id").as_string();
  ASSERT_FALSE(total_id.empty()) << r.describe();
  auto obs = client().get("/fhir/Observation/" + total_id, as(Role::nurse));
  ASSERT_EQ(obs.status, 200) << obs.describe();
  EXPECT_NE(obs.body.find("scored from 22 of 23 items answered"), std::string::npos) << obs.describe();
}

// A baseline belongs to /score; an administration's is the patient's own, and one sent with it
// was ignored in silence.
TEST_F(Instruments, AnAdministrationRefusesABaselineItWouldIgnore) {
  PatientSpec child;
  child.birth_date = utc_date_in_days(-4 * 365);
  const std::string patient = create_patient(child);
  auto r = administer(patient, R"({"instrument":"flacc","reporter":"clinician","baseline":{"total":9},)"
                               R"("answers":{"face":1,"legs":2,"activity":1,"cry":1,"consolability":1}})");
  EXPECT_EQ(r.status, 422) << r.describe();
  EXPECT_EQ(str(r.json(), "/error/problems/0/field"), "baseline") << r.describe();
  auto unknown = administer(patient, R"({"instrument":"flacc","reporter":"clinician","when":"now",)"
                                     R"("answers":{"face":1,"legs":2,"activity":1,"cry":1,"consolability":1}})");
  EXPECT_EQ(unknown.status, 422) << unknown.describe();
  EXPECT_NE(unknown.body.find("override_reason"), std::string::npos) << "names the administration's own fields";
}

TEST_F(Instruments, AnAdministrationChartedInErrorIsRetractedWithItsScoresAndIsNoBaseline) {
  // A FLACC of 6 charted for the wrong child is retracted. It leaves the chart with its score,
  // both kept as earlier versions, and it is no baseline: the child's next FLACC of 2 has
  // nothing to be compared with, and the one after it (4) is compared with that 2, not the 6.
  PatientSpec child;
  child.birth_date = utc_date_in_days(-4 * 365);
  const std::string patient = create_patient(child);
  auto wrong = administer(patient, kFlaccSix);
  ASSERT_EQ(wrong.status, 201) << wrong.describe();
  const std::string response_id = str(wrong.json(), "/id");
  const std::string observation_id = str(wrong.json(), "/observations/0/id");
  const std::string retract = "/api/v1/patients/" + patient + "/administrations/" + response_id + "/entered-in-error";

  // Its score goes only with the assessment: retracting the score alone would leave the answers.
  auto score_alone = client().post("/api/v1/patients/" + patient + "/observations/" + observation_id + "/entered-in-error",
                                   R"({"reason":"wrong child"})", as(Role::nurse));
  EXPECT_EQ(score_alone.status, 422) << score_alone.describe();
  EXPECT_NE(score_alone.body.find(response_id), std::string::npos) << score_alone.describe();
  auto no_reason = client().post(retract, R"({"reason":"  "})", as(Role::nurse));
  EXPECT_EQ(no_reason.status, 422) << no_reason.describe();
  auto r = client().post(retract, R"({"reason":"charted for the wrong child"})", as(Role::nurse));
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(str(r.json(), "/status"), "entered_in_error");
  EXPECT_EQ(r.json().at("version").as_int64(), 2);
  ASSERT_EQ(r.json().at("observations_retracted").as_array().size(), 1u);
  EXPECT_EQ(str(r.json(), "/observations_retracted/0"), observation_id);

  auto obs = client().get("/fhir/Observation/" + observation_id, as(Role::physician));
  ASSERT_EQ(obs.status, 200) << obs.describe();
  EXPECT_EQ(str(obs.json(), "/status"), "entered-in-error");
  EXPECT_NE(str(obs.json(), "/note/0/text").find("charted for the wrong child"), std::string::npos) << obs.describe();
  auto first = client().get("/fhir/Observation/" + observation_id + "/_history/1", as(Role::physician));
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(str(first.json(), "/status"), "final");
  auto qr = client().get("/fhir/QuestionnaireResponse/" + response_id, as(Role::physician));
  EXPECT_EQ(str(qr.json(), "/status"), "entered-in-error");

  auto again = client().post(retract, R"({"reason":"charted for the wrong child"})", as(Role::nurse));
  EXPECT_EQ(again.status, 409) << again.describe();
  auto unknown = client().post("/api/v1/patients/" + patient + "/administrations/nosuch/entered-in-error",
                               R"({"reason":"x"})", as(Role::nurse));
  EXPECT_EQ(unknown.status, 404) << unknown.describe();
  auto researcher = client().post(retract, R"({"reason":"x"})", as(Role::researcher));
  EXPECT_EQ(researcher.status, 403) << researcher.describe();

  auto next = administer(patient, R"({"instrument":"flacc","reporter":"clinician",
      "answers":{"face":0,"legs":1,"activity":0,"cry":0,"consolability":1}})");
  ASSERT_EQ(next.status, 201) << next.describe();
  EXPECT_TRUE(next.json().at("change").as_array().empty()) << next.describe();
  auto later = administer(patient, R"({"instrument":"flacc","reporter":"clinician",
      "answers":{"face":1,"legs":1,"activity":1,"cry":0,"consolability":1}})");
  ASSERT_EQ(later.status, 201) << later.describe();
  EXPECT_EQ(later.json().at_pointer("/change/0/baseline").to_number<double>(), 2) << later.describe();
  EXPECT_EQ(later.json().at_pointer("/change/0/current").to_number<double>(), 4);
}

TEST_F(Instruments, AScoreComputedFromAnAdministrationIsNotChangedAloneOverFhir) {
  // Marking only the score entered-in-error (or editing its value) would leave the answers it was
  // scored from charted and counted as the baseline: the update is refused, naming the way.
  const std::string patient = create_patient();
  auto charted = administer(patient, kFlaccSix);
  ASSERT_EQ(charted.status, 201) << charted.describe();
  const std::string observation_id = str(charted.json(), "/observations/0/id");
  auto current = client().get("/fhir/Observation/" + observation_id, as(Role::nurse));
  ASSERT_EQ(current.status, 200);
  auto withdrawn = current.json().as_object();
  withdrawn["status"] = "entered-in-error";
  auto headers = as(Role::nurse);
  headers.emplace_back("If-Match", current.header("ETag").value_or(""));
  auto r = client().put("/fhir/Observation/" + observation_id, json_text(withdrawn), headers);
  EXPECT_EQ(r.status, 422) << r.describe();
  EXPECT_NE(r.body.find("entered-in-error"), std::string::npos) << r.describe();
  EXPECT_NE(r.body.find("derivedFrom"), std::string::npos) << r.describe();
  auto still = client().get("/fhir/Observation/" + observation_id, as(Role::physician));
  EXPECT_EQ(str(still.json(), "/status"), "final");
}

TEST_F(Instruments, AnOutOfRangeAnswerIsRefusedNamingTheItemAndNothingIsCharted) {
  const std::string patient = create_patient();
  auto r = administer(patient, R"({"instrument":"flacc","reporter":"clinician",
      "answers":{"face":1,"legs":3,"activity":1,"cry":1,"consolability":1}})");
  ASSERT_EQ(r.status, 422) << r.describe();
  bool names_legs = false;
  const auto refusal = r.json();
  for (const auto& p : refusal.at_pointer("/error/problems").as_array()) names_legs |= p.at("field") == "answers.legs";
  EXPECT_TRUE(names_legs) << r.describe();
  EXPECT_TRUE(administrations(patient).at("administrations").as_array().empty());
  EXPECT_TRUE(entry_ids(search("/fhir/Observation?subject=Patient/" + patient)).empty());
}

// Saved with nothing answered, an assessment showed on the chart as "0-10 NRS: —", as if the
// child had been assessed. It is refused and nothing is charted.
TEST_F(Instruments, AnAssessmentWithNothingAnsweredIsRefused) {
  const std::string patient = create_patient();
  auto r = administer(patient, R"({"instrument":"nrs-11","reporter":"self","answers":{}})");
  ASSERT_EQ(r.status, 422) << r.describe();
  EXPECT_NE(r.body.find("no item is answered"), std::string::npos) << r.describe();
  EXPECT_TRUE(administrations(patient).at("administrations").as_array().empty());
}

TEST_F(Instruments, FlaccIsAnObservationalScaleNotASelfReport) {
  const std::string patient = create_patient();
  auto r = administer(patient, R"({"instrument":"flacc","reporter":"self",
      "answers":{"face":1,"legs":1,"activity":1,"cry":1,"consolability":1}})");
  ASSERT_EQ(r.status, 422) << r.describe();
  EXPECT_NE(r.body.find("reporter"), std::string::npos);
}

TEST_F(Instruments, ChildAndParentReportsAreKeptApart) {
  // FDI: the child's and the parent's report of the same week, 15 items scored 0-4.
  PatientSpec teen;
  teen.birth_date = utc_date_in_days(-14 * 365);
  const std::string patient = create_patient(teen);
  std::string child_answers, parent_answers;
  for (int i = 1; i <= 15; ++i) {
    child_answers += (i > 1 ? "," : "") + ("\"" + std::to_string(i) + "\":2");  // 30: severe
    parent_answers += (i > 1 ? "," : "") + ("\"" + std::to_string(i) + "\":1");  // 15: moderate
  }
  auto child = administer(patient, R"({"instrument":"fdi-child","reporter":"self","answers":{)" + child_answers + "}}");
  ASSERT_EQ(child.status, 201) << child.describe();
  auto parent = administer(patient, R"({"instrument":"fdi-parent","reporter":"parent","answers":{)" + parent_answers + "}}");
  ASSERT_EQ(parent.status, 201) << parent.describe();
  EXPECT_EQ(child.json().at_pointer("/score/total").to_number<double>(), 30);
  EXPECT_EQ(parent.json().at_pointer("/score/total").to_number<double>(), 15);
  const auto list = administrations(patient).at("administrations").as_array();
  ASSERT_EQ(list.size(), 2u);
  std::set<std::string> reporters;
  for (const auto& a : list) reporters.insert(std::string(a.at("reporter").as_string()));
  EXPECT_EQ(reporters, (std::set<std::string>{"self", "parent"}));
}

TEST_F(Instruments, TheRecommendationFollowsTheSitesTableByAge) {
  PatientSpec ten;
  ten.birth_date = utc_date_in_days(-10 * 365 - 30);
  const std::string older = create_patient(ten);
  auto r = client().get("/api/v1/patients/" + older + "/recommendation?can_self_report=true", as(Role::nurse));
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(str(r.json(), "/instrument"), "nrs-11");
  PatientSpec toddler;
  toddler.birth_date = utc_date_in_days(-2 * 365);
  const std::string younger = create_patient(toddler);
  auto t = client().get("/api/v1/patients/" + younger + "/recommendation", as(Role::nurse));
  ASSERT_EQ(t.status, 200) << t.describe();
  EXPECT_EQ(str(t.json(), "/instrument"), "flacc");
  // The scales the table chooses among: the form asks a reason for another of these, never for
  // a questionnaire (it asked "why PCS-C instead of the NRS?").
  std::set<std::string> covers;
  const auto body = t.json();
  for (const auto& c : body.at("covers").as_array()) covers.insert(std::string(c.as_string()));
  EXPECT_TRUE(covers.count("flacc") && covers.count("nrs-11") && covers.count("fps-r")) << t.describe();
  EXPECT_FALSE(covers.count("pcs-c") || covers.count("fdi-child")) << t.describe();
}

TEST_F(Instruments, TheRecommendationTakesInNicuByItsNameAndRefusesWhatIsNotABoolean) {
  // A neonate of three weeks: in the NICU the table recommends N-PASS.
  PatientSpec neonate;
  neonate.birth_date = utc_date_in_days(-21);
  const std::string id = create_patient(neonate);
  auto recommend = [&](const std::string& query) {
    return client().get("/api/v1/patients/" + id + "/recommendation" + query, as(Role::nurse));
  };
  for (const std::string query : {"?in_nicu=true", "?in_nicu=1", "?nicu=true"}) {
    auto r = recommend(query);
    ASSERT_EQ(r.status, 200) << query << "\n" << r.describe();
    EXPECT_EQ(str(r.json(), "/instrument"), "n-pass") << query;
    EXPECT_EQ(str(r.json(), "/rule"), "nicu-neonate") << query;
  }
  auto outside = recommend("?in_nicu=false");
  ASSERT_EQ(outside.status, 200) << outside.describe();
  EXPECT_NE(str(outside.json(), "/rule"), "nicu-neonate");
  // "yes" is not read as false, nor is a misspelt fact ignored: 422 naming the parameter.
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"?in_nicu=yes", "in_nicu"},
           {"?ventilated=on", "ventilated"},
           {"?can_self_report=", "can_self_report"},
           {"?innicu=true", "innicu"},
           {"?in_nicu=true&nicu=false", "in_nicu"}}) {
    auto r = recommend(query);
    EXPECT_EQ(r.status, 422) << query << "\n" << r.describe();
    if (r.status == 422) {
      EXPECT_EQ(str(r.json(), "/error/problems/0/field"), field) << query << "\n" << r.describe();
    }
  }
}

TEST_F(Instruments, ResearchersCannotAdministerOrReadAdministrations) {
  const std::string patient = create_patient();
  EXPECT_EQ(administer(patient, kFlaccSix, Role::researcher).status, 403);
  EXPECT_EQ(client().get("/api/v1/patients/" + patient + "/administrations", as(Role::researcher)).status, 403);
}

TEST_F(Instruments, ASitesContentPackPutsLicensedWordingOnTheForm) {
  // Without a pack FLACC's items carry no wording (its descriptors are not shipped).
  auto before = client().get("/api/v1/instruments/flacc", as(Role::nurse));
  ASSERT_EQ(before.status, 200);
  EXPECT_EQ(before.body.find("test wording"), std::string::npos);
  // Invented text, standing in for the wording a licensed site would load.
  auto site = instruments::SiteInstruments::load("", "");
  auto pack = instruments::parse_content_pack(json::parse(R"json({"instrument":"flacc","source":"test pack",
      "items":{"face":{"text":"Face (test wording)","responses":{"0":"relaxed (test)","2":"clenched (test)"}}}})json"),
                                              site.library);
  auto store = Store::open(server().database_url());
  instruments::load_content_pack(*store, Actor{"admin", Role::admin, "test"}, pack);
  store->close();
  auto after = client().get("/api/v1/instruments/flacc", as(Role::nurse));
  ASSERT_EQ(after.status, 200) << after.describe();
  const auto detail = after.json();
  EXPECT_EQ(str(detail, "/content_source"), "test pack");
  EXPECT_EQ(str(detail, "/items/0/text"), "Face (test wording)");
  EXPECT_EQ(str(detail, "/items/0/response_labels/2"), "clenched (test)");
  // A pack naming an item the definition lacks is refused, naming it.
  try {
    instruments::parse_content_pack(json::parse(R"({"instrument":"flacc","source":"x","items":{"nose":{"text":"t"}}})"),
                                    site.library);
    FAIL() << "a pack with an unknown item was accepted";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.problems().at(0).field, "items.nose");
  }
}

TEST_F(Instruments, DefinitionsAndLiveScoringNeedNoPatient) {
  auto list = client().get("/api/v1/instruments", as(Role::nurse));
  ASSERT_EQ(list.status, 200) << list.describe();
  EXPECT_GE(list.json().at("instruments").as_array().size(), 20u);
  auto live = client().post("/api/v1/instruments/nips/score",
                            R"({"answers":{"facial_expression":1,"cry":2,"breathing_patterns":1,"arms":1,"legs":1,"state_of_arousal":0}})",
                            as(Role::nurse));
  ASSERT_EQ(live.status, 200) << live.describe();
  EXPECT_EQ(live.json().at("total").to_number<double>(), 6);  // 1+2+1+1+1+0, above NIPS's threshold of 3
  EXPECT_EQ(live.json().at_pointer("/flags/0/id"), "pain");
  EXPECT_EQ(client().get("/api/v1/instruments/no-such-scale", as(Role::nurse)).status, 404);

  // A PROMIS T-score is looked up from the raw score, which is prorated from half the items: its
  // own rule said "every item must be answered", so a form built from it demanded all eight.
  auto promis = client().get("/api/v1/instruments/promis-ped-pain-interference-8a", as(Role::nurse));
  ASSERT_EQ(promis.status, 200) << promis.describe();
  const auto promis_body = promis.json();
  for (const auto& scale : promis_body.at("scales").as_array())
    if (scale.at("id") == "t_score") EXPECT_EQ(scale.at("missing_rule"), "scored when raw is scored") << json_text(scale);
}

// Live scoring against a baseline the clinician gives: NRS 9 at admission, 4 now is 5 points
// better, past the NRS's minimal clinically important difference. (It used to be ignored.)
TEST_F(Instruments, LiveScoringReportsTheChangeFromAGivenBaseline) {
  auto r = client().post("/api/v1/instruments/nrs-11/score",
                         R"({"reporter":"self","answers":{"pain":4},"baseline":{"total":9}})", as(Role::nurse));
  ASSERT_EQ(r.status, 200) << r.describe();
  const auto body = r.json();
  ASSERT_EQ(body.at("change").as_array().size(), 1u) << r.describe();
  EXPECT_EQ(body.at_pointer("/change/0/difference").to_number<double>(), -5);
  EXPECT_EQ(body.at_pointer("/change/0/direction"), "improved");
  EXPECT_TRUE(body.at_pointer("/change/0/mcid_reached").as_bool());
  // A baseline the scale cannot have, or of a scale the instrument has not, is refused.
  auto out_of_range = client().post("/api/v1/instruments/nrs-11/score",
                                    R"({"reporter":"self","answers":{"pain":4},"baseline":{"total":99}})", as(Role::nurse));
  EXPECT_EQ(out_of_range.status, 422) << out_of_range.describe();
  EXPECT_EQ(str(out_of_range.json(), "/error/problems/0/field"), "baseline.total");
  auto no_scale = client().post("/api/v1/instruments/nrs-11/score",
                                R"({"reporter":"self","answers":{"pain":4},"baseline":{"nope":3}})", as(Role::nurse));
  EXPECT_EQ(no_scale.status, 422) << no_scale.describe();
  // An answer or baseline a double holds only as 0 (or infinity) is refused, not scored as 0.
  auto tiny = client().post("/api/v1/instruments/nrs-11/score", R"({"reporter":"self","answers":{"pain":1e-400}})",
                            as(Role::nurse));
  EXPECT_EQ(tiny.status, 422) << tiny.describe();
  EXPECT_EQ(str(tiny.json(), "/error/problems/0/field"), "answers.pain") << tiny.describe();
  auto huge = client().post("/api/v1/instruments/nrs-11/score",
                            R"({"reporter":"self","answers":{"pain":4},"baseline":{"total":1e400}})", as(Role::nurse));
  EXPECT_EQ(huge.status, 422) << huge.describe();
  EXPECT_EQ(str(huge.json(), "/error/problems/0/field"), "baseline.total") << huge.describe();
}

}  // namespace
}  // namespace relief::testing
