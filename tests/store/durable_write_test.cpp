// Acknowledged means durable, under load: many concurrent writers (on SQLite the group commit is
// pipelined, the log fsynced by a second thread), then a reopened store must hold every write
// that write() returned for, including when the writing process is killed with SIGKILL.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "store/store.hpp"
#include "test_database.hpp"

extern char** environ;

namespace relief {
namespace {

using testing::Backend;
using testing::TestDatabase;

constexpr const char* kChildUrl = "RELIEF_STORE_CHILD_URL";

Patient patient(const std::string& mrn) {
  Patient p;
  p.mrn = mrn;
  p.family = "Durable";
  p.given = {"Ada"};
  p.birth_date = *parse_date("2016-02-03");
  return p;
}

std::set<std::string> patient_ids(Store& store) {
  std::set<std::string> ids;
  store.read([&](Reader& r) {
    for (const auto& row : r.connection().query("SELECT id FROM patients")) ids.insert(row.text(0));
  });
  return ids;
}

class DurableWriteTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { db_ = std::make_unique<TestDatabase>(GetParam()); }
  std::unique_ptr<TestDatabase> db_;
  Actor nurse_{"nurse.kim", Role::nurse, "10.0.0.7"};
};

TEST_P(DurableWriteTest, ManyConcurrentWritesAreAllThereAfterReopening) {
  auto store = Store::open(db_->url());
  constexpr int kThreads = 32, kEach = 40;
  std::mutex mu;
  std::set<std::string> acknowledged;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        Patient p = patient("C" + std::to_string(t) + "-" + std::to_string(i));
        store->write(nurse_, [&](Transaction& tx) { tx.put(p); });
        std::lock_guard lock(mu);
        acknowledged.insert(p.meta.id);
      }
    });
  for (auto& t : threads) t.join();
  auto stats = store->stats();
  EXPECT_EQ(stats.grouped_writes, static_cast<std::uint64_t>(kThreads * kEach));
  EXPECT_EQ(stats.failed_writes, 0u);
  EXPECT_LT(stats.commits, static_cast<std::uint64_t>(kThreads * kEach));  // writes were grouped
  if (GetParam() == Backend::sqlite) {
    EXPECT_GT(stats.syncs, 0u);  // the pipelined path is in use
    EXPECT_LE(stats.syncs, stats.commits);
  } else {
    EXPECT_EQ(stats.syncs, 0u);  // PostgreSQL's COMMIT is durable by itself
  }
  store->close();
  store.reset();
  auto reopened = Store::open(db_->url());
  EXPECT_EQ(patient_ids(*reopened), acknowledged);
}

// Under steady writes SQLite never starts its write-ahead log over by itself, so it grew without
// end (666 MB in 20 s of a busy server). Past the limit the store restarts it and trims it back.
// Here the limit is 1 MiB and 8 writers keep the log busy for 3 s (about 10 MB or more of log).
TEST(WriteAheadLog, StaysNearItsLimitUnderSteadyWrites) {
  TestDatabase db(Backend::sqlite);
  StoreOptions options;
  options.wal_limit_bytes = 1 << 20;
  auto store = Store::open(db.url(), options);
  Actor nurse{"nurse.kim", Role::nurse, "10.0.0.7"};
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; !stop; ++i) {
        Patient p = patient("W" + std::to_string(t) + "-" + std::to_string(i));
        store->write(nurse, [&](Transaction& tx) { tx.put(p); });
        ++written;
      }
    });
  std::uintmax_t largest = 0;
  const auto wal = db.url() + "-wal";
  for (int i = 0; i < 30; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::error_code ec;
    if (auto size = std::filesystem::file_size(wal, ec); !ec) largest = std::max(largest, size);
  }
  stop = true;
  for (auto& t : threads) t.join();
  std::error_code ec;
  auto last = std::filesystem::file_size(wal, ec);
  ASSERT_FALSE(ec) << wal;
  RecordProperty("patients_written", written.load());
  // The writes of the 50 ms between two looks at its size can land past the limit (at this
  // machine's 70 MB/s, about 4 MB); left alone the log reached 218 MB here.
  EXPECT_LT(last, 16u << 20) << written << " patients written";
  EXPECT_LT(largest, 32u << 20) << written << " patients written";
  EXPECT_EQ(store->stats().failed_writes, 0u);
}

