// FHIR Observation: pain scores as the ward charts them, and the searches a pain team runs on them.
#include <algorithm>
#include <functional>

#include "http_test_support.hpp"

namespace relief::testing {
namespace {

class FhirObservation : public ServerSuite {
 protected:
  // POST as a nurse and return the raw answer (for the refusals).
  static HttpResponse post_observation(const json::object& resource, Role role = Role::nurse) {
    return client().post("/fhir/Observation", json_text(resource), as(role));
  }
  static std::vector<std::string> observations_of(const std::string& patient_id, const std::string& extra = "") {
    return entry_ids(search("/fhir/Observation?subject=Patient/" + patient_id + extra));
  }
};

// A query value with its '+' (a zone offset) escaped: a bare '+' in a query means a space.
std::string query_value(std::string text) {
  for (std::size_t at = text.find('+'); at != std::string::npos; at = text.find('+', at)) text.replace(at, 1, "%2B");
  return text;
}

double quantity_value(const json::value& observation) {
  boost::system::error_code ec;
  auto* v = observation.find_pointer("/valueQuantity/value", ec);
  if (!v || !v->is_number()) return -1;
  return v->to_number<double>();
}

TEST_F(FhirObservation, PainScoreOfSixIsRecorded) {
  // Post-operative day 1 after a spinal fusion: the child rates her pain 6/10.
  const std::string patient = create_patient();
  const std::string when = minutes_ago(10);
  auto r = post_observation(pain_observation(patient, std::int64_t{6}, when));
  ASSERT_EQ(r.status, 201) << r.describe();
  auto body = r.json();
  const std::string id = str(body, "/id");
  EXPECT_FALSE(id.empty());
  EXPECT_EQ(quantity_value(body), 6.0) << r.describe();
  EXPECT_TRUE(body.at_pointer("/valueQuantity/value").is_int64()) << "a whole score goes out as 6, not 6.0";
  EXPECT_EQ(str(body, "/valueQuantity/code"), "{score}");
  EXPECT_EQ(str(body, "/code/coding/0/system"), kLoinc);
  EXPECT_EQ(str(body, "/code/coding/0/code"), kPainNrs);
  EXPECT_EQ(str(body, "/subject/reference"), "Patient/" + patient);
  EXPECT_EQ(str(body, "/status"), "final");
  EXPECT_EQ(str(body, "/meta/versionId"), "1");
  EXPECT_TRUE(r.header("Location").value_or("").ends_with("/fhir/Observation/" + id + "/_history/1"));
  EXPECT_EQ(r.header("ETag").value_or(""), "W/\"1\"");

  auto read = client().get("/fhir/Observation/" + id, as(Role::physician));
  ASSERT_EQ(read.status, 200) << read.describe();
  EXPECT_EQ(quantity_value(read.json()), 6.0);
  EXPECT_EQ(str(read.json(), "/effectiveDateTime"), when);
}

TEST_F(FhirObservation, PainScoreOfElevenIs422NamingValue) {
  const std::string patient = create_patient();
  auto r = post_observation(pain_observation(patient, std::int64_t{11}, minutes_ago(5)));
  ASSERT_EQ(r.status, 422) << r.describe();
  EXPECT_EQ(str(r.json(), "/resourceType"), "OperationOutcome");
  EXPECT_TRUE(contains(issue_expressions(r.json()), "value[x]")) << r.describe();
  EXPECT_TRUE(observations_of(patient).empty());
}

TEST_F(FhirObservation, FractionalPainScoreIs422) {
  const std::string patient = create_patient();
  auto r = post_observation(pain_observation(patient, 7.5, minutes_ago(5)));
  ASSERT_EQ(r.status, 422) << r.describe();
  EXPECT_TRUE(contains(issue_expressions(r.json()), "value[x]")) << r.describe();
}

// 1e-400 is valid JSON, but a double holds it only as 0: a pain score sent as 1e-400 must not be
// charted as "no pain", nor 1e400 kept as infinity. 422, naming the element.
TEST_F(FhirObservation, ANumberADoubleCannotHoldIs422NotChartedAsAnother) {
  const std::string patient = create_patient();
  const std::string seven = json_text(pain_observation(patient, std::int64_t{7}, minutes_ago(5)));
  const auto at = seven.find("\"value\":7");
  ASSERT_NE(at, std::string::npos) << seven;
  auto with_value = [&](const std::string& number) {
    return std::string(seven).replace(at, 9, "\"value\":" + number);
  };
  for (const std::string number : {"1e-400", "-1e-400", "0.5e-323", "1e400", "-1.8e308"}) {
    auto r = client().post("/fhir/Observation", with_value(number), as(Role::nurse));
    EXPECT_EQ(r.status, 422) << number << "\n" << r.describe();
    EXPECT_TRUE(contains(issue_expressions(r.json()), "valueQuantity.value")) << number << "\n" << r.describe();
  }
  EXPECT_TRUE(observations_of(patient).empty());
  // Zero however it is written is zero.
  auto zero = client().post("/fhir/Observation", with_value("0e-400"), as(Role::nurse));
  ASSERT_EQ(zero.status, 201) << zero.describe();
  EXPECT_EQ(quantity_value(zero.json()), 0);
}

TEST_F(FhirObservation, FacesPainScaleTakesOnlyEvenScores) {
  // A 5-year-old points at the faces: FPS-R faces score 0, 2, 4, 6, 8, 10 - never 5.
  const std::string patient = create_patient(PatientSpec{unique_mrn(), unique_name("Petrov"), {"Mila"}, "2020-01-15"});
  auto five = post_observation(pain_observation(patient, std::int64_t{5}, minutes_ago(20), kFpsR));
  ASSERT_EQ(five.status, 422) << five.describe();
  EXPECT_TRUE(contains(issue_expressions(five.json()), "value[x]")) << five.describe();

  auto four = post_observation(pain_observation(patient, std::int64_t{4}, minutes_ago(20), kFpsR));
  ASSERT_EQ(four.status, 201) << four.describe();
  EXPECT_EQ(quantity_value(four.json()), 4.0);
  EXPECT_EQ(str(four.json(), "/code/coding/0/code"), kFpsR);
  EXPECT_EQ(observations_of(patient), std::vector<std::string>{str(four.json(), "/id")});
}

TEST_F(FhirObservation, UnknownSubjectIs422) {
  auto r = post_observation(pain_observation("doesnotexist", std::int64_t{3}, minutes_ago(5)));
  ASSERT_EQ(r.status, 422) << r.describe();
  EXPECT_EQ(str(r.json(), "/resourceType"), "OperationOutcome");
  EXPECT_TRUE(contains(issue_expressions(r.json()), "subject")) << r.describe();
  EXPECT_TRUE(observations_of("doesnotexist").empty());
}

TEST_F(FhirObservation, MissingEffectiveDateTimeIs422) {
  const std::string patient = create_patient();
  auto resource = pain_observation(patient, std::int64_t{3}, minutes_ago(5));
  resource.erase("effectiveDateTime");
  auto r = post_observation(resource);
  ASSERT_EQ(r.status, 422) << r.describe();
  EXPECT_TRUE(contains(issue_expressions(r.json()), "effectiveDateTime")) << r.describe();
}

TEST_F(FhirObservation, RejectedCreatesLeaveNoRecord) {
  const std::string patient = create_patient();
  create_observation(pain_observation(patient, std::int64_t{2}, minutes_ago(60)));
  const auto before = observations_of(patient);
  ASSERT_EQ(before.size(), 1u);

  auto no_time = pain_observation(patient, std::int64_t{3}, minutes_ago(5));
  no_time.erase("effectiveDateTime");
  auto future = pain_observation(patient, std::int64_t{3}, minutes_ago(-24 * 60));  // tomorrow
  std::vector<json::object> refused{
      pain_observation(patient, std::int64_t{11}, minutes_ago(5)),
      pain_observation(patient, 7.5, minutes_ago(5)),
      pain_observation(patient, std::int64_t{5}, minutes_ago(5), kFpsR),
      no_time,
      future,
  };
  for (const auto& resource : refused) {
    auto r = post_observation(resource);
    EXPECT_EQ(r.status, 422) << json_text(resource) << "\n" << r.describe();
  }
  auto coordinator = post_observation(pain_observation(patient, std::int64_t{4}, minutes_ago(5)), Role::coordinator);
  EXPECT_EQ(coordinator.status, 403) << coordinator.describe();

  EXPECT_EQ(observations_of(patient), before) << "a refused observation must leave no trace in the chart";
}

TEST_F(FhirObservation, SearchBySubject) {
  const std::string patient = create_patient();
  const std::string other = create_patient();
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i)
    ids.push_back(create_observation(pain_observation(patient, std::int64_t{2 * i + 1}, minutes_ago(30 + i))));
  const std::string other_id = create_observation(pain_observation(other, std::int64_t{8}, minutes_ago(30)));

