// Bundles as R4 defines them: no empty arrays (json.html), and history paged by _count like a
// search (http.html), never more entries than asked for.
#include "http_test_support.hpp"

namespace relief::testing {
namespace {

class FhirBundles : public ServerSuite {
 protected:
  // Versions 2..n of a patient by successive updates.
  static void update_family(const std::string& id, PatientSpec p, int version) {
    p.family = unique_name("Renamed");
    auto body = patient_resource(p);
    body["id"] = id;
    HeaderList headers = as(Role::nurse);
    headers.emplace_back("If-Match", "W/\"" + std::to_string(version) + "\"");
    auto r = client().put("/fhir/Patient/" + id, json_text(body), headers);
    ASSERT_EQ(r.status, 200) << r.describe();
  }
};

TEST_F(FhirBundles, ASearchThatFindsNothingHasNoEntryElement) {
  auto empty = search("/fhir/Patient?family=" + unique_name("Nobody"));
  EXPECT_EQ(str(empty, "/type"), "searchset");
  EXPECT_FALSE(empty.as_object().contains("entry")) << json_text(empty);
  const std::string patient = create_patient();
  for (const std::string& target : {"/fhir/Observation?subject=Patient/" + patient,
                                    "/fhir/QuestionnaireResponse?subject=Patient/" + patient,
                                    "/fhir/Patient?_id=" + patient + "&_count=0"}) {
    auto b = search(target);
    EXPECT_FALSE(b.as_object().contains("entry")) << target << "\n" << json_text(b);
  }
}

TEST_F(FhirBundles, HistoryHonoursCountWithPagingLinks) {
  PatientSpec p;
  const std::string id = create_patient(p);
  update_family(id, p, 1);
  update_family(id, p, 2);

  auto page1 = client().get("/fhir/Patient/" + id + "/_history?_count=1", as(Role::physician));
  ASSERT_EQ(page1.status, 200) << page1.describe();
  auto b1 = page1.json();
  ASSERT_EQ(entry_resources(b1).size(), 1u) << page1.describe();
  EXPECT_EQ(str(b1, "/entry/0/resource/meta/versionId"), "3");  // newest first
  EXPECT_EQ(b1.at("total").to_number<int>(), 3);
  auto next = bundle_link(b1, "next");
  ASSERT_TRUE(next) << page1.describe();

  // Follow the links to the end: each page one version, 3, 2, 1, then no next.
  std::vector<std::string> versions{"3"};
  while (next) {
    auto at = next->find("/fhir/");
    auto r = client().get(next->substr(at), as(Role::physician));
    ASSERT_EQ(r.status, 200) << r.describe();
    auto b = r.json();
    ASSERT_EQ(entry_resources(b).size(), 1u) << r.describe();
    versions.push_back(str(b, "/entry/0/resource/meta/versionId"));
    EXPECT_TRUE(bundle_link(b, "previous")) << r.describe();
    next = bundle_link(b, "next");
    ASSERT_LE(versions.size(), 3u) << "a next link past the last version";
  }
  EXPECT_EQ(versions, (std::vector<std::string>{"3", "2", "1"}));

  // _count=0: the total alone, and no empty entry array.
  auto none = client().get("/fhir/Patient/" + id + "/_history?_count=0", as(Role::physician));
  ASSERT_EQ(none.status, 200) << none.describe();
  EXPECT_FALSE(none.json().as_object().contains("entry")) << none.describe();
  EXPECT_EQ(none.json().at("total").to_number<int>(), 3);
}

}  // namespace
}  // namespace relief::testing
