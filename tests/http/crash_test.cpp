// Durability under load: a ward full of tablets charting pain scores when the server dies.
// Whatever the server answered 201 for must be in the chart after it comes back, with the same
// value: a clinician who saw "saved" must never find the score gone.
#include <atomic>
#include <csignal>
#include <iostream>
#include <chrono>
#include <mutex>
#include <thread>

#include "http_test_support.hpp"

namespace relief::testing {
namespace {

constexpr int kWriters = 8;
constexpr auto kWriteFor = std::chrono::seconds(2);
constexpr auto kPatience = std::chrono::seconds(60);  // bound on any wait, never a performance target

struct Saved {
  std::string id;
  std::string patient;
  std::int64_t value;
};

// Eight clients posting pain scores back to back, each for its own patient, recording every 201.
class Writers {
 public:
  Writers(unsigned short port, std::string token, std::vector<std::string> patients)
      : port_(port), token_(std::move(token)), patients_(std::move(patients)), successes_(patients_.size()) {
    for (std::size_t i = 0; i < patients_.size(); ++i) threads_.emplace_back([this, i] { run(i); });
  }
  ~Writers() { join(); }

  // Polls until each writer has had at least one score saved and `duration` has passed.
  bool wait_until_all_saved_and(std::chrono::milliseconds duration) {
    const auto start = std::chrono::steady_clock::now();
    const auto give_up = start + kPatience;
    for (;;) {
      bool all = true;
      for (auto& s : successes_) all &= s.load() > 0;
      auto now = std::chrono::steady_clock::now();
      if (all && now - start >= duration) return true;
      if (now > give_up || finished_ == static_cast<int>(threads_.size())) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  // The server is about to go away: from now on, a failed connection is expected.
  void server_going_away() { going_away_ = true; }
  void join() {
    stop_ = true;
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }

  std::vector<Saved> saved() {
    std::lock_guard lock(mu_);
    return saved_;
  }
  std::vector<std::string> problems() {
    std::lock_guard lock(mu_);
    return problems_;
  }

 private:
  void run(std::size_t writer) {
    HttpClient client(port_);
    const HeaderList auth{{"Authorization", "Bearer " + token_}};
    for (std::int64_t n = 0; !stop_; ++n) {
      const std::int64_t value = (static_cast<std::int64_t>(writer) * 3 + n) % 11;  // 0..10, all valid
      auto body = json_text(pain_observation(patients_[writer], value, minutes_ago(1)));
      try {
        auto r = client.post("/fhir/Observation", body, auth);
        if (r.status == 201) {
          std::lock_guard lock(mu_);
          saved_.push_back({str(r.json(), "/id"), patients_[writer], value});
          ++successes_[writer];
        } else {
          std::lock_guard lock(mu_);
          problems_.push_back("writer " + std::to_string(writer) + " got " + r.describe());
          break;
        }
      } catch (const std::exception& e) {
        if (!going_away_) {
          std::lock_guard lock(mu_);
          problems_.push_back("writer " + std::to_string(writer) + " failed while the server was up: " + e.what());
        }
        break;  // the server is gone (or broken): this writer is done
      }
    }
    ++finished_;
  }

  unsigned short port_;
  std::string token_;
  std::vector<std::string> patients_;
  std::vector<std::atomic<int>> successes_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> going_away_{false};
  std::atomic<int> finished_{0};
  std::mutex mu_;
  std::vector<Saved> saved_;
  std::vector<std::string> problems_;
  std::vector<std::thread> threads_;
};

class CrashRecovery : public ServerSuite {
 protected:
  static std::vector<std::string> ward(int n) {
    std::vector<std::string> patients;
    for (int i = 0; i < n; ++i) patients.push_back(create_patient());
    return patients;
  }

  // Reads every saved observation back, eight at a time; returns one line per discrepancy.
  static std::vector<std::string> missing_or_changed(const std::vector<Saved>& saved) {
    const unsigned short port = server().port();
    const std::string token = ServerSuite::token(Role::physician);
    std::atomic<std::size_t> next{0};
    std::mutex mu;
    std::vector<std::string> bad;
    std::vector<std::thread> readers;
    for (int t = 0; t < kWriters; ++t)
      readers.emplace_back([&] {
        HttpClient client(port);
        const HeaderList auth{{"Authorization", "Bearer " + token}};
        for (std::size_t i = next++; i < saved.size(); i = next++) {
          const auto& s = saved[i];
          std::string problem;
          try {
            auto r = client.get("/fhir/Observation/" + s.id, auth);
            if (r.status != 200) {
              problem = "Observation/" + s.id + " (score " + std::to_string(s.value) + "): " + r.describe();
            } else {
              auto body = r.json();
              boost::system::error_code ec;
              auto* v = body.find_pointer("/valueQuantity/value", ec);
              if (!v || !v->is_number() || v->to_number<double>() != static_cast<double>(s.value) ||
                  str(body, "/subject/reference") != "Patient/" + s.patient)
                problem = "Observation/" + s.id + " came back changed: expected score " + std::to_string(s.value) +
                          " for Patient/" + s.patient + ", got " + r.body;
            }
          } catch (const std::exception& e) {
            problem = "Observation/" + s.id + ": " + e.what();
          }
          if (!problem.empty()) {
            std::lock_guard lock(mu);
            bad.push_back(problem);
          }
        }
      });
    for (auto& r : readers) r.join();
    return bad;
  }

  static std::string first(const std::vector<std::string>& lines, std::size_t n = 10) {
    std::string out;
    for (std::size_t i = 0; i < lines.size() && i < n; ++i) out += lines[i] + "\n";
    if (lines.size() > n) out += "... and " + std::to_string(lines.size() - n) + " more\n";
    return out;
  }
};

TEST_F(CrashRecovery, Kill9MidStreamLosesNoAcknowledgedScore) {
  auto patients = ward(kWriters);
  Writers writers(server().port(), token(Role::nurse), patients);
  const bool writing = writers.wait_until_all_saved_and(kWriteFor);

  // Power cut: no chance to flush, close or say goodbye.
  writers.server_going_away();
  auto status = server().kill9();
  writers.join();
  EXPECT_EQ(status.signal, SIGKILL) << status.describe();

  ASSERT_TRUE(writing) << "the writers did not all get a score saved before the crash:\n"
                       << first(writers.problems()) << server().output();
  EXPECT_TRUE(writers.problems().empty()) << first(writers.problems());
  auto saved = writers.saved();
  ASSERT_FALSE(saved.empty());

  server().start();
  std::cout << "[   INFO   ] " << saved.size() << " pain scores acknowledged before kill -9\n";
  auto bad = missing_or_changed(saved);
  EXPECT_TRUE(bad.empty()) << bad.size() << " of " << saved.size()
                           << " acknowledged pain scores are missing or changed after kill -9:\n"
                           << first(bad);

  // And the chart keeps working after recovery.
  const std::string after = create_observation(pain_observation(patients[0], std::int64_t{4}, minutes_ago(0)));
  EXPECT_EQ(client().get("/fhir/Observation/" + after, as(Role::physician)).status, 200);
}

TEST_F(CrashRecovery, SigtermWhileWritingFinishesInFlightRequestsAndExitsZero) {
  auto patients = ward(kWriters);
  Writers writers(server().port(), token(Role::nurse), patients);
  const bool writing = writers.wait_until_all_saved_and(kWriteFor);

  // A planned restart (package upgrade) during the morning round.
  writers.server_going_away();
  auto status = server().stop();
  writers.join();

  ASSERT_TRUE(writing) << "the writers did not all get a score saved before SIGTERM:\n" << first(writers.problems());
  EXPECT_TRUE(status.exited && status.code == 0) << "SIGTERM must end the server cleanly; it " << status.describe()
                                                 << "; it said:\n" << server().output();
  // Every request the server took on was answered properly (201), not dropped or failed.
  EXPECT_TRUE(writers.problems().empty()) << first(writers.problems());
  auto saved = writers.saved();
  ASSERT_FALSE(saved.empty());

  server().start();
  std::cout << "[   INFO   ] " << saved.size() << " pain scores acknowledged before SIGTERM\n";
  auto bad = missing_or_changed(saved);
  EXPECT_TRUE(bad.empty()) << bad.size() << " of " << saved.size()
                           << " acknowledged pain scores are missing or changed after SIGTERM:\n"
                           << first(bad);
}

}  // namespace
}  // namespace relief::testing
