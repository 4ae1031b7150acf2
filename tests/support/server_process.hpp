#pragma once
// The real `relief serve` binary (RELIEF_BINARY) as a child process, on a fresh test database
// that has been seeded with a site, one account per role and a Practitioner.
//
//   ServerProcess server;             // backend from RELIEF_TEST_BACKEND ("sqlite" or "postgres")
//   HttpClient client(server.port());
//   server.kill9(); server.start();   // crash and come back on the same database
//
// The destructor always stops and reaps the child; the child also dies with the test process
// (PR_SET_PDEATHSIG), so no server outlives a test run.
#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/roles.hpp"
#include "test_database.hpp"

namespace relief::testing {

// RELIEF_TEST_BACKEND: "sqlite" (the default) or "postgres"; anything else throws.
Backend backend_from_environment();

// The password of every seeded account.
inline constexpr const char* kTestPassword = "Correct-Horse-Battery-7";

// The seeded account for a role, e.g. "test.nurse".
std::string username_for(Role role);

// How the child ended.
struct ExitStatus {
  bool exited = false;  // returned from main / called exit
  int code = -1;        // when exited
  int signal = 0;       // when killed by a signal
  std::string describe() const;
};

// Where the server's output goes: a log file (output() reads it; the server runs with --quiet),
// or a pipe that nobody reads until the server is stopped, as a stuck terminal or log collector
// would be (without --quiet, so every request is logged).
enum class ServerOutput { log_file, stuck_pipe };

class ServerProcess {
 public:
  // Creates and seeds a fresh database on `backend`, then starts the server, with
  // `serve_options` added to its command line (e.g. {"--io-threads", "1"}).
  explicit ServerProcess(Backend backend = backend_from_environment(), std::vector<std::string> serve_options = {},
                         ServerOutput output = ServerOutput::log_file);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Starts the server on the same database; waits (at most 30 s) for it to listen.
  // Throws, with the server's output, when it exits or does not listen in time.
  void start();
  // SIGTERM, then waits for the exit (bounded; SIGKILL after 60 s, reported as a failure).
  // A stuck pipe stays unread: the server must exit regardless.
  ExitStatus stop();
  // SIGKILL and reap: a crash, mid-whatever.
  ExitStatus kill9();
  // stop() (when running), then start().
  void restart();

  bool running() const { return pid_ > 0; }
  unsigned short port() const;  // throws when not running
  pid_t pid() const { return pid_; }
  const std::string& database_url() const { return db_->url(); }
  Backend backend() const { return db_->backend(); }
  const std::string& practitioner_id() const { return practitioner_id_; }
  // What the server printed (stdout and stderr) since the last start.
  std::string output() const;

 private:
  void seed();
  ExitStatus wait_for_exit(std::chrono::milliseconds limit);
  ExitStatus end_with(int signal);
  void close_stuck_pipe();

  std::unique_ptr<TestDatabase> db_;
  std::string dir_;  // port file and log
  std::string port_file_;
  std::string log_file_;
  std::string practitioner_id_;
  std::vector<std::string> serve_options_;
  ServerOutput output_;
  int stuck_pipe_ = -1;  // the read end, while the server runs with ServerOutput::stuck_pipe
  pid_t pid_ = -1;
  unsigned short port_ = 0;
};

}  // namespace relief::testing
