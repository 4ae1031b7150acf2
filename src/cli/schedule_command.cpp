// `relief schedule ...`: the IIPT timetabling commands. JSON goes to stdout (or --out), progress
// to stderr, so the commands compose like Unix tools; `validate` exits 2 on a broken hard rule.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <iostream>
#include <memory>

#include <boost/json.hpp>

#include "schedule/explain.hpp"
#include "schedule/generator.hpp"
#include "schedule/json_format.hpp"
#include "schedule/repair.hpp"
#include "schedule/report_format.hpp"
#include "schedule/search_cancel.hpp"
#include "schedule/solver.hpp"
#include "schedule/validator.hpp"

namespace relief::cli {
void add_schedule_command(CLI::App& app);

namespace {
namespace sch = relief::schedule;

// Ctrl-C or SIGTERM during a search: it stops, and the best plan found so far is still printed
// (a coordinator who stops a long solve keeps what it found). A second signal stops at once.
void stop_searches_on_signal() {
  auto on_signal = [](int sig) {
    sch::cancel_all_searches();
    std::signal(sig, SIG_DFL);
  };
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

// Said before a search of many seconds, not after it: a file that cannot be written would lose it.
void check_writable(const std::string& out) {
  if (out.empty()) return;
  auto dir = std::filesystem::path(out).parent_path();
  if (dir.empty()) dir = ".";
  if (!std::filesystem::is_directory(dir))
    throw std::invalid_argument("--out " + out + ": there is no folder " + dir.string());
  if (access(dir.c_str(), W_OK) != 0) throw std::invalid_argument("--out " + out + ": the folder " + dir.string() + " is not writable");
}

// An instance or plan file, or "-" for standard input.
boost::json::value read_input(const std::string& path) {
  if (path != "-") return sch::read_json_file(path);
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec) throw sch::FormatError("standard input is not JSON: " + ec.message());
  return v;
}

void emit(const boost::json::value& v, const std::string& out) {
  auto text = sch::to_pretty_json(v);
  if (out.empty()) {
    std::cout << text;
    return;
  }
  std::ofstream file(out);
  if (!file || !(file << text)) throw std::runtime_error("cannot write " + out);
}

sch::Instance load_instance(const std::string& path) { return sch::instance_from_json(read_input(path)); }

void log_line(const std::string& line) { std::cerr << "schedule: " << line << "\n"; }

// Runs a command body, turning bad input into a message and exit status 1 (never a crash).
template <class Body>
void guarded(Body body) {
  try {
    body();
  } catch (const sch::FormatError& e) {
    std::cerr << "relief schedule: " << e.what() << "\n";
    throw CLI::RuntimeError(1);
  } catch (const std::invalid_argument& e) {
    std::cerr << "relief schedule: " << e.what() << "\n";
    throw CLI::RuntimeError(1);
  }
}
}  // namespace

void add_schedule_command(CLI::App& app) {
  auto* schedule = app.add_subcommand("schedule", "Build, check, explain and repair the IIPT unit's timetable");
  schedule->require_subcommand(1);

  {
    auto* cmd = schedule->add_subcommand("generate", "Print a realistic generated unit (instance JSON)");
    auto o = std::make_shared<sch::GeneratorOptions>();
    auto out = std::make_shared<std::string>();
    cmd->add_option("--patients", o->patients, "children on the unit")->capture_default_str();
    cmd->add_option("--staff", o->staff, "staff members (at least 8)")->capture_default_str();
    cmd->add_option("--days", o->days, "days in the horizon (1-7)")->capture_default_str();
    cmd->add_option("--seed", o->seed, "random seed: the same seed gives the same unit")->capture_default_str();
    cmd->add_option("--week-of", o->week_of, "a date (yyyy-mm-dd) in the week to plan: the days get its dates from Monday");
    cmd->add_option("--out", *out, "write to this file instead of stdout");
    cmd->callback([o, out] { guarded([&] { emit(sch::instance_to_json(sch::generate_instance(*o)), *out); }); });
  }
  {
    auto* cmd = schedule->add_subcommand("solve", "Solve an instance with Gecode; print the plan");
    struct Options {
      std::string instance, from, out;
      double seconds = 30;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("INSTANCE", o->instance, "instance JSON file, or - for standard input")->required();
    cmd->add_option("--time-limit", o->seconds, "seconds; the best plan found by then (or at Ctrl-C) is printed")
        ->capture_default_str()
        ->check(CLI::Range(0.1, 86400.0));
    cmd->add_option("--from", o->from, "a plan to start from (its pinned sessions stay put)");
    cmd->add_option("--out", o->out, "write to this file instead of stdout");
    cmd->callback([o] {
      guarded([&] {
        check_writable(o->out);
        auto in = load_instance(o->instance);
        stop_searches_on_signal();
        sch::Plan from;
        sch::SolveOptions options;
        options.seconds = o->seconds;
        options.progress = log_line;
        if (!o->from.empty()) {
          from = sch::plan_from_json(in, sch::read_json_file(o->from));
          options.from = &from;
        }
        auto result = sch::solve_week(in, options);
        log_line(result.plan.status + ": objective " + std::to_string(result.stats.objective) + ", bound " +
                 std::to_string(result.stats.bound) + " in " + std::to_string(result.stats.seconds_total).substr(0, 5) +
                 " s");
        emit(sch::plan_to_json(in, result.plan), o->out);
      });
    });
  }
  {
    auto* cmd = schedule->add_subcommand(
        "check", "Read a unit file as the solver would: print it with every window spelled out, or every problem");
    auto path = std::make_shared<std::string>();
    cmd->add_option("INSTANCE", *path, "instance JSON file, or - for standard input")->required();
    cmd->callback([path] { guarded([&] { emit(sch::instance_to_json(load_instance(*path)), ""); }); });
  }
  {
    auto* cmd = schedule->add_subcommand("validate", "Check a plan against an instance; exit 2 if any hard rule breaks");
    auto paths = std::make_shared<std::pair<std::string, std::string>>();
    cmd->add_option("INSTANCE", paths->first, "instance JSON file")->required();
    cmd->add_option("PLAN", paths->second, "plan JSON file")->required();
    cmd->callback([paths] {
      bool feasible = true;
      guarded([&] {
        auto in = load_instance(paths->first);
        auto report = sch::validate_plan(in, sch::plan_from_json(in, sch::read_json_file(paths->second)));
        feasible = report.feasible();
        emit(sch::report_to_json(report), "");
      });
      if (!feasible) throw CLI::RuntimeError(2);
    });
  }
  {
    auto* cmd = schedule->add_subcommand(
        "explain", "Why prescribed doses cannot all be met: small sets of conflicting constraint groups");
    struct Options {
      std::string instance, plan;
      double seconds = 30;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("INSTANCE", o->instance, "instance JSON file")->required();
    cmd->add_option("--plan", o->plan, "explain this plan's shortfalls instead of solving first");
    cmd->add_option("--time-limit", o->seconds, "seconds for the whole explanation")
        ->capture_default_str()
        ->check(CLI::Range(0.1, 86400.0));
    cmd->callback([o] {
      guarded([&] {
        auto in = load_instance(o->instance);
        stop_searches_on_signal();
        sch::Plan plan;
        if (!o->plan.empty()) plan = sch::plan_from_json(in, sch::read_json_file(o->plan));
        emit(sch::explanation_to_json(in, sch::explain(in, o->seconds, log_line, o->plan.empty() ? nullptr : &plan)), "");
      });
    });
  }
  {
    auto* cmd = schedule->add_subcommand("repair", "Re-plan after a change, moving as few sessions as possible");
    struct Options {
      std::string instance, plan, out, instance_out;
      std::vector<std::string> changes;
      double seconds = 10;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("INSTANCE", o->instance, "instance JSON file")->required();
    cmd->add_option("PLAN", o->plan, "the current plan")->required();
    cmd->add_option("--change", o->changes,
                    "sick:STAFF:DAY[:HH:MM] | off-unit:PATIENT:DAY:HH:MM-HH:MM | admit:PATIENT.json | "
                    "delivered:DAY:HH:MM; repeat it for several, applied in the order given")
        ->required()
        ->take_all();
    cmd->add_option("--time-limit", o->seconds, "seconds for all the changes")
        ->capture_default_str()
        ->check(CLI::Range(0.1, 86400.0));
    cmd->add_option("--out", o->out, "write the repaired plan to this file instead of stdout");
    cmd->add_option("--instance-out", o->instance_out,
                    "also write the changed instance (the repaired plan validates against it)");
    cmd->callback([o] {
      guarded([&] {
        auto in = load_instance(o->instance);
        auto plan = sch::plan_from_json(in, sch::read_json_file(o->plan));
        std::vector<sch::Change> changes;
        for (auto& text : o->changes) changes.push_back(sch::parse_change(in, text));
        auto result = sch::repair_plan(in, plan, changes, o->seconds, log_line);
        // plan_changes' lines begin with what happened to the session: moved, dropped or added.
        auto count = [&](const char* what) {
          return std::count_if(result.plan.moved.begin(), result.plan.moved.end(),
                               [&](const std::string& line) { return line.rfind(what, 0) == 0; });
        };
        log_line(std::to_string(count("moved ")) + " sessions moved, " + std::to_string(count("dropped ")) +
                 " dropped, " + std::to_string(count("added ")) + " added; " +
                 std::to_string(result.plan.shortfalls.size()) + " prescriptions short, in " +
                 std::to_string(result.seconds).substr(0, 5) + " s");
        if (!o->instance_out.empty()) emit(sch::instance_to_json(result.instance), o->instance_out);
        emit(sch::plan_to_json(result.instance, result.plan), o->out);
      });
    });
  }
}

}  // namespace relief::cli
