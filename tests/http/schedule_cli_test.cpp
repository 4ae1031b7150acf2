// `relief schedule` as a coordinator runs it from a shell: stopped with Ctrl-C, a long solve
// still prints the best plan it has (it exited with nothing), and a plan file that cannot be
// written is said at once, not after the whole time limit.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "http_test_support.hpp"

extern char** environ;

namespace relief::testing {
namespace {

struct Folder {
  std::string path;
  Folder() {
    char tmpl[] = "/tmp/relief-schedule-cli-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~Folder() { std::filesystem::remove_all(path); }
};

std::string read_text(const std::string& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Starts relief with these arguments, stdout and stderr to files; returns its pid.
pid_t start_relief(const std::vector<std::string>& args, const std::string& out, const std::string& err) {
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&files, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<std::string> all{RELIEF_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, RELIEF_BINARY, &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  if (rc != 0) throw std::runtime_error("cannot start relief");
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST(ScheduleCli, CtrlCDuringASolvePrintsTheBestPlanSoFar) {
  Folder dir;
  const std::string unit = dir.path + "/unit.json";
  int rc = wait_exit(start_relief({"schedule", "generate", "--patients", "12", "--staff", "30", "--days", "5", "--out", unit},
                                  dir.path + "/g.out", dir.path + "/g.err"));
  ASSERT_EQ(rc, 0) << read_text(dir.path + "/g.err");
  const auto began = std::chrono::steady_clock::now();
  pid_t solve = start_relief({"schedule", "solve", unit, "--time-limit", "120"}, dir.path + "/plan.json", dir.path + "/s.err");
  // Wait until it reports a first plan for some day, then interrupt it.
  for (int i = 0; i < 300 && read_text(dir.path + "/s.err").find("objective") == std::string::npos; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  kill(solve, SIGINT);
  rc = wait_exit(solve);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  EXPECT_EQ(rc, 0) << read_text(dir.path + "/s.err");
  EXPECT_LT(seconds, 90) << "the solve ran on after Ctrl-C";
  auto plan = json::parse(read_text(dir.path + "/plan.json"));
  EXPECT_EQ(plan.at("format").as_string(), "relief-schedule-plan/1");
  EXPECT_FALSE(plan.at("sessions").as_array().empty());
}

TEST(ScheduleCli, APlanFileThatCannotBeWrittenIsSaidBeforeTheSolve) {
  Folder dir;
  const std::string unit = dir.path + "/unit.json";
  ASSERT_EQ(wait_exit(start_relief({"schedule", "generate", "--patients", "4", "--staff", "13", "--days", "1", "--out", unit},
                                   dir.path + "/g.out", dir.path + "/g.err")),
            0);
  const auto began = std::chrono::steady_clock::now();
  int rc = wait_exit(start_relief({"schedule", "solve", unit, "--time-limit", "30", "--out", dir.path + "/no/such/plan.json"},
                                  dir.path + "/s.out", dir.path + "/s.err"));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  EXPECT_EQ(rc, 1);
  EXPECT_LT(seconds, 10) << "it solved for the whole time limit first";
  EXPECT_NE(read_text(dir.path + "/s.err").find("there is no folder"), std::string::npos) << read_text(dir.path + "/s.err");
}

// Two therapists call in on one morning: one repair takes both --change options, in order, and
// its plan is valid against the changed unit it writes.
TEST(ScheduleCli, RepairTakesSeveralChangesInOneRun) {
  Folder dir;
  auto run = [&](const std::vector<std::string>& args, const std::string& out) {
    return wait_exit(start_relief(args, out, dir.path + "/err.txt"));
  };
  const std::string unit = dir.path + "/unit.json", plan = dir.path + "/plan.json";
  ASSERT_EQ(run({"schedule", "generate", "--patients", "6", "--staff", "15", "--days", "1", "--out", unit}, "/dev/null"), 0);
  ASSERT_EQ(run({"schedule", "solve", unit, "--time-limit", "2", "--out", plan}, "/dev/null"), 0)
      << read_text(dir.path + "/err.txt");
  std::vector<std::string> leads;
  auto solved = json::parse(read_text(plan));
  for (auto& s : solved.at("sessions").as_array()) {
    std::string lead(s.at("staff").as_array()[0].as_string());
    if (std::find(leads.begin(), leads.end(), lead) == leads.end()) leads.push_back(lead);
  }
  ASSERT_GE(leads.size(), 2u);
  const std::string repaired = dir.path + "/repaired.json", changed = dir.path + "/changed.json";
  ASSERT_EQ(run({"schedule", "repair", unit, plan, "--change", "sick:" + leads[0] + ":0", "--change",
                 "sick:" + leads[1] + ":0", "--time-limit", "4", "--out", repaired, "--instance-out", changed},
                "/dev/null"),
            0)
      << read_text(dir.path + "/err.txt");
  auto result = json::parse(read_text(repaired));
  EXPECT_FALSE(result.at("moved").as_array().empty());
  for (auto& s : result.at("sessions").as_array())
    for (auto& who : s.at("staff").as_array()) {
      EXPECT_NE(who.as_string(), leads[0]);
      EXPECT_NE(who.as_string(), leads[1]);
    }
  EXPECT_EQ(run({"schedule", "validate", changed, repaired}, dir.path + "/report.json"), 0)
      << read_text(dir.path + "/report.json");
}

}  // namespace
}  // namespace relief::testing
