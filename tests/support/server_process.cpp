#include "server_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "core/staff.hpp"
#include "security/password.hpp"
#include "store/store.hpp"

#ifndef RELIEF_BINARY
#error "RELIEF_BINARY must name the relief executable (tests/CMakeLists.txt sets it)"
#endif

namespace relief::testing {
namespace {

constexpr auto kStartLimit = std::chrono::seconds(30);
constexpr auto kStopLimit = std::chrono::seconds(60);  // the server's own grace period is 10 s
constexpr auto kPoll = std::chrono::milliseconds(5);

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

ExitStatus to_exit_status(int raw) {
  ExitStatus s;
  if (WIFEXITED(raw)) {
    s.exited = true;
    s.code = WEXITSTATUS(raw);
  } else if (WIFSIGNALED(raw)) {
    s.signal = WTERMSIG(raw);
  }
  return s;
}

}  // namespace

Backend backend_from_environment() {
  const char* v = std::getenv("RELIEF_TEST_BACKEND");
  std::string name = v ? v : "";
  if (name.empty() || name == "sqlite") return Backend::sqlite;
  if (name == "postgres" || name == "postgresql") return Backend::postgres;
  throw std::runtime_error("RELIEF_TEST_BACKEND must be sqlite or postgres, not '" + name + "'");
}

std::string username_for(Role role) { return "test." + std::string(to_string(role)); }

std::string ExitStatus::describe() const {
  if (exited) return "exited with status " + std::to_string(code);
  if (signal) return std::string("killed by signal ") + std::to_string(signal) + " (" + strsignal(signal) + ")";
  return "did not end";
}

ServerProcess::ServerProcess(Backend backend, std::vector<std::string> serve_options, ServerOutput output)
    : db_(std::make_unique<TestDatabase>(backend)), serve_options_(std::move(serve_options)), output_(output) {
  dir_ = temp_directory("relief-http");
  port_file_ = dir_ + "/port";
  log_file_ = dir_ + "/server.log";
  try {
    seed();
    start();
  } catch (...) {
    close_stuck_pipe();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    throw;
  }
}

ServerProcess::~ServerProcess() {
  try {
    if (running()) stop();
  } catch (...) {
  }
  if (pid_ > 0) {  // stop() could not reap it: never leave it behind
    ::kill(pid_, SIGKILL);
    int raw = 0;
    while (::waitpid(pid_, &raw, 0) < 0 && errno == EINTR) {
    }
  }
  close_stuck_pipe();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

// The accounts and the site go in directly, before the server first starts, as an installer would.
void ServerProcess::seed() {
  auto store = Store::open(db_->url());
  const std::string hash = hash_password(kTestPassword);
  store->write(Actor{"test-setup", Role::admin, "local"}, [&](Transaction& tx) {
    tx.put_site(Site{store->site_id(), "Relief HTTP test site", "UTC", false});
    Staff pain_physician;
    pain_physician.family = "Lindqvist";
    pain_physician.given = {"Maja"};
    pain_physician.discipline = "pain physician";
    pain_physician.credentials = {"MD"};
    tx.put(pain_physician);
    practitioner_id_ = pain_physician.meta.id;
    for (Role role : all_roles()) {
      UserAccount account;
      account.username = username_for(role);
      account.password_hash = hash;
      account.role = role;
      tx.add_user(account);
    }
  });
  store->close();
}

void ServerProcess::start() {
  if (running()) throw std::logic_error("the server is already running");
  std::filesystem::remove(port_file_);

  // Everything the child needs is prepared before fork: between fork and exec only
  // async-signal-safe calls are allowed (the test process has other threads).
  const bool stuck = output_ == ServerOutput::stuck_pipe;
  std::vector<std::string> args{RELIEF_BINARY, "serve",       "--db",      db_->url(),          "--listen",
                                "127.0.0.1:0", "--port-file", port_file_, "--web-root", dir_ + "/no-web-ui"};
  if (!stuck) args.push_back("--quiet");
  args.insert(args.end(), serve_options_.begin(), serve_options_.end());
  int pipe_ends[2] = {-1, -1};
  close_stuck_pipe();
  if (stuck && ::pipe2(pipe_ends, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("pipe failed: ") + std::strerror(errno));
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t parent = ::getpid();
  const char* log = log_file_.c_str();

  pid_t pid = ::fork();
  if (pid < 0) {
    int error = errno;
    if (stuck) {
      ::close(pipe_ends[0]);
      ::close(pipe_ends[1]);
    }
    throw std::runtime_error(std::string("fork failed: ") + std::strerror(error));
  }
  if (pid == 0) {
    // The server dies with the test process, even when the test process is killed.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    ::sigaction(SIGPIPE, &dfl, nullptr);
    int in = ::open("/dev/null", O_RDONLY);
    int out = stuck ? pipe_ends[1] : ::open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (in < 0 || out < 0) ::_exit(126);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(out, 2);
    ::close_range(3, ~0U, 0);  // no test-process sockets or database files leak into the server
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  pid_ = pid;
  port_ = 0;
  if (stuck) {
    ::close(pipe_ends[1]);
    stuck_pipe_ = pipe_ends[0];
  }

  const auto deadline = std::chrono::steady_clock::now() + kStartLimit;
  for (;;) {
    int raw = 0;
    pid_t r = ::waitpid(pid_, &raw, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      throw std::runtime_error("the server " + to_exit_status(raw).describe() + " before listening; it said:\n" +
                               output());
    }
    std::ifstream in(port_file_);
    int port = 0;
    if (in >> port && port > 0 && port < 65536) {
      port_ = static_cast<unsigned short>(port);
      return;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &raw, 0);
      pid_ = -1;
      throw std::runtime_error("the server did not write its port file within 30 s; it said:\n" + output());
    }
    std::this_thread::sleep_for(kPoll);
  }
}

ExitStatus ServerProcess::wait_for_exit(std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  int raw = 0;
  for (;;) {
    pid_t r = ::waitpid(pid_, &raw, WNOHANG);
    if (r == pid_) break;
    if (r < 0 && errno != EINTR) throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
    if (std::chrono::steady_clock::now() > deadline) {
      // Hung: kill it so nothing is left behind; the caller sees signal 9, not a clean exit.
      ::kill(pid_, SIGKILL);
      while (::waitpid(pid_, &raw, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    std::this_thread::sleep_for(kPoll);
  }
  pid_ = -1;
  port_ = 0;
  return to_exit_status(raw);
}

ExitStatus ServerProcess::stop() { return end_with(SIGTERM); }

ExitStatus ServerProcess::kill9() { return end_with(SIGKILL); }

ExitStatus ServerProcess::end_with(int signal) {
  if (!running()) throw std::logic_error("the server is not running");
  ::kill(pid_, signal);
  // A stuck pipe stays unread: the server must exit all the same (its log gets a few seconds).
  // Closing it earlier would kill the server with SIGPIPE instead.
  auto status = wait_for_exit(kStopLimit);
  close_stuck_pipe();
  return status;
}

void ServerProcess::close_stuck_pipe() {
  if (stuck_pipe_ >= 0) ::close(stuck_pipe_);
  stuck_pipe_ = -1;
}

void ServerProcess::restart() {
  if (running()) {
    auto status = stop();
    if (!status.exited || status.code != 0)
      throw std::runtime_error("the server did not stop cleanly (" + status.describe() + "); it said:\n" + output());
  }
  start();
}

unsigned short ServerProcess::port() const {
  if (!running()) throw std::logic_error("the server is not running");
  return port_;
}

std::string ServerProcess::output() const {
  if (output_ == ServerOutput::stuck_pipe) return "(the server's output went to a pipe that was not read)";
  return read_file(log_file_);
}

}  // namespace relief::testing
