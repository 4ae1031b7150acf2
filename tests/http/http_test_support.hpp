#pragma once
// Shared pieces of the HTTP integration suite: a fixture with one server per test suite, signed-in
// tokens per role, unique clinical test data, and small readers for FHIR JSON.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/roles.hpp"
#include "http_client.hpp"
#include "server_process.hpp"

namespace relief::testing {

namespace json = boost::json;

// ---- unique, recognisable test data -------------------------------------------------------

// "MRN-0007-3fa9c1d2": unique within and across runs, so tests never collide on a shared server.
std::string unique_mrn();
// A name that no other test uses: the stem plus a lower-case letter suffix ("Okafor" -> "Okaforqzjx").
std::string unique_name(const std::string& stem);

inline constexpr const char* kLoinc = "http://loinc.org";
inline constexpr const char* kPainNrs = "72514-3";  // 0-10 numeric rating scale, self-report
inline constexpr const char* kFpsR = "57696-7";     // Faces Pain Scale - Revised: 0,2,4,6,8,10
inline constexpr const char* kMrnSystem = "https://relief.example.org/fhir/sid/mrn";

struct PatientSpec {
  std::string mrn = unique_mrn();
  std::string family = unique_name("Okafor");
  std::vector<std::string> given{"Adaeze"};
  std::string birth_date = "2014-06-02";
  std::string gender = "female";
};
json::object patient_resource(const PatientSpec& p);

// A pain assessment: LOINC `code`, score `value` ({score}), made at `effective` (FHIR dateTime).
json::object pain_observation(const std::string& patient_id, double value, const std::string& effective,
                              const std::string& code = kPainNrs);
json::object pain_observation(const std::string& patient_id, std::int64_t value, const std::string& effective,
                              const std::string& code = kPainNrs);

// An instant `minutes_ago` before now, as FHIR dateTime text ("2024-03-01T08:15:00.000Z").
std::string minutes_ago(int minutes);
// Today's UTC date plus `days`, as YYYY-MM-DD.
std::string utc_date_in_days(int days);

// ---- reading FHIR JSON ---------------------------------------------------------------------

std::string str(const json::value& v, std::string_view pointer);  // "" when absent or not a string
std::vector<std::string> issue_expressions(const json::value& outcome);
std::vector<std::string> issue_codes(const json::value& outcome);
std::vector<std::string> entry_ids(const json::value& bundle);
std::vector<json::object> entry_resources(const json::value& bundle);
std::optional<std::string> bundle_link(const json::value& bundle, const std::string& relation);
bool contains(const std::vector<std::string>& list, const std::string& item);
std::string json_text(const json::value& v);

// ---- the fixture ---------------------------------------------------------------------------

// One server per test suite (SetUpTestSuite), seeded with one account per role. Tests create
// their own patients and observations, so they never depend on one another's data.
class ServerSuite : public ::testing::Test {
 public:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

 protected:
  static ServerProcess& server();
  static HttpClient client();  // to the server's current port (it changes on restart)
  // Authorization: Bearer for the seeded account of `role`, signing in on first use.
  static HeaderList as(Role role);
  static std::string token(Role role);
  static void forget_tokens() { tokens_.clear(); }

  // POST /fhir/Patient as `role`; the new id. Throws (failing the test) unless 201.
  static std::string create_patient(const PatientSpec& p = {}, Role role = Role::nurse);
  // POST /fhir/Observation as `role`; the new id. Throws (failing the test) unless 201.
  static std::string create_observation(const json::object& resource, Role role = Role::nurse);
  // GET a searchset and return it (throws unless 200).
  static json::value search(const std::string& target, Role role = Role::physician);

 private:
  static std::unique_ptr<ServerProcess> server_;
  static std::map<Role, std::string> tokens_;
};

// POST /auth/login with a JSON body.
HttpResponse login(const HttpClient& client, const std::string& username, const std::string& password);

}  // namespace relief::testing
