#include "http_test_support.hpp"

#include <sodium.h>

#include <atomic>
#include <cstdio>
#include <stdexcept>

#include "core/time.hpp"

namespace relief::testing {

namespace {
std::atomic<int> g_counter{0};

std::string random_hex(std::size_t bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium");
  std::vector<unsigned char> b(bytes);
  randombytes_buf(b.data(), b.size());
  std::string out(bytes * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), b.data(), b.size());
  out.pop_back();
  return out;
}
}  // namespace

std::string unique_mrn() {
  char n[16];
  std::snprintf(n, sizeof n, "%04d", ++g_counter);
  return "MRN-" + std::string(n) + "-" + random_hex(4);
}

std::string unique_name(const std::string& stem) {
  // Letters only, so a name search for a prefix of it is a plain prefix match.
  std::string suffix;
  for (unsigned char c : random_hex(4)) suffix += static_cast<char>('a' + (c % 16));
  int n = ++g_counter;
  while (n > 0) {
    suffix += static_cast<char>('q' + n % 10);
    n /= 10;
  }
  return stem + suffix;
}

json::object patient_resource(const PatientSpec& p) {
  json::array given;
  for (const auto& g : p.given) given.emplace_back(g);
  return json::object{
      {"resourceType", "Patient"},
      {"identifier", json::array{json::object{{"system", kMrnSystem}, {"value", p.mrn}}}},
      {"name", json::array{json::object{{"use", "official"}, {"family", p.family}, {"given", std::move(given)}}}},
      {"gender", p.gender},
      {"birthDate", p.birth_date},
  };
}

namespace {
json::object observation_with(const std::string& patient_id, json::value value, const std::string& effective,
                              const std::string& code) {
  return json::object{
      {"resourceType", "Observation"},
      {"status", "final"},
      {"code", json::object{{"coding", json::array{json::object{{"system", kLoinc}, {"code", code}}}}}},
      {"subject", json::object{{"reference", "Patient/" + patient_id}}},
      {"effectiveDateTime", effective},
      {"valueQuantity", json::object{{"value", std::move(value)},
                                     {"unit", "{score}"},
                                     {"system", "http://unitsofmeasure.org"},
                                     {"code", "{score}"}}},
  };
}
}  // namespace

json::object pain_observation(const std::string& patient_id, double value, const std::string& effective,
                              const std::string& code) {
  return observation_with(patient_id, json::value(value), effective, code);
}

json::object pain_observation(const std::string& patient_id, std::int64_t value, const std::string& effective,
                              const std::string& code) {
  return observation_with(patient_id, json::value(value), effective, code);
}