  auto found = search("/fhir/Observation?subject=Patient/" + patient);
  EXPECT_EQ(str(found, "/type"), "searchset");
  auto got = entry_ids(found);
  std::sort(got.begin(), got.end());
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(got, ids) << json_text(found);
  for (const auto& r : entry_resources(found)) EXPECT_EQ(str(r, "/subject/reference"), "Patient/" + patient);

  // `patient=` is the same search.
  auto by_patient = entry_ids(search("/fhir/Observation?patient=" + other));
  EXPECT_EQ(by_patient, std::vector<std::string>{other_id});
}

TEST_F(FhirObservation, SearchByCode) {
  const std::string patient = create_patient();
  const std::string nrs1 = create_observation(pain_observation(patient, std::int64_t{7}, minutes_ago(90)));
  const std::string nrs2 = create_observation(pain_observation(patient, std::int64_t{5}, minutes_ago(60)));
  const std::string faces = create_observation(pain_observation(patient, std::int64_t{6}, minutes_ago(30), kFpsR));

  auto nrs = search("/fhir/Observation?subject=Patient/" + patient + "&code=http://loinc.org%7C72514-3");
  auto nrs_ids = entry_ids(nrs);
  std::sort(nrs_ids.begin(), nrs_ids.end());
  std::vector<std::string> expected{nrs1, nrs2};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(nrs_ids, expected) << json_text(nrs);

  auto fps = search("/fhir/Observation?subject=Patient/" + patient + "&code=57696-7");
  EXPECT_EQ(entry_ids(fps), std::vector<std::string>{faces}) << json_text(fps);

  auto other_system = search("/fhir/Observation?subject=Patient/" + patient + "&code=http://snomed.info/sct%7C72514-3");
  EXPECT_TRUE(entry_ids(other_system).empty()) << json_text(other_system);
}

TEST_F(FhirObservation, SearchByDateRange) {
  // Three mornings of scores; the pain team reviews the second day only.
  const std::string patient = create_patient();
  create_observation(pain_observation(patient, std::int64_t{8}, "2024-03-01T08:00:00Z"));
  const std::string day2 = create_observation(pain_observation(patient, std::int64_t{6}, "2024-03-02T08:00:00Z"));
  const std::string day2_late = create_observation(pain_observation(patient, std::int64_t{5}, "2024-03-02T23:59:59Z"));
  create_observation(pain_observation(patient, std::int64_t{3}, "2024-03-03T00:00:00Z"));

  auto found = search("/fhir/Observation?subject=Patient/" + patient + "&date=ge2024-03-02&date=lt2024-03-03");
  auto ids = entry_ids(found);
  std::sort(ids.begin(), ids.end());
  std::vector<std::string> expected{day2, day2_late};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(ids, expected) << json_text(found);

  auto from_day3 = search("/fhir/Observation?subject=Patient/" + patient + "&date=ge2024-03-03");
  EXPECT_EQ(entry_ids(from_day3).size(), 1u) << json_text(from_day3);

  auto bad = client().get("/fhir/Observation?subject=Patient/" + patient + "&date=yesterday", as(Role::physician));
  EXPECT_EQ(bad.status, 422) << bad.describe();
}

// A client in Berlin sends 08:15 at +01:00: it reads back exactly as sent (it came back as
// 07:15:00.000Z), while searches still place it at 07:15 UTC.
TEST_F(FhirObservation, TheEffectiveTimeReadsBackAsTheClientWroteIt) {
  const std::string patient = create_patient();
  const std::string sent = "2024-03-02T00:15:00+01:00";  // 2024-03-01T23:15:00Z: the day before in UTC
  const std::string id = create_observation(pain_observation(patient, std::int64_t{4}, sent));
  auto read = client().get("/fhir/Observation/" + id, as(Role::physician));
  ASSERT_EQ(read.status, 200) << read.describe();
  EXPECT_EQ(str(read.json(), "/effectiveDateTime"), sent);
  auto on_the_first = search("/fhir/Observation?subject=Patient/" + patient + "&date=ge2024-03-01T23:00:00Z&date=lt2024-03-02");
  EXPECT_EQ(entry_ids(on_the_first), std::vector<std::string>{id}) << json_text(on_the_first);
  auto later = search("/fhir/Observation?subject=Patient/" + patient + "&date=ge2024-03-02");
  EXPECT_TRUE(entry_ids(later).empty()) << json_text(later);
}

TEST_F(FhirObservation, PagingFollowsNextLinks) {
  const std::string patient = create_patient();
  std::vector<std::string> all;
  for (int i = 0; i < 5; ++i)
    all.push_back(create_observation(pain_observation(patient, std::int64_t{i}, minutes_ago(100 - i))));

  std::vector<std::string> seen;
  std::vector<std::size_t> page_sizes;
  std::string target = "/fhir/Observation?subject=Patient/" + patient + "&_count=2";
  for (int page = 0; page < 10; ++page) {
    auto bundle = search(target);
    auto ids = entry_ids(bundle);
    page_sizes.push_back(ids.size());
    seen.insert(seen.end(), ids.begin(), ids.end());
    auto next = bundle_link(bundle, "next");
    if (!next) break;
    ASSERT_FALSE(next->empty());
    target = target_of(*next);
  }
  EXPECT_EQ(page_sizes, (std::vector<std::size_t>{2, 2, 1}));
  // Newest first by default, so the pages run backwards through the assessments.
  std::vector<std::string> newest_first(all.rbegin(), all.rend());
  EXPECT_EQ(seen, newest_first);
}

TEST_F(FhirObservation, NextLinkOfACodeSearchCanBeFollowed) {
  // The pain team pages through one patient's NRS scores, the code given as system|code.
  const std::string patient = create_patient();
  std::vector<std::string> all;
  for (int i = 0; i < 3; ++i)
    all.push_back(create_observation(pain_observation(patient, std::int64_t{i + 2}, minutes_ago(50 - i))));
  create_observation(pain_observation(patient, std::int64_t{6}, minutes_ago(10), kFpsR));  // another scale

  auto first = search("/fhir/Observation?subject=Patient/" + patient + "&code=http://loinc.org%7C72514-3&_count=2");
  EXPECT_EQ(entry_ids(first), (std::vector<std::string>{all[2], all[1]})) << json_text(first);
  auto next = bundle_link(first, "next");
  ASSERT_TRUE(next.has_value()) << json_text(first);
  // The server's own link, used exactly as given.
  auto r = client().get(target_of(*next), as(Role::physician));
  ASSERT_EQ(r.status, 200) << "GET " << *next << " -> " << r.describe();
  EXPECT_EQ(entry_ids(r.json()), std::vector<std::string>{all[0]}) << r.describe();
  EXPECT_FALSE(bundle_link(r.json(), "next").has_value()) << r.describe();
}

TEST_F(FhirObservation, SortByDateBothWays) {
  const std::string patient = create_patient();
  const std::string morning = create_observation(pain_observation(patient, std::int64_t{7}, "2024-05-10T07:00:00Z"));
  const std::string evening = create_observation(pain_observation(patient, std::int64_t{3}, "2024-05-10T19:00:00Z"));
  const std::string noon = create_observation(pain_observation(patient, std::int64_t{5}, "2024-05-10T12:00:00Z"));

  auto newest = search("/fhir/Observation?subject=Patient/" + patient + "&_sort=-date");
  EXPECT_EQ(entry_ids(newest), (std::vector<std::string>{evening, noon, morning})) << json_text(newest);
  auto oldest = search("/fhir/Observation?subject=Patient/" + patient + "&_sort=date");
  EXPECT_EQ(entry_ids(oldest), (std::vector<std::string>{morning, noon, evening})) << json_text(oldest);
}

TEST_F(FhirObservation, EnteredInErrorKeepsVersionOneReadable) {
  // A score charted against the wrong child is withdrawn, never erased.
  const std::string patient = create_patient();
  const std::string id = create_observation(pain_observation(patient, std::int64_t{9}, minutes_ago(15)));

  auto current = client().get("/fhir/Observation/" + id, as(Role::nurse));
  ASSERT_EQ(current.status, 200);
  auto withdrawn = current.json().as_object();
  withdrawn["status"] = "entered-in-error";
  withdrawn["note"] = json::array{json::object{{"text", "charted on the wrong patient"}}};
  auto headers = as(Role::nurse);
  headers.emplace_back("If-Match", current.header("ETag").value_or(""));
  auto r = client().put("/fhir/Observation/" + id, json_text(withdrawn), headers);
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(str(r.json(), "/status"), "entered-in-error");
  EXPECT_EQ(str(r.json(), "/meta/versionId"), "2");
  EXPECT_EQ(r.header("ETag").value_or(""), "W/\"2\"");

  auto now = client().get("/fhir/Observation/" + id, as(Role::physician));
  ASSERT_EQ(now.status, 200);
  EXPECT_EQ(str(now.json(), "/status"), "entered-in-error");

  auto v1 = client().get("/fhir/Observation/" + id + "/_history/1", as(Role::physician));
  ASSERT_EQ(v1.status, 200) << v1.describe();
  EXPECT_EQ(str(v1.json(), "/status"), "final");
  EXPECT_EQ(quantity_value(v1.json()), 9.0);
  EXPECT_EQ(str(v1.json(), "/meta/versionId"), "1");

  // The same correction again, based on version 1, is refused as stale.
  auto again = client().put("/fhir/Observation/" + id, json_text(withdrawn), headers);
  EXPECT_EQ(again.status, 412) << again.describe();
}

TEST_F(FhirObservation, AScoreChartedInErrorIsRetractedFromTheChartWithAReason) {
  // The chart's Retract button: a nurse who charted 7 for the wrong child takes it back.
  const std::string patient = create_patient();
  const std::string other = create_patient();
  const std::string id = create_observation(pain_observation(patient, std::int64_t{7}, minutes_ago(5)));
  const std::string retract = "/api/v1/patients/" + patient + "/observations/" + id + "/entered-in-error";

  EXPECT_EQ(client().post(retract, R"({"reason":" "})", as(Role::nurse)).status, 422);
  EXPECT_EQ(client().post(retract, R"({"reason":"x"})", as(Role::researcher)).status, 403);
  EXPECT_EQ(client().post(retract, R"({"reason":"x"})", as(Role::coordinator)).status, 403);
  auto elsewhere = client().post("/api/v1/patients/" + other + "/observations/" + id + "/entered-in-error",
                                 R"({"reason":"x"})", as(Role::nurse));
  EXPECT_EQ(elsewhere.status, 404) << elsewhere.describe();

  auto r = client().post(retract, R"({"reason":"charted for the wrong child"})", as(Role::nurse));
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(str(r.json(), "/status"), "entered-in-error");
  EXPECT_EQ(r.json().at("version").as_int64(), 2);

  auto now = client().get("/fhir/Observation/" + id, as(Role::physician));
  EXPECT_EQ(str(now.json(), "/status"), "entered-in-error");
  EXPECT_NE(str(now.json(), "/note/0/text").find("charted for the wrong child"), std::string::npos) << now.describe();
  auto v1 = client().get("/fhir/Observation/" + id + "/_history/1", as(Role::physician));
  EXPECT_EQ(str(v1.json(), "/status"), "final");
  EXPECT_EQ(quantity_value(v1.json()), 7.0);
  EXPECT_EQ(client().post(retract, R"({"reason":"again"})", as(Role::nurse)).status, 409);
}

// An update corrects a finding; it does not move it to another child, retract it without a
// reason, or bring a retracted one back. Each was a plain PUT that answered 200 (an outside
// probe moved a score to another patient, audited only under the new one).
TEST_F(FhirObservation, AnUpdateCannotMoveAScoreToAnotherChildOrUndoARetraction) {
  const std::string patient = create_patient();
  const std::string other = create_patient();
  const std::string id = create_observation(pain_observation(patient, std::int64_t{6}, minutes_ago(5)));
  auto put = [&](const std::function<void(json::object&)>& edit) {
    auto current = client().get("/fhir/Observation/" + id, as(Role::nurse));
    auto body = current.json().as_object();
    edit(body);
    auto headers = as(Role::nurse);
    headers.emplace_back("If-Match", current.header("ETag").value_or(""));
    return client().put("/fhir/Observation/" + id, json_text(body), headers);
  };
  auto moved = put([&](json::object& o) { o["subject"] = json::object{{"reference", "Patient/" + other}}; });
  EXPECT_EQ(moved.status, 422) << moved.describe();
  EXPECT_TRUE(contains(issue_expressions(moved.json()), "subject")) << moved.describe();

  auto no_reason = put([](json::object& o) { o["status"] = "entered-in-error"; });
  EXPECT_EQ(no_reason.status, 422) << no_reason.describe();
  EXPECT_TRUE(contains(issue_expressions(no_reason.json()), "note")) << no_reason.describe();

  auto retracted = put([](json::object& o) {
    o["status"] = "entered-in-error";
    o["note"] = json::array{json::object{{"text", "charted for the wrong child"}}};
  });
  ASSERT_EQ(retracted.status, 200) << retracted.describe();
  auto back = put([](json::object& o) { o["status"] = "final"; });
  EXPECT_EQ(back.status, 422) << back.describe();
  EXPECT_EQ(str(client().get("/fhir/Observation/" + id, as(Role::physician)).json(), "/status"), "entered-in-error");
  EXPECT_EQ(str(client().get("/fhir/Observation/" + id, as(Role::physician)).json(), "/subject/reference"),
            "Patient/" + patient);
}

// The chart's timeline: `limit` is a cap on the whole answer, the newest first, and says when
// older entries were left out (it answered up to three times `limit`, a kind at a time).
TEST_F(FhirObservation, TheTimelineGivesTheNewestEntriesUpToItsLimitAndSaysWhenThereAreMore) {
  const std::string patient = create_patient();
  for (int minutes : {300, 200, 100, 10})
    create_observation(pain_observation(patient, std::int64_t{minutes / 100}, minutes_ago(minutes)));
  auto r = client().get("/api/v1/patients/" + patient + "/timeline?limit=2", as(Role::nurse));
  ASSERT_EQ(r.status, 200) << r.describe();
  const auto items = r.json().at("items").as_array();
  ASSERT_EQ(items.size(), 2u) << r.describe();
  // Charted 10 and 100 minutes ago (scores 0 and 1), not the older 2 and 3.
  EXPECT_EQ(items[0].at("value").to_number<double>(), 0) << r.describe();
  EXPECT_EQ(items[1].at("value").to_number<double>(), 1) << r.describe();
  EXPECT_TRUE(r.json().at("more").as_bool());
  auto all = client().get("/api/v1/patients/" + patient + "/timeline?limit=50", as(Role::nurse));
  EXPECT_FALSE(all.json().at("more").as_bool()) << all.describe();
  EXPECT_EQ(all.json().at("items").as_array().size(), 4u);
  for (const char* bad : {"0", "-1", "abc", "3000"})
    EXPECT_EQ(client().get("/api/v1/patients/" + patient + "/timeline?limit=" + bad, as(Role::nurse)).status, 422) << bad;
}

// R4: a modifier extension changes what its element means, and an application that does not
// understand it must not process the resource as if it were absent; so must implicitRules.
// Relief knows neither, so such a resource is refused, naming where it was (it was stored
// without them).
TEST_F(FhirObservation, AModifierExtensionOrImplicitRulesIsRefusedNotDropped) {
  const std::string patient = create_patient();
  auto obs = pain_observation(patient, std::int64_t{4}, minutes_ago(3));
  obs["valueQuantity"].as_object()["modifierExtension"] =
      json::array{json::object{{"url", "https://example.org/fhir/not-really"}, {"valueBoolean", true}}};
  auto r = post_observation(obs);
  EXPECT_EQ(r.status, 422) << r.describe();
  EXPECT_TRUE(contains(issue_expressions(r.json()), "valueQuantity.modifierExtension")) << r.describe();

  auto with_rules = patient_resource(PatientSpec{});
  with_rules["implicitRules"] = "https://example.org/local-rules";
  auto p = client().post("/fhir/Patient", json_text(with_rules), as(Role::nurse));
  EXPECT_EQ(p.status, 422) << p.describe();
  EXPECT_TRUE(contains(issue_expressions(p.json()), "implicitRules")) << p.describe();
}

// What a client sends that Relief would otherwise store as something else is refused, and
// nothing is written (an outside FHIR client's probe):
// - "< 18 kg" (Quantity.comparator, a modifier element) was stored as exactly 18 kg;
// - two times (effective[x] is 0..1) kept one of them silently;
// - an extension without its url (Extension.url is 1..1) was dropped;
// - a score computed from an administration that does not exist was stored.
TEST_F(FhirObservation, WhatWouldBeStoredAsSomethingElseIsRefusedAndNothingIsWritten) {
  const std::string patient = create_patient();
  auto weight = pain_observation(patient, std::int64_t{4}, minutes_ago(4));
  weight["code"] = json::object{{"coding", json::array{json::object{{"system", "http://loinc.org"}, {"code", "29463-7"}}}}};
  weight.erase("valueInteger");
  weight["valueQuantity"] = json::object{{"value", 18}, {"comparator", "<"}, {"unit", "kg"},
                                         {"system", "http://unitsofmeasure.org"}, {"code", "kg"}};
  auto less_than = post_observation(weight);
  EXPECT_EQ(less_than.status, 422) << less_than.describe();
  EXPECT_TRUE(contains(issue_expressions(less_than.json()), "valueQuantity.comparator")) << less_than.describe();

  auto two_times = pain_observation(patient, std::int64_t{4}, minutes_ago(4));
  two_times["effectivePeriod"] = json::object{{"start", minutes_ago(60)}, {"end", minutes_ago(4)}};
  auto r = post_observation(two_times);
  EXPECT_EQ(r.status, 422) << r.describe();
  EXPECT_TRUE(contains(issue_expressions(r.json()), "effective[x]")) << r.describe();

  auto nameless = pain_observation(patient, std::int64_t{4}, minutes_ago(4));
  nameless["extension"] = json::array{json::object{{"valueString", "what is this?"}}};
  r = post_observation(nameless);
  EXPECT_EQ(r.status, 422) << r.describe();

  auto derived = pain_observation(patient, std::int64_t{4}, minutes_ago(4));
  derived["derivedFrom"] = json::array{json::object{{"reference", "QuestionnaireResponse/0123456789abcdef0123456789abcdef"}}};
  r = post_observation(derived);
  EXPECT_EQ(r.status, 422) << r.describe();
  EXPECT_TRUE(contains(issue_expressions(r.json()), "derivedFrom")) << r.describe();

  EXPECT_TRUE(observations_of(patient).empty());
}

// A correction changes the finding, not what was measured: a pain score edited into a body
// weight would have become the child's dosing weight. And If-None-Match: * asks that nothing
// exist, which an update's target always does (RFC 9110 13.1.2): 412, nothing written.
TEST_F(FhirObservation, AnUpdateKeepsWhatWasMeasuredAndHonoursIfNoneMatch) {
  const std::string patient = create_patient();
  const std::string id = create_observation(pain_observation(patient, std::int64_t{6}, minutes_ago(5)));
  auto current = client().get("/fhir/Observation/" + id, as(Role::nurse));
  auto headers = as(Role::nurse);
  headers.emplace_back("If-Match", current.header("ETag").value_or(""));
  auto body = current.json().as_object();
  body["code"] = json::object{{"coding", json::array{json::object{{"system", "http://loinc.org"}, {"code", "29463-7"}}}}};
  body["valueQuantity"] = json::object{{"value", 6}, {"unit", "kg"}, {"system", "http://unitsofmeasure.org"}, {"code", "kg"}};
  auto changed = client().put("/fhir/Observation/" + id, json_text(body), headers);
  EXPECT_EQ(changed.status, 422) << changed.describe();
  EXPECT_TRUE(contains(issue_expressions(changed.json()), "code")) << changed.describe();

  auto unchanged = current.json().as_object();
  auto conditional = headers;
  conditional.emplace_back("If-None-Match", "*");
  auto refused = client().put("/fhir/Observation/" + id, json_text(unchanged), conditional);
  EXPECT_EQ(refused.status, 412) << refused.describe();
  EXPECT_EQ(client().get("/fhir/Observation/" + id, as(Role::nurse)).header("ETag").value_or(""),
            current.header("ETag").value_or(""));
  EXPECT_EQ(client().put("/fhir/Observation/" + id, json_text(unchanged), headers).status, 200);
}

// R4 search, date: a value matches as the interval its precision spans. A score at 08:15:30.500
// is found by eq and le at 08:15:30 (it was missed: the second was read as one instant) and by
// the minute 08:15, which the spec's own examples use (it was refused, 422).
TEST_F(FhirObservation, ADateSearchToTheSecondOrMinuteCoversThatWholeSecondOrMinute) {
  const std::string patient = create_patient();
  const std::string id = create_observation(pain_observation(patient, std::int64_t{5}, "2024-03-02T08:15:30.500Z"));
  for (const std::string date : {"2024-03-02T08:15:30Z", "le2024-03-02T08:15:30Z", "ge2024-03-02T08:15:30Z",
                                 "2024-03-02T08:15Z", "2024-03-02T09:15+01:00", "ge2024-03-02T08:15Z", "2024-03-02T08:15:30.5Z"})
    EXPECT_EQ(observations_of(patient, "&date=" + query_value(date)), std::vector<std::string>{id}) << date;
  for (const std::string date : {"lt2024-03-02T08:15:30Z", "gt2024-03-02T08:15:30Z", "2024-03-02T08:16Z", "2024-03-02T08:15:30.4Z"})
    EXPECT_TRUE(observations_of(patient, "&date=" + query_value(date)).empty()) << date;
}

// The JSON API reads JSON only. A body declared as text/plain (which a cross-site form can send
// without a CORS preflight) or as a form is refused with 415 and a JSON error, and changes nothing;
// "application/json; charset=UTF-8" in any case is JSON.
TEST_F(FhirObservation, AnApiBodyDeclaredAsAnythingButJsonIs415AndChangesNothing) {
  const std::string patient = create_patient();
  const std::string id = create_observation(pain_observation(patient, std::int64_t{5}, minutes_ago(5)));
  const std::string retract = "/api/v1/patients/" + patient + "/observations/" + id + "/entered-in-error";
  auto typed = [](std::string type) {
    auto h = as(Role::nurse);
    h.emplace_back("Content-Type", std::move(type));
    return h;
  };
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "text/plain; charset=utf-8"}) {
    auto r = client().post(retract, R"({"reason":"wrong child"})", typed(type));
    EXPECT_EQ(r.status, 415) << type << ": " << r.describe();
    EXPECT_EQ(str(r.json(), "/error/code"), "not-supported") << r.describe();
  }
  auto check = client().post("/api/v1/schedule/check", R"({"instance":{}})", typed("text/plain"));
  EXPECT_EQ(check.status, 415) << check.describe();
  EXPECT_EQ(str(client().get("/fhir/Observation/" + id, as(Role::physician)).json(), "/status"), "final");

  auto r = client().post(retract, R"({"reason":"wrong child"})", typed("Application/JSON; charset=UTF-8"));
  EXPECT_EQ(r.status, 200) << r.describe();
}