// The writing process of the next test: writes from 16 threads until it is killed, printing
// "ACK <id>" for each write only after write() has returned.
TEST(DurableWriteChild, WritesUntilKilled) {
  const char* url = std::getenv(kChildUrl);
  if (!url) GTEST_SKIP() << "runs only as the child of EveryAcknowledgedWriteSurvivesSigkill";
  auto store = Store::open(url);
  Actor nurse{"nurse.kim", Role::nurse, "10.0.0.7"};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0;; ++i) {
        Patient p = patient("K" + std::to_string(t) + "-" + std::to_string(i));
        store->write(nurse, [&](Transaction& tx) { tx.put(p); });
        std::string line = "ACK " + p.meta.id + "\n";
        if (::write(STDOUT_FILENO, line.data(), line.size()) < 0) return;  // one write: lines never interleave
      }
    });
  for (auto& t : threads) t.join();
}

TEST_P(DurableWriteTest, EveryAcknowledgedWriteSurvivesSigkill) {
  // Schema first, so the child starts writing at once.
  Store::open(db_->url())->close();
  int out[2];
  ASSERT_EQ(::pipe(out), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  std::vector<std::string> env_strings{std::string(kChildUrl) + "=" + db_->url()};
  for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::string exe = "/proc/self/exe", filter = "--gtest_filter=DurableWriteChild.WritesUntilKilled";
  char* argv[] = {exe.data(), filter.data(), nullptr};
  pid_t pid;
  ASSERT_EQ(posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv, envp.data()), 0);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);

  // Read acknowledgements until there are plenty, kill -9 mid-stream, then drain the pipe:
  // everything printed before the kill was acknowledged.
  std::set<std::string> acknowledged;
  std::string pending;
  bool killed = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  char buf[4096];
  for (;;) {
    if (!killed && (acknowledged.size() >= 600 || std::chrono::steady_clock::now() > deadline)) {
      ::kill(pid, SIGKILL);
      killed = true;
    }
    ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    pending.append(buf, static_cast<std::size_t>(n));
    std::size_t nl;
    while ((nl = pending.find('\n')) != std::string::npos) {
      std::string line = pending.substr(0, nl);
      pending.erase(0, nl + 1);
      if (line.starts_with("ACK ")) acknowledged.insert(line.substr(4));
    }
  }
  ::close(out[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the child ended on its own";
  ASSERT_GE(acknowledged.size(), 600u) << "the child wrote too slowly";

  auto reopened = Store::open(db_->url());
  auto stored = patient_ids(*reopened);
  std::size_t missing = 0;
  for (const auto& id : acknowledged) missing += stored.count(id) == 0;
  EXPECT_EQ(missing, 0u) << "of " << acknowledged.size() << " acknowledged writes";
  // Audit entries went in the same transactions.
  std::int64_t audited = 0;
  reopened->read([&](Reader& r) {
    audited = r.connection()
                  .query("SELECT COUNT(*) FROM audit_log WHERE resource_type = 'Patient' AND action = 'create'")
                  .at(0)
                  .int64(0);
  });
  EXPECT_EQ(audited, static_cast<std::int64_t>(stored.size()));
}

INSTANTIATE_TEST_SUITE_P(SQLite, DurableWriteTest, ::testing::Values(Backend::sqlite));
INSTANTIATE_TEST_SUITE_P(PostgreSQL, DurableWriteTest, ::testing::Values(Backend::postgres));

}  // namespace
}  // namespace relief
