// The server serves every connection from a few network threads, on fibers that suspend while
// they wait. Work that holds a thread for long (a schedule solve, a password hash) must run on a
// worker instead, or everyone else on that thread would wait for it. These tests start a server
// with a single network thread, so anything run on it in place would block every other request.
#include <algorithm>
#include <atomic>
#include <functional>
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

// A new patient's id; throws when the server refuses it.
std::string new_patient(const HttpClient& client, const HeaderList& auth) {
  auto r = client.post("/fhir/Patient", json_text(patient_resource(PatientSpec{})), auth);
  if (r.status != 201) throw std::runtime_error("creating a patient failed: " + r.describe());
  return str(r.json(), "/id");
}

// Runs `clients` clients at once, each calling `client_writes(c)` for the ids it stored, and
// gathers every id; rethrows the first client's failure.
std::set<std::string> all_at_once(int clients, const std::function<std::vector<std::string>(int)>& client_writes) {
  std::vector<std::future<std::vector<std::string>>> running;
  for (int c = 0; c < clients; ++c) running.push_back(std::async(std::launch::async, client_writes, c));
  std::set<std::string> ids;
  for (auto& r : running)
    for (auto& id : r.get()) ids.insert(id);
  return ids;
}

// The ids of the patient's stored observations.
std::set<std::string> stored_observations(const HttpClient& client, const HeaderList& auth, const std::string& patient) {
  auto found = client.get("/fhir/Observation?subject=Patient/" + patient + "&_count=500", auth);
  if (found.status != 200) throw std::runtime_error("searching failed: " + found.describe());
  auto ids = entry_ids(found.json());
  return {ids.begin(), ids.end()};
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
  auto pain = pain_observation(new_patient(client, nurse), std::int64_t{7}, minutes_ago(1));
  auto created = client.post("/fhir/Observation", json_text(pain), nurse);
  EXPECT_EQ(created.status, 201) << created.describe();
  EXPECT_FALSE(solved) << "the sign-in and the writes were answered while the solve still ran";

  auto result = solving.get();
  ASSERT_EQ(result.status, 200) << result.describe();
  EXPECT_FALSE(str(result.json(), "/plan/status").empty()) << result.body;
}

// SIGTERM while a 50 s solve runs: the solve stops at once and answers with the best plan it
// has, within the shutdown's 10 s grace. (Before, the shutdown waited for the solve and the
// client got no answer at all when the grace ran out.)
TEST(Shutdown, ARunningSolveAnswersWithItsBestPlanSoFar) {
  ServerProcess server(backend_from_environment(), {});
  HttpClient client(server.port(), "127.0.0.1", std::chrono::seconds(120));
  auto coordinator = sign_in(client, Role::coordinator);
  auto unit = client.get("/api/v1/schedule/demo?patients=12&staff=30&days=5&seed=7", coordinator);
  ASSERT_EQ(unit.status, 200) << unit.describe();
  json::object solve{{"instance", unit.json()}, {"time_limit_s", 50}};
  std::atomic<bool> solved{false};
  auto solving = std::async(std::launch::async, [&] {
    auto r = client.post("/api/v1/schedule/solve", json_text(solve), coordinator);
    solved = true;
    return r;
  });
  while (!solved && requests_in_flight(client) < 2) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::this_thread::sleep_for(std::chrono::seconds(2));  // well into the solve
  ASSERT_FALSE(solved);
  auto status = server.stop();
  auto result = solving.get();
  ASSERT_EQ(result.status, 200) << result.describe();
  EXPECT_FALSE(json_text(result.json().at("plan").at("sessions")).empty());
  EXPECT_TRUE(status.exited && status.code == 0) << status.describe();
}

