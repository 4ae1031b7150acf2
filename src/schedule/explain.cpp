#include "schedule/explain.hpp"

#include <boost/json.hpp>
#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>

#include "schedule/availability.hpp"
#include "schedule/day_model.hpp"
#include "schedule/json_format.hpp"
#include "schedule/patient_capacity.hpp"
#include "schedule/plan_assembly.hpp"
#include "schedule/solver.hpp"
#include "schedule/validator.hpp"

namespace relief::schedule {
namespace {

enum class Verdict { feasible, infeasible, unknown };

using Clock = std::chrono::steady_clock;

// A day's sessions to check: pinned ones (given, or fixed by the coordinator) at their
// placement while the "given:" group holds; before `earliest` nothing new may start.
struct DaySessions {
  std::vector<DayTask> tasks;
  int earliest = 0;
  std::string given_group;  // "given:13:00" (the day the plan is given until), "given:pinned", or ""
};

struct DayChecker {
  const Instance& in;
  int day;
  const DaySessions& sessions;
  std::vector<std::string> all_groups;
  double seconds_per_check;
  Clock::time_point deadline;  // the caller's time limit: past it, every check is unknown
  bool any_unknown = false;

  Verdict check(const std::set<std::string>& active) {
    const double left = std::chrono::duration<double>(deadline - Clock::now()).count();
    if (left <= 0) {
      any_unknown = true;
      return Verdict::unknown;
    }
    DayProblem problem;
    problem.day = day;
    problem.require_all = true;
    // Switched off, what was given may be re-arranged as if the whole day were ahead.
    const bool hold_given = !sessions.given_group.empty() && active.count(sessions.given_group);
    for (const auto& t : sessions.tasks)
      problem.tasks.push_back(DayTask{t.rx, hold_given ? t.pinned : std::nullopt, std::nullopt});
    problem.earliest_start = hold_given ? sessions.earliest : 0;
    for (auto& g : all_groups)
      if (!active.count(g)) problem.relaxed.insert(g);
    SearchLimits limits;
    limits.seconds = std::min(seconds_per_check, left);
    limits.first_only = true;
    // Any plan will do: the cost is irrelevant here, so stop at the first.
    auto solution = solve_day(in, problem, limits, {});
    if (solution.found) return Verdict::feasible;
    if (solution.optimal) return Verdict::infeasible;
    any_unknown = true;
    return Verdict::unknown;
  }
};

std::vector<std::string> groups_for_day(const Instance& in, const DaySessions& sessions) {
  std::set<std::string> doses, staff, rooms, patients;
  for (const auto& t : sessions.tasks) {
    const auto& rx = in.prescriptions[t.rx];
    doses.insert("dose:" + rx.id);
    for (int s : qualified_staff(in, rx.activity)) {
      staff.insert(in.staff[s].id);
      if (in.staff[s].trainee()) staff.insert(in.staff[s].supervisor);
    }
    for (int room : suitable_rooms(in, rx)) rooms.insert(in.rooms[room].id);
    patients.insert(rx.patients.begin(), rx.patients.end());
  }
  std::vector<std::string> out(doses.begin(), doses.end());
  if (!sessions.given_group.empty()) out.push_back(sessions.given_group);
  for (auto& s : staff) out.push_back("availability:" + s), out.push_back("daily-limit:" + s);
  for (auto& r : rooms) out.push_back("capacity:" + r);
  for (auto& p : patients) out.push_back("blocks:" + p), out.push_back("rest:" + p);
  return out;
}

// One child's day as the reason: the child's sessions that day, this one more among them,
// against its free stretches, rest gap and back-to-back limit (patient_capacity.cpp), staff and
// rooms ignored. It needs no search, so it answers where the check of a whole unit's day runs
// out of time. The groups are the day model's: a dose, "blocks:" (unit and personal blocks),
// "rest:". A deletion filter over them keeps a minimal set; whatever fails for one child fails
// for the unit. What the plan records as given (the "given:" group) is part of it: the time
// before the moment is closed to the child, and the sessions given stay where they are, as
// blocks of the child's day (their rest gaps left out, which only makes the day roomier, so a
// conflict found is one). A session dropped by an afternoon sick call on a full day was left
// undecided after 20 s of search where counting the hours left was enough.
std::optional<Conflict> child_day_conflict(const Instance& in, int day, const DaySessions& sessions, int short_rx) {
  for (const auto& pid : in.prescriptions[short_rx].patients) {
    std::vector<const DayTask*> mine;  // the child's sessions that day
    // The given time first, so the deletion filter tries the day without it first: a day too
    // full even from the morning is said so, not blamed on the time that has passed.
    std::vector<std::string> groups;
    bool given = sessions.earliest > 0;
    for (const auto& task : sessions.tasks) {
      const auto& rx = in.prescriptions[task.rx];
      if (std::find(rx.patients.begin(), rx.patients.end(), pid) == rx.patients.end()) continue;
      mine.push_back(&task);
      given |= task.pinned.has_value();
      if (std::find(groups.begin(), groups.end(), "dose:" + rx.id) == groups.end()) groups.push_back("dose:" + rx.id);
    }
    groups.push_back("blocks:" + pid);
    groups.push_back("rest:" + pid);
    if (given && !sessions.given_group.empty()) groups.insert(groups.begin(), sessions.given_group);
    // Only the day's shape and the unit's blocks matter to the child's day: a copy of the whole
    // unit per check made a 6,000-child instance's explanation take minutes.
    Instance shape;
    shape.slots_per_day = in.slots_per_day;
    shape.days = in.days;
    shape.unit_blocks = in.unit_blocks;
    auto fits = [&](const std::vector<std::string>& active) {
      auto on = [&](const std::string& g) { return std::find(active.begin(), active.end(), g) != active.end(); };
      Instance unit = shape;
      Patient child = in.patients[in.patient_index(pid)];
      if (!on("blocks:" + pid)) unit.unit_blocks.clear(), child.blocks.clear();
      if (!on("rest:" + pid)) child.min_gap = 0, child.max_consecutive = 0;
      const bool past_closed = !sessions.given_group.empty() && on(sessions.given_group);
      if (past_closed && sessions.earliest > 0) child.blocks.push_back(Window{day, 0, sessions.earliest, "given"});
      std::map<int, int> by_length;
      for (const DayTask* t : mine) {
        const auto& rx = in.prescriptions[t->rx];
        const int length = in.activities[in.activity_index(rx.activity)].duration;
        if (past_closed && t->pinned)
          child.blocks.push_back(Window{day, t->pinned->start, t->pinned->start + length, "given"});
        else if (on("dose:" + rx.id))
          ++by_length[length];
      }
      std::vector<int> durations, counts;
      for (auto [length, n] : by_length) durations.push_back(length), counts.push_back(n);
      auto capacity = patient_day_capacity(unit, child, day, durations, counts);
      return std::find(capacity.feasible.begin(), capacity.feasible.end(), counts) != capacity.feasible.end();
    };
    if (fits(groups)) continue;
    for (std::size_t i = 0; i < groups.size();) {
      auto trial = groups;
      trial.erase(trial.begin() + i);
      if (!fits(trial))
        groups = trial;
      else
        ++i;
    }
    // Said last, as the search's conflicts say it: what the child needs, then what is in the way.
    if (!groups.empty() && groups.front() == sessions.given_group) std::rotate(groups.begin(), groups.begin() + 1, groups.end());
    Conflict c;
    c.day = day;
    c.groups = groups;
    for (auto& g : groups) c.reasons.push_back(describe_group(in, day, g));
    return c;
  }
  return std::nullopt;
}

}  // namespace

std::string describe_group(const Instance& in, int day, const std::string& group) {
  auto kind = group.substr(0, group.find(':'));
  auto id = group.substr(group.find(':') + 1);
  auto on = day >= 0 ? " on " + in.day_name(day) : std::string();
  // Children by name, as the coordinator knows them; a whole group by its size.
  auto child = [&](const std::string& pid) {
    int p = in.patient_index(pid);
    return p < 0 || in.patients[p].name.empty() ? pid : in.patients[p].name;
  };
  if (kind == "dose") {
    const auto& rx = in.prescriptions[in.prescription_index(id)];
    std::string who;
    if (rx.patients.size() > 3)
      who = std::to_string(rx.patients.size()) + " children";
    else
      for (auto& p : rx.patients) who += (who.empty() ? "" : ", ") + child(p);
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
  if (kind == "given") {
    if (id == "pinned") return "the sessions pinned" + on;
    return "the sessions already given before " + id + on;
  }
  if (kind == "blocks") return "fixed blocks of " + child(id) + on + " (meals, school, visits, procedures)";
  if (kind == "rest") return "rest gap and back-to-back limit of " + child(id);
  return group;
}

static Conflict explain_sessions(const Instance& in, int day, const DaySessions& sessions, double seconds) {
  Conflict conflict;
  conflict.day = day;
  DayChecker checker{in, day, sessions, groups_for_day(in, sessions), 0,
                     Clock::now() + std::chrono::microseconds(static_cast<long long>(seconds * 1e6)), false};
  checker.seconds_per_check = std::max(0.05, seconds / (checker.all_groups.size() + 1));
  std::vector<std::string> active = checker.all_groups;
  auto as_set = [](const std::vector<std::string>& v) { return std::set<std::string>(v.begin(), v.end()); };
  // Whether there is a conflict at all is the hardest check on a full day (every session, none
  // may drop): it gets half the time, the deletion filter's checks share the rest.
  double per_check = checker.seconds_per_check;
  checker.seconds_per_check = std::max(per_check, seconds / 2);
  auto whole = checker.check(as_set(active));
  checker.seconds_per_check = per_check;
  conflict.day_fits = whole == Verdict::feasible;
  if (whole != Verdict::infeasible) return conflict;
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

Conflict explain_day(const Instance& in, int day, const std::vector<int>& tasks, double seconds) {
  DaySessions sessions;
  for (int rx : tasks) sessions.tasks.push_back(DayTask{rx, std::nullopt, std::nullopt});
  return explain_sessions(in, day, sessions, seconds);
}

Explanation explain(const Instance& in, double seconds, const std::function<void(const std::string&)>& progress,
                    const Plan* plan) {
  auto began = std::chrono::steady_clock::now();
  auto left = [&] { return seconds - std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count(); };
  Explanation out;
  SolveResult solved;
  if (plan) {
    // Only a plan that keeps every hard rule has shortfalls worth explaining; one naming a
    // prescription the unit lacks crashed here (an outside probe), one double-booking a child was
    // told every dose was met.
    auto report = validate_plan(in, *plan);
    if (!report.violations.empty())
      throw FormatError("plan: it breaks " + std::to_string(report.violations.size()) + " hard rule" +
                        (report.violations.size() == 1 ? "" : "s") + " (" + report.violations.front().message +
                        "); explain takes a valid plan: validate it, or solve again from it");
    solved.plan = *plan;
    solved.plan.shortfalls = report.shortfalls;
  } else {
    SolveOptions options;
    options.seconds = seconds * 0.4;
    options.progress = progress;
    solved = solve_week(in, options);
  }
  out.shortfalls = solved.plan.shortfalls;
  out.all_doses_met = out.shortfalls.empty();
  if (out.all_doses_met) return out;

  // Which sessions each day should have had: what the plan placed, plus the missing ones on
  // the days their prescription could still take them. What the plan records as given, and
  // what is pinned, stays where it is unless the "given:" group is switched off; a day that is
  // over takes nothing more (a session dropped by an afternoon sick call cannot go back into
  // the morning).
  const std::optional<Moment> past = solved.plan.given_until;
  std::map<int, DaySessions> wanted;
  std::map<std::pair<int, int>, int> placed;
  for (auto& s : solved.plan.sessions) {
    int r = in.prescription_index(s.prescription);
    auto& day = wanted[s.day];
    DayTask task{r, std::nullopt, std::nullopt};
    if (s.pinned || solved.plan.given(s)) {
      task.pinned = placement_of(in, s);
      if (day.given_group.empty()) day.given_group = "given:pinned";
    }
    day.tasks.push_back(task);
    ++placed[{r, s.day}];
  }
  if (past && past->day < in.days) {
    auto& day = wanted[past->day];
    day.earliest = past->slot;
    day.given_group = "given:" + clock_of_slot(in, past->slot);
  }
  // Each short prescription's next session, tried on every day that could still take it. A day
  // that can hold it means the plan, not the unit, is short of it; only when no day can are the
  // days' conflicts the answer.
  for (std::size_t k = 0; k < out.shortfalls.size(); ++k) {
    const auto& sf = out.shortfalls[k];
    int r = in.prescription_index(sf.prescription);
    std::vector<int> days;
    bool passed = false;  // a day that could have taken it is over
    for (int d = 0; d < in.days; ++d)
      if (placed[{r, d}] < in.prescriptions[r].max_per_day) {
        if (past && d < past->day)
          passed = true;
        else
          days.push_back(d);
      }
    if (days.empty() && passed) {
      Conflict c;
      c.groups = {"dose:" + sf.prescription, "given:" + in.day_name(past->day) + " " + clock_of_slot(in, past->slot)};
      c.reasons = {describe_group(in, -1, c.groups[0]),
                   "the days that could take it are over (the plan is given until " + in.day_name(past->day) + " " +
                       clock_of_slot(in, past->slot) + ")"};
      out.conflicts.push_back(c);
      continue;
    }
    if (days.empty()) {
      Conflict c;
      c.groups = {"dose:" + sf.prescription};
      c.reasons = {describe_group(in, -1, c.groups[0]) + ": more sessions than days allow at " +
                   std::to_string(in.prescriptions[r].max_per_day) + " a day"};
      out.conflicts.push_back(c);
      continue;
    }
    // The time limit holds: what is not reached in it is reported undecided, not explained late.
    if (left() <= 0) {
      out.undecided.push_back(sf.prescription);
      continue;
    }
    double budget = left() / static_cast<double>(out.shortfalls.size() - k);
    std::vector<Conflict> found;
    bool fits = false, unknown = false;
    for (int d : days) {
      if (progress) progress("explaining " + in.day_name(d) + " with one more " + sf.prescription);
      wanted[d].tasks.push_back(DayTask{r, std::nullopt, std::nullopt});
      auto child = child_day_conflict(in, d, wanted[d], r);
      if (!child && left() <= 0) {
        wanted[d].tasks.pop_back();
        unknown = true;
        break;
      }
      auto c = child ? *child
                     : explain_sessions(in, d, wanted[d], std::min(left(), budget / static_cast<double>(days.size())));
      wanted[d].tasks.pop_back();
      if (c.day_fits) {
        out.fits.push_back({sf.prescription, d});
        fits = true;
        break;
      }
      if (c.groups.empty())
        unknown = true;
      else
        found.push_back(std::move(c));
    }
    if (fits) continue;
    if (unknown) out.undecided.push_back(sf.prescription);
    for (auto& c : found) out.conflicts.push_back(std::move(c));
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
  json::array fits, undecided;
  for (auto& f : e.fits)
    fits.push_back({{"prescription", f.prescription}, {"day", f.day}, {"day_name", in.day_name(f.day)}});
  for (auto& u : e.undecided) undecided.emplace_back(u);
  return json::object{{"all_doses_met", e.all_doses_met}, {"shortfalls", shortfalls}, {"conflicts", conflicts},
                      {"fits", fits}, {"undecided", undecided}};
}

}  // namespace relief::schedule
