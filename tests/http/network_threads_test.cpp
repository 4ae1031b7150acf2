// The server serves every connection from a few network threads, on fibers that suspend while
// they wait. Work that holds a thread for long (a schedule solve, a password hash) must run on a
// worker instead, or everyone else on that thread would wait for it. These tests start a server
// with a single network thread, so anything run on it in place would block every other request.
#include <atomic>
#include <future>
#include <set>
#include <thread>

#include "http_test_support.hpp"

namespace relief::testing {
namespace {

HeaderList sign_in(const HttpClient& client, Role role) {
  json::object body{{"username", username_for(role)}, {"password", kTestPassword}};
  auto r = client.post("/auth/login", json_text(body), {{"Content-Type", "application/json"}});
  if (r.status != 200) throw std::runtime_error("sign-in failed: " + r.describe());
  return {{"Authorization", "Bearer " + str(r.json(), "/token")}};
}

// The gauge counts requests being handled, the /metrics request that reads it included.
long requests_in_flight(const HttpClient& client) {
  auto body = client.get("/metrics").body;
  const std::string name = "\nrelief_http_requests_in_flight ";
  auto at = body.find(name);
  if (at == std::string::npos) throw std::runtime_error("no in-flight gauge in /metrics:\n" + body);
  return std::stol(body.substr(at + name.size()));
}

TEST(OneNetworkThread, OthersAreServedWhileAScheduleSolveRuns) {
  ServerProcess server(backend_from_environment(), {"--io-threads", "1"});
  HttpClient client(server.port());
  auto coordinator = sign_in(client, Role::coordinator);
  auto unit = client.get("/api/v1/schedule/demo?patients=12&staff=30&days=1&seed=7", coordinator);
  ASSERT_EQ(unit.status, 200) << unit.describe();
  // A 12-patient day is not proven optimal within a few seconds, so the solve uses its whole limit.
  json::object solve{{"instance", unit.json()}, {"time_limit_s", 4}};

  std::atomic<bool> solved{false};
  auto solving = std::async(std::launch::async, [&] {
    auto r = client.post("/api/v1/schedule/solve", json_text(solve), coordinator);
    solved = true;
    return r;
  });
  // Wait until the server is inside the solve: two requests in flight, the solve and this read.
  // Were the solve on the network thread, this read would only be answered after it.
  long in_flight = 0;
  while (!solved && (in_flight = requests_in_flight(client)) < 2) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_FALSE(solved) << "the server answered nothing else until the solve had finished";
  EXPECT_EQ(in_flight, 2);

  // A nurse signs in (an argon2id hash, itself sent to a worker) and records a pain score.
  auto nurse = sign_in(client, Role::nurse);
  auto patient = client.post("/fhir/Patient", json_text(patient_resource(PatientSpec{})), nurse);
  ASSERT_EQ(patient.status, 201) << patient.describe();
  auto pain = pain_observation(str(patient.json(), "/id"), std::int64_t{7}, minutes_ago(1));
  auto created = client.post("/fhir/Observation", json_text(pain), nurse);
  EXPECT_EQ(created.status, 201) << created.describe();
  EXPECT_FALSE(solved) << "the sign-in and the writes were answered while the solve still ran";

  auto result = solving.get();
  ASSERT_EQ(result.status, 200) << result.describe();
  EXPECT_FALSE(str(result.json(), "/plan/status").empty()) << result.body;
}

TEST(OneNetworkThread, ManyConcurrentWritersAreAllDurablyAnswered) {
  // 32 clients write at once through one network thread: each write suspends its connection's
  // fiber until the group commit is durable, and every one of them must come back 201.
  ServerProcess server(backend_from_environment(), {"--io-threads", "1"});
  HttpClient client(server.port());
  auto nurse = sign_in(client, Role::nurse);
  auto patient = client.post("/fhir/Patient", json_text(patient_resource(PatientSpec{})), nurse);
  ASSERT_EQ(patient.status, 201) << patient.describe();
  const std::string patient_id = str(patient.json(), "/id");

  constexpr int kWriters = 32, kEach = 5;
  std::vector<std::future<std::vector<std::string>>> writers;
  for (int w = 0; w < kWriters; ++w)
    writers.push_back(std::async(std::launch::async, [&, w] {
      std::vector<std::string> ids;
      for (int i = 0; i < kEach; ++i) {
        auto pain = pain_observation(patient_id, std::int64_t{(w + i) % 11}, minutes_ago(w * kEach + i));
        auto r = client.post("/fhir/Observation", json_text(pain), nurse);
        if (r.status != 201) throw std::runtime_error("a write failed: " + r.describe());
        ids.push_back(str(r.json(), "/id"));
      }
      return ids;
    }));
  std::set<std::string> acknowledged;
  for (auto& w : writers)
    for (auto& id : w.get()) acknowledged.insert(id);
  ASSERT_EQ(acknowledged.size(), std::size_t{kWriters * kEach}) << "every write got its own record";

  // A crash right after the last answer loses none of them.
  server.kill9();
  server.start();
  HttpClient after(server.port());
  auto reader = sign_in(after, Role::nurse);
  auto found = after.get("/fhir/Observation?subject=Patient/" + patient_id + "&_count=500", reader);
  ASSERT_EQ(found.status, 200) << found.describe();
  auto ids = entry_ids(found.json());
  std::set<std::string> stored(ids.begin(), ids.end());
  for (const auto& id : acknowledged) EXPECT_TRUE(stored.count(id)) << "Observation/" << id << " was acknowledged";
}

TEST(OneNetworkThread, RefusedWritesInAGroupCommitGetTheirOwnAnswers) {
  // Writes that fail inside the group commit (a pain score for a patient who does not exist:
  // 422) interleaved with good ones from 16 clients at once: each client gets the answer to its
  // own write, the good ones are stored, and nothing of the refused ones is.
  ServerProcess server(backend_from_environment(), {"--io-threads", "1"});
  HttpClient client(server.port());
  auto nurse = sign_in(client, Role::nurse);
  auto patient = client.post("/fhir/Patient", json_text(patient_resource(PatientSpec{})), nurse);
  ASSERT_EQ(patient.status, 201) << patient.describe();
  const std::string patient_id = str(patient.json(), "/id");

  constexpr int kClients = 16, kEach = 10;
  std::vector<std::future<std::vector<std::string>>> clients;
  for (int c = 0; c < kClients; ++c)
    clients.push_back(std::async(std::launch::async, [&, c] {
      std::vector<std::string> stored;
      for (int i = 0; i < kEach; ++i) {
        const bool good = (c + i) % 2 == 0;
        auto subject = good ? patient_id : "no-such-patient-" + std::to_string(c) + "-" + std::to_string(i);
        auto r = client.post("/fhir/Observation", json_text(pain_observation(subject, std::int64_t{i}, minutes_ago(i))), nurse);
        if (good && r.status != 201) throw std::runtime_error("a good write failed: " + r.describe());
        if (!good && r.status != 422) throw std::runtime_error("a write for no patient was not 422: " + r.describe());
        if (!good && !contains(issue_expressions(r.json()), "subject"))
          throw std::runtime_error("the refusal does not name the subject: " + r.describe());
        if (good) stored.push_back(str(r.json(), "/id"));
      }
      return stored;
    }));
  std::set<std::string> acknowledged;
  for (auto& c : clients)
    for (auto& id : c.get()) acknowledged.insert(id);
  EXPECT_EQ(acknowledged.size(), std::size_t{kClients * kEach / 2});

  auto found = client.get("/fhir/Observation?subject=Patient/" + patient_id + "&_count=500", nurse);
  ASSERT_EQ(found.status, 200) << found.describe();
  auto ids = entry_ids(found.json());
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), acknowledged) << "exactly the good writes are stored";
}

}  // namespace
}  // namespace relief::testing