TEST_F(FhirObservation, WhatCannotBeTrueOfTheChildIsRefused) {
  PatientSpec p;
  p.birth_date = "2016-05-01";
  const std::string patient = create_patient(p);
  // A pain score from before the child was born.
  auto before_birth = client().post("/fhir/Observation", json_text(pain_observation(patient, std::int64_t{4}, "2015-01-01T08:00:00Z")),
                                    as(Role::nurse));
  EXPECT_EQ(before_birth.status, 422) << before_birth.describe();
  EXPECT_TRUE(contains(issue_expressions(before_birth.json()), "effectiveDateTime")) << before_birth.describe();
  // Two values for one observation: which one would the chart show?
  auto two = pain_observation(patient, std::int64_t{4}, minutes_ago(5));
  if (two.contains("valueQuantity")) two["valueInteger"] = 9;
  else two["valueQuantity"] = json::object{{"value", 9}, {"unit", "{score}"}};
  auto both = client().post("/fhir/Observation", json_text(two), as(Role::nurse));
  EXPECT_EQ(both.status, 422) << both.describe();
  EXPECT_TRUE(contains(issue_expressions(both.json()), "value[x]")) << both.describe();
  EXPECT_TRUE(entry_ids(search("/fhir/Observation?subject=Patient/" + patient)).empty());
}

TEST_F(FhirObservation, AnUpdateNestedDeeperThanThirtyTwoLevelsIsNotAServerError) {
  const std::string patient = create_patient();
  const std::string id = create_observation(pain_observation(patient, std::int64_t{3}, minutes_ago(5)));
  auto body = pain_observation(patient, std::int64_t{2}, minutes_ago(5));
  body["id"] = id;
  json::value deep = "x";
  for (int i = 0; i < 40; ++i) deep = json::array{deep};
  body["unknownElement"] = deep;
  HeaderList headers = as(Role::nurse);
  headers.emplace_back("If-Match", "W/\"1\"");
  auto r = client().put("/fhir/Observation/" + id, json_text(body), headers);
  EXPECT_EQ(r.status, 200) << r.describe();
}

}  // namespace
}  // namespace relief::testing
