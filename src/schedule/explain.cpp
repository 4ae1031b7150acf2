#include "schedule/explain.hpp"

#include <boost/json.hpp>
#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "schedule/availability.hpp"
#include "schedule/day_model.hpp"
#include "schedule/solver.hpp"

namespace relief::schedule {
namespace {

enum class Verdict { feasible, infeasible, unknown };

struct DayChecker {
  const Instance& in;
  int day;
  const std::vector<int>& tasks;
  std::vector<std::string> all_groups;
  double seconds_per_check;
  bool any_unknown = false;

  Verdict check(const std::set<std::string>& active) {
    DayProblem problem;
    problem.day = day;
    problem.require_all = true;
    for (int rx : tasks) problem.tasks.push_back(DayTask{rx, std::nullopt, std::nullopt});
    for (auto& g : all_groups)
      if (!active.count(g)) problem.relaxed.insert(g);
    SearchLimits limits;
    limits.seconds = seconds_per_check;
    limits.first_only = true;
    // Any plan will do: the cost is irrelevant here, so stop at the first.
    auto solution = solve_day(in, problem, limits, {});
    if (solution.found) return Verdict::feasible;
    if (solution.optimal) return Verdict::infeasible;
    any_unknown = true;
    return Verdict::unknown;
  }
};

std::vector<std::string> groups_for_day(const Instance& in, int day, const std::vector<int>& tasks) {
  std::set<std::string> doses, staff, rooms, patients;
  for (int r : tasks) {
    const auto& rx = in.prescriptions[r];
    doses.insert("dose:" + rx.id);
    for (int s : qualified_staff(in, rx.activity)) {
      staff.insert(in.staff[s].id);
      if (in.staff[s].trainee()) staff.insert(in.staff[s].supervisor);
    }
    for (int room : suitable_rooms(in, rx)) rooms.insert(in.rooms[room].id);
    patients.insert(rx.patients.begin(), rx.patients.end());
  }
  (void)day;
  std::vector<std::string> out(doses.begin(), doses.end());
  for (auto& s : staff) out.push_back("availability:" + s), out.push_back("daily-limit:" + s);
  for (auto& r : rooms) out.push_back("capacity:" + r);
  for (auto& p : patients) out.push_back("blocks:" + p), out.push_back("rest:" + p);
  return out;
}

}  // namespace

std::string describe_group(const Instance& in, int day, const std::string& group) {
  auto kind = group.substr(0, group.find(':'));
  auto id = group.substr(group.find(':') + 1);
  auto on = day >= 0 ? " on " + in.day_name(day) : std::string();
  if (kind == "dose") {
    const auto& rx = in.prescriptions[in.prescription_index(id)];
    std::string who;
    for (auto& p : rx.patients) who += (who.empty() ? "" : ", ") + p;
    return rx.activity + " dose of " + who + " (" + rx.id + ")" + on;
  }
  if (kind == "availability") {
    const auto& s = in.staff[in.staff_index(id)];
    return "availability of " + s.name + " (" + s.id + ")" + on;
  }
  if (kind == "daily-limit") {
    const auto& s = in.staff[in.staff_index(id)];
    return "daily session limit of " + s.name + " (" + std::to_string(s.max_sessions_per_day) + ")";
  }
  if (kind == "capacity") {
    const auto& r = in.rooms[in.room_index(id)];
    return "capacity of " + r.id + " (" + std::to_string(r.capacity) + ")";
  }
  if (kind == "blocks") return "fixed blocks of " + id + on + " (meals, school, visits, procedures)";
  if (kind == "rest") return "rest gap and back-to-back limit of " + id;
  return group;
}

Conflict explain_day(const Instance& in, int day, const std::vector<int>& tasks, double seconds) {
  Conflict conflict;
  conflict.day = day;
  DayChecker checker{in, day, tasks, groups_for_day(in, day, tasks), 0, false};
  checker.seconds_per_check = std::max(0.05, seconds / (checker.all_groups.size() + 1));
  std::vector<std::string> active = checker.all_groups;
  auto as_set = [](const std::vector<std::string>& v) { return std::set<std::string>(v.begin(), v.end()); };
  if (checker.check(as_set(active)) != Verdict::infeasible) return conflict;  // feasible or unproven
  // Deletion filter, in shrinking chunks: a chunk whose removal keeps the day infeasible is not
  // needed for the conflict. Removing constraints only makes a day easier, so a group found
  // necessary once stays necessary in every smaller set.
  for (std::size_t chunk = std::max<std::size_t>(1, active.size() / 4);; chunk = std::max<std::size_t>(1, chunk / 2)) {
    for (std::size_t i = 0; i < active.size();) {
      auto trial = active;
      trial.erase(trial.begin() + i, trial.begin() + std::min(trial.size(), i + chunk));
      if (checker.check(as_set(trial)) == Verdict::infeasible)
        active = trial;
      else
        i += chunk;
    }
    if (chunk == 1) break;
  }
  conflict.groups = active;
  for (auto& g : active) conflict.reasons.push_back(describe_group(in, day, g));
  conflict.minimal = !checker.any_unknown;
  return conflict;
}

Explanation explain(const Instance& in, double seconds, const std::function<void(const std::string&)>& progress) {
  auto began = std::chrono::steady_clock::now();
  auto left = [&] { return seconds - std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count(); };
  Explanation out;
  SolveOptions options;
  options.seconds = seconds * 0.4;
  options.progress = progress;
  auto solved = solve_week(in, options);
  out.shortfalls = solved.plan.shortfalls;
  out.all_doses_met = out.shortfalls.empty();
  if (out.all_doses_met) return out;

  // Which sessions each day should have had: what the plan placed, plus the missing ones on
  // the days their prescription could still take them.
  std::map<int, std::vector<int>> wanted;
  std::map<std::pair<int, int>, int> placed;
  for (auto& s : solved.plan.sessions) {
    int r = in.prescription_index(s.prescription);
    wanted[s.day].push_back(r);
    ++placed[{r, s.day}];
  }
  for (auto& sf : out.shortfalls) {
    int r = in.prescription_index(sf.prescription);
    int missing = sf.prescribed - sf.placed;
    for (int d = 0; d < in.days && missing > 0; ++d)
      if (placed[{r, d}] < in.prescriptions[r].max_per_day) {
        wanted[d].push_back(r);
        ++placed[{r, d}];
        --missing;
        if (progress) progress("explaining " + in.day_name(d) + " with one more " + sf.prescription);
        auto c = explain_day(in, d, wanted[d], std::max(0.5, left() / std::max<std::size_t>(1, out.shortfalls.size())));
        if (!c.groups.empty()) out.conflicts.push_back(c);
        wanted[d].pop_back();
        --placed[{r, d}];
        break;  // one conflict per short prescription keeps the answer short
      }
    if (missing == sf.prescribed - sf.placed && missing > 0) {
      Conflict c;
      c.groups = {"dose:" + sf.prescription};
      c.reasons = {describe_group(in, -1, c.groups[0]) + ": more sessions than days allow at " +
                   std::to_string(in.prescriptions[r].max_per_day) + " a day"};
      out.conflicts.push_back(c);
    }
  }
  return out;
}

boost::json::value explanation_to_json(const Instance& in, const Explanation& e) {
  namespace json = boost::json;
  json::array conflicts;
  for (auto& c : e.conflicts) {
    json::array groups, reasons;
    for (auto& g : c.groups) groups.emplace_back(g);
    for (auto& r : c.reasons) reasons.emplace_back(r);
    json::object o{{"groups", groups}, {"reasons", reasons}, {"minimal", c.minimal}};
    if (c.day >= 0) o["day"] = c.day, o["day_name"] = in.day_name(c.day);
    conflicts.push_back(o);
  }
  json::array shortfalls;
  for (auto& s : e.shortfalls)
    shortfalls.push_back({{"prescription", s.prescription}, {"prescribed", s.prescribed}, {"placed", s.placed}});
  return json::object{{"all_doses_met", e.all_doses_met}, {"shortfalls", shortfalls}, {"conflicts", conflicts}};
}

}  // namespace relief::schedule