// A client that gives up on a solve and hangs up frees its core: the server allows one solve per
// core at once (503 beyond that), and a solve nobody will read used to hold its slot until its
// time limit. Here every slot gets a 60 s solve whose client hangs up after 1.5 s; a short solve
// asked for next must then run within seconds, not after the 60 s.
TEST(ScheduleSolve, AClientThatHangsUpFreesItsSlot) {
  ServerProcess server(backend_from_environment(), {});
  HttpClient client(server.port(), "127.0.0.1", std::chrono::seconds(60));
  auto coordinator = sign_in(client, Role::coordinator);
  auto unit = client.get("/api/v1/schedule/demo?patients=24&staff=40&days=5&seed=3", coordinator);
  ASSERT_EQ(unit.status, 200) << unit.describe();
  const int slots = std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 2, 1024);

  HttpClient impatient(server.port(), "127.0.0.1", std::chrono::milliseconds(1500));
  const std::string long_solve = json_text(json::object{{"instance", unit.json()}, {"time_limit_s", 60}});
  std::vector<std::future<bool>> given_up;
  for (int k = 0; k < slots; ++k)
    given_up.push_back(std::async(std::launch::async, [&] {
      try {
        impatient.post("/api/v1/schedule/solve", long_solve, coordinator);
        return false;  // answered within 1.5 s: the test's premise failed
      } catch (const std::runtime_error&) {
        return true;  // timed out and closed the connection
      }
    }));
  for (auto& g : given_up) ASSERT_TRUE(g.get()) << "a 60 s solve answered within 1.5 s";

  const std::string short_solve = json_text(json::object{{"instance", unit.json()}, {"time_limit_s", 0.5}});
  HttpResponse next = client.post("/api/v1/schedule/solve", short_solve, coordinator);
  for (int tries = 0; next.status == 503 && tries < 40; ++tries) {  // up to 20 s of the 60
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    next = client.post("/api/v1/schedule/solve", short_solve, coordinator);
  }
  EXPECT_EQ(next.status, 200) << next.describe();
}

TEST(OneNetworkThread, ManyConcurrentWritersAreAllDurablyAnswered) {
  // 32 clients write at once through one network thread: each write suspends its connection's
  // fiber until the group commit is durable, and every one of them must come back 201.
  ServerProcess server(backend_from_environment(), {"--io-threads", "1"});
  HttpClient client(server.port());
  auto nurse = sign_in(client, Role::nurse);
  const std::string patient_id = new_patient(client, nurse);

  constexpr int kWriters = 32, kEach = 5;
  auto acknowledged = all_at_once(kWriters, [&](int w) {
    std::vector<std::string> ids;
    for (int i = 0; i < kEach; ++i) {
      auto pain = pain_observation(patient_id, std::int64_t{(w + i) % 11}, minutes_ago(w * kEach + i));
      auto r = client.post("/fhir/Observation", json_text(pain), nurse);
      if (r.status != 201) throw std::runtime_error("a write failed: " + r.describe());
      ids.push_back(str(r.json(), "/id"));
    }
    return ids;
  });
  ASSERT_EQ(acknowledged.size(), std::size_t{kWriters * kEach}) << "every write got its own record";

  // A crash right after the last answer loses none of them.
  server.kill9();
  server.start();
  HttpClient after(server.port());
  auto stored = stored_observations(after, sign_in(after, Role::nurse), patient_id);
  for (const auto& id : acknowledged) EXPECT_TRUE(stored.count(id)) << "Observation/" << id << " was acknowledged";
}

TEST(OneNetworkThread, RefusedWritesInAGroupCommitGetTheirOwnAnswers) {
  // Writes that fail inside the group commit (a pain score for a patient who does not exist:
  // 422) interleaved with good ones from 16 clients at once: each client gets the answer to its
  // own write, the good ones are stored, and nothing of the refused ones is.
  ServerProcess server(backend_from_environment(), {"--io-threads", "1"});
  HttpClient client(server.port());
  auto nurse = sign_in(client, Role::nurse);
  const std::string patient_id = new_patient(client, nurse);

  constexpr int kClients = 16, kEach = 10;
  auto acknowledged = all_at_once(kClients, [&](int c) {
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
  });
  EXPECT_EQ(acknowledged.size(), std::size_t{kClients * kEach / 2});
  EXPECT_EQ(stored_observations(client, nurse, patient_id), acknowledged) << "exactly the good writes are stored";
}

}  // namespace
}  // namespace relief::testing