std::string minutes_ago(int minutes) { return format_instant(Instant{now().ms - minutes * 60'000LL}); }

std::string utc_date_in_days(int days) { return format_date(add_days(date_of(now()), days)); }

std::string str(const json::value& v, std::string_view pointer) {
  boost::system::error_code ec;
  const json::value* found = v.find_pointer(pointer, ec);
  if (!found || !found->is_string()) return "";
  return std::string(found->as_string());
}

std::vector<std::string> issue_expressions(const json::value& outcome) {
  std::vector<std::string> out;
  if (!outcome.is_object()) return out;
  auto* issues = outcome.as_object().if_contains("issue");
  if (!issues || !issues->is_array()) return out;
  for (const auto& issue : issues->as_array()) {
    if (!issue.is_object()) continue;
    auto* expr = issue.as_object().if_contains("expression");
    if (!expr || !expr->is_array()) continue;
    for (const auto& e : expr->as_array())
      if (e.is_string()) out.emplace_back(e.as_string());
  }
  return out;
}

std::vector<std::string> issue_codes(const json::value& outcome) {
  std::vector<std::string> out;
  if (!outcome.is_object()) return out;
  auto* issues = outcome.as_object().if_contains("issue");
  if (!issues || !issues->is_array()) return out;
  for (const auto& issue : issues->as_array()) out.push_back(str(issue, "/code"));
  return out;
}

std::vector<json::object> entry_resources(const json::value& bundle) {
  std::vector<json::object> out;
  if (!bundle.is_object()) return out;
  auto* entries = bundle.as_object().if_contains("entry");
  if (!entries || !entries->is_array()) return out;
  for (const auto& e : entries->as_array())
    if (auto* r = e.is_object() ? e.as_object().if_contains("resource") : nullptr; r && r->is_object())
      out.push_back(r->as_object());
  return out;
}

std::vector<std::string> entry_ids(const json::value& bundle) {
  std::vector<std::string> out;
  for (const auto& r : entry_resources(bundle)) out.push_back(str(r, "/id"));
  return out;
}

std::optional<std::string> bundle_link(const json::value& bundle, const std::string& relation) {
  if (!bundle.is_object()) return std::nullopt;
  auto* links = bundle.as_object().if_contains("link");
  if (!links || !links->is_array()) return std::nullopt;
  for (const auto& l : links->as_array())
    if (str(l, "/relation") == relation) return str(l, "/url");
  return std::nullopt;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string json_text(const json::value& v) { return json::serialize(v); }

HttpResponse login(const HttpClient& client, const std::string& username, const std::string& password) {
  return client.post("/auth/login", json_text(json::object{{"username", username}, {"password", password}}),
                     {{"Content-Type", "application/json"}});
}

// ---- ServerSuite ---------------------------------------------------------------------------

std::unique_ptr<ServerProcess> ServerSuite::server_;
std::map<Role, std::string> ServerSuite::tokens_;

void ServerSuite::SetUpTestSuite() {
  tokens_.clear();
  server_ = std::make_unique<ServerProcess>();
}

void ServerSuite::TearDownTestSuite() {
  tokens_.clear();
  if (!server_) return;
  if (server_->running()) {
    auto status = server_->stop();
    // A clean shutdown is part of the contract too: report a server that crashed on SIGTERM.
    EXPECT_TRUE(status.exited && status.code == 0) << "the server " << status.describe() << " on SIGTERM; it said:\n"
                                                   << server_->output();
  }
  server_.reset();
}

ServerProcess& ServerSuite::server() {
  if (!server_) throw std::runtime_error("the suite's server did not start (see SetUpTestSuite)");
  return *server_;
}

HttpClient ServerSuite::client() { return HttpClient(server().port()); }

std::string ServerSuite::token(Role role) {
  auto it = tokens_.find(role);
  if (it != tokens_.end()) return it->second;
  auto r = login(client(), username_for(role), kTestPassword);
  if (r.status != 200) throw std::runtime_error("cannot sign in as " + username_for(role) + ": " + r.describe());
  std::string t = str(r.json(), "/token");
  if (t.empty()) throw std::runtime_error("the login answer has no token: " + r.describe());
  tokens_[role] = t;
  return t;
}

HeaderList ServerSuite::as(Role role) { return {{"Authorization", "Bearer " + token(role)}}; }

std::string ServerSuite::create_patient(const PatientSpec& p, Role role) {
  auto r = client().post("/fhir/Patient", json_text(patient_resource(p)), as(role));
  if (r.status != 201) throw std::runtime_error("creating a patient failed: " + r.describe());
  return str(r.json(), "/id");
}

std::string ServerSuite::create_observation(const json::object& resource, Role role) {
  auto r = client().post("/fhir/Observation", json_text(resource), as(role));
  if (r.status != 201) throw std::runtime_error("creating an observation failed: " + r.describe());
  return str(r.json(), "/id");
}

json::value ServerSuite::search(const std::string& target, Role role) {
  auto r = client().get(target, as(role));
  if (r.status != 200) throw std::runtime_error("GET " + target + " failed: " + r.describe());
  return r.json();
}

}  // namespace relief::testing
