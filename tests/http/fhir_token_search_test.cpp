// Token search as R4 search.html defines it: "code" any system, "system|code" that system,
// "|code" a code with no system, "system|" any code of that system.
#include <algorithm>

#include "http_test_support.hpp"

namespace relief::testing {
namespace {

class FhirTokenSearch : public ServerSuite {
 protected:
  static std::string observation_coded(const std::string& patient, const std::string& system, const std::string& code,
                                       int minutes) {
    json::object coding{{"code", code}};
    if (!system.empty()) coding["system"] = system;
    auto obs = pain_observation(patient, std::int64_t{60}, minutes_ago(minutes));
    obs["code"] = json::object{{"coding", json::array{coding}}};
    obs["valueQuantity"] = json::object{{"value", 60}};
    return create_observation(obs);
  }
  static std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  }
};

TEST_F(FhirTokenSearch, ObservationCodeWithAndWithoutSystem) {
  const std::string patient = create_patient();
  const std::string ward = "https://ward.example.org/codes";
  const std::string no_system = observation_coded(patient, "", "local-hr", 30);
  const std::string ward_coded = observation_coded(patient, ward, "local-hr", 20);
  const std::string loinc = observation_coded(patient, kLoinc, "8867-4", 10);
  const std::string s = "/fhir/Observation?subject=Patient/" + patient + "&code=";

  EXPECT_EQ(sorted(entry_ids(search(s + "local-hr"))), sorted({no_system, ward_coded}));
  // "|code": only the code that has no system.
  EXPECT_EQ(entry_ids(search(s + "%7Clocal-hr")), std::vector<std::string>{no_system});
  EXPECT_TRUE(entry_ids(search(s + "%7C8867-4")).empty()) << "8867-4 was sent with LOINC's system";
  // "system|": any code of that system.
  EXPECT_EQ(entry_ids(search(s + ward + "%7C")), std::vector<std::string>{ward_coded});
  EXPECT_EQ(entry_ids(search(s + std::string(kLoinc) + "%7C")), std::vector<std::string>{loinc});
  EXPECT_EQ(entry_ids(search(s + std::string(kLoinc) + "%7C8867-4")), std::vector<std::string>{loinc});
}

TEST_F(FhirTokenSearch, PatientIdentifierWithAndWithoutSystem) {
  PatientSpec p;
  const std::string id = create_patient(p);
  const std::string s = "/fhir/Patient?family=" + p.family + "&identifier=";
  EXPECT_EQ(entry_ids(search(s + p.mrn)), std::vector<std::string>{id});
  EXPECT_EQ(entry_ids(search(s + std::string(kMrnSystem) + "%7C" + p.mrn)), std::vector<std::string>{id});
  // Every MRN Relief holds has its system: "|value" asks for an identifier without one.
  EXPECT_TRUE(entry_ids(search(s + "%7C" + p.mrn)).empty());
  // "system|": any MRN; another system's identifiers are not kept here.
  EXPECT_EQ(entry_ids(search(s + std::string(kMrnSystem) + "%7C")), std::vector<std::string>{id});
  EXPECT_TRUE(entry_ids(search(s + "https://other.example.org/ids%7C")).empty());
}

}  // namespace
}  // namespace relief::testing
