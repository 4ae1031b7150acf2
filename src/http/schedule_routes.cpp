// The IIPT unit schedule over HTTP (docs/scheduling.md, "HTTP API"): the same solver, validator
// and repair as `relief schedule`, for the web UI's schedule board.
//   POST /api/v1/schedule/solve     {"instance", "time_limit_s"?, "from"?}  -> plan + summary
//   POST /api/v1/schedule/check     {"instance"}                            -> the instance as read + a summary
//   POST /api/v1/schedule/validate  {"instance", "plan"}                    -> the validator's report
//   POST /api/v1/schedule/explain   {"instance", "plan"?, "time_limit_s"?}  -> why doses are short
//   POST /api/v1/schedule/repair    {"instance", "plan", "change" (one or a list), "time_limit_s"?}
//                                   -> repaired plan, what moved, doses short, the changed instance
//   GET  /api/v1/schedule/demo?patients=12&staff=30&days=1&seed=1[&week_of=yyyy-mm-dd] -> a generated unit
// Nothing is stored: instances and plans travel with each request, so these are computations
// any signed-in clinical role may run (read_patient), and they touch no patient record.
#include <boost/json.hpp>
#include <algorithm>
#include <semaphore>
#include <thread>
#include <charconv>
#include <string>

#include "core/errors.hpp"
#include "core/time.hpp"
#include "core/waiting.hpp"
#include "http/responses.hpp"
#include "http/router.hpp"
#include "schedule/explain.hpp"
#include "schedule/generator.hpp"
#include "schedule/json_format.hpp"
#include "schedule/repair.hpp"
#include "schedule/report_format.hpp"
#include "schedule/search_cancel.hpp"
#include "schedule/solver.hpp"
#include "schedule/validator.hpp"

namespace relief::http {
void add_schedule_routes(Router& router);

namespace {
namespace json = boost::json;
namespace sch = relief::schedule;

// A request holds a worker thread for the whole solve: keep it bounded.
constexpr double kMaxSeconds = 60;
constexpr double kDefaultSolveSeconds = 10;
constexpr double kDefaultRepairSeconds = 2;
constexpr double kDefaultExplainSeconds = 10;

json::object body_object(const Context& ctx, const char* shape) {
  auto body = json_body(ctx.request);  // as every route reads a body: a key twice is refused
  if (!body.is_object()) throw MalformedInput(std::string("send a JSON object: ") + shape);
  return std::move(body.as_object());
}

const json::value& member(const json::object& body, const char* name) {
  auto* v = body.if_contains(name);
  if (!v) throw ValidationError(name, "is required");
  return *v;
}

// Where a problem line of the schedule module is, as a field of this request. Its paths start
// at the document ("instance.staff[1].day", "plan", "sessions[3].start"), and the document sits
// under `field` here ("instance", "plan" or "from"). A consistency problem reads as a sentence
// ("prescription p01-PT: unknown activity"): it stays whole, on the document itself.
Problem problem_at(const std::string& field, const std::string& line) {
  std::size_t colon = line.find(": ");
  std::string path = colon == std::string::npos ? "" : line.substr(0, colon);
  if (path.empty() || path.find(' ') != std::string::npos) return {field, line};
  std::string message = line.substr(colon + 2);
  if (path == field) return {field, message};  // "change: the off-unit time must end after it starts"
  for (std::string root : {"instance", "plan"})
    if (path == root || path.starts_with(root + ".") || path.starts_with(root + "["))
      return {field + path.substr(root.size()), message};
  return {field + "." + path, message};
}

// The schedule module names every problem on its own line ("  path: message"); the API gives
// them as a list, so the board can show each next to what it is about.
[[noreturn]] void reject(const char* field, const sch::FormatError& e) {
  std::string text = e.what();
  std::vector<Problem> problems;
  std::size_t at = text.find("\n  ");
  if (at == std::string::npos) problems.push_back(problem_at(field, text));
  while (at != std::string::npos) {
    std::size_t next = text.find("\n  ", at + 3);
    problems.push_back(problem_at(field, text.substr(at + 3, next == std::string::npos ? std::string::npos : next - at - 3)));
    at = next;
  }
  throw ValidationError(std::move(problems));
}

sch::Instance instance_of(const json::object& body) {
  try {
    return sch::instance_from_json(member(body, "instance"));
  } catch (const sch::FormatError& e) {
    reject("instance", e);
  }
}

sch::Plan plan_of(const sch::Instance& in, const json::value& v, const char* field) {
  try {
    return sch::plan_from_json(in, v);
  } catch (const sch::FormatError& e) {
    reject(field, e);
  }
}

double seconds_of(const json::object& body, double fallback) {
  auto* v = body.if_contains("time_limit_s");
  if (!v) return fallback;
  if (!v->is_number()) throw ValidationError("time_limit_s", "must be a number of seconds");
  double s = v->to_number<double>();
  if (!(s >= 0.1 && s <= kMaxSeconds))
    throw ValidationError("time_limit_s", "must be between 0.1 and " + std::to_string(static_cast<int>(kMaxSeconds)));
  return s;
}

// A change as the CLI writes it ("sick:pt1:Mon"), or an admission as an object
// {"admit": {"patient", "prescriptions", "from_day"}}. "admit:FILE" would read a file on the
// server, so over HTTP an admission must come inline.
sch::Change change_of(const sch::Instance& in, const json::value& v, const std::string& where) {
  try {
    if (v.is_string()) {
      std::string text(v.as_string());
      if (text.starts_with("admit:"))
        throw ValidationError(where, "send an admission inline as {\"admit\": {\"patient\": ..., \"prescriptions\": ...}}");
      return sch::parse_change(in, text);
    }
    if (v.is_object() && v.as_object().contains("admit"))
      return sch::admission_from_json(in, v.as_object().at("admit"), where + ".admit");
  } catch (const sch::FormatError& e) {
    std::string text = e.what();
    if (text.starts_with("change: ") && text.find('\n') == std::string::npos)
      throw ValidationError(where, text.substr(8));
    reject(where.c_str(), e);
  }
  throw ValidationError(where, "expected \"sick:STAFF:DAY[:HH:MM]\", \"off-unit:PATIENT:DAY:HH:MM-HH:MM\", "
                               "\"delivered:DAY:HH:MM\", {\"admit\": {...}}, or a list of these");
}

int query_int(const Context& ctx, const char* name, int fallback, int low, int high) {
  auto v = ctx.request.query_param(name);
  if (!v) return fallback;
  int n = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc{} || ptr != v->data() + v->size() || n < low || n > high)
    throw ValidationError(name, "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high));
  return n;
}

Response solve(Context& ctx) {
  auto body = body_object(ctx, "{\"instance\": {...}, \"time_limit_s\": 10, \"from\": plan?}");
  auto in = instance_of(body);
  sch::SolveOptions options;
  options.seconds = seconds_of(body, kDefaultSolveSeconds);
  sch::Plan from;
  if (auto* f = body.if_contains("from"); f && !f->is_null()) {
    from = plan_of(in, *f, "from");
    options.from = &from;
  }
  sch::SolveResult result;
  try {
    result = sch::solve_week(in, options);
  } catch (const sch::FormatError& e) {
    reject("from", e);  // its pinned sessions clash
  }
  auto report = sch::validate_plan(in, result.plan);
  json::object summary{{"status", result.plan.status},
                       {"objective", result.stats.objective},
                       {"bound", result.stats.bound},
                       {"seconds", result.stats.seconds_total},
                       {"seconds_to_first", result.stats.seconds_to_first},
                       {"seconds_to_best", result.stats.seconds_to_best},
                       {"sessions", result.plan.sessions.size()},
                       {"days_proven", result.stats.days_proven},
                       {"report", sch::report_to_json(report)}};
  return json_response(200, json::object{{"plan", sch::plan_to_json(in, result.plan)}, {"summary", summary}});
}

// A unit file opened on the board: read it as the solver would, so every problem shows before
// anyone waits for a solve, and answer it in the one shape the board draws (days named, windows
// spelled out).
Response check(Context& ctx) {
  auto body = body_object(ctx, "{\"instance\": {...}}");
  auto in = instance_of(body);
  int sessions = 0;
  for (const auto& rx : in.prescriptions) sessions += rx.per_week;
  json::array days;
  for (int d = 0; d < in.days; ++d) days.emplace_back(in.day_name(d));
  json::object summary{{"patients", in.patients.size()},     {"staff", in.staff.size()},
                       {"rooms", in.rooms.size()},           {"days", std::move(days)},
                       {"prescriptions", in.prescriptions.size()}, {"sessions_prescribed", sessions}};
  return json_response(200, json::object{{"instance", sch::instance_to_json(in)}, {"summary", std::move(summary)}});
}

Response validate(Context& ctx) {
  auto body = body_object(ctx, "{\"instance\": {...}, \"plan\": {...}}");
  auto in = instance_of(body);
  auto plan = plan_of(in, member(body, "plan"), "plan");
  return json_response(200, sch::report_to_json(sch::validate_plan(in, plan)));
}

// Why prescribed sessions are missing: the plan's own shortfalls when a plan is sent (the
// board's), else those of a fresh solve. Each conflict is a small set of named constraint groups.
Response explain(Context& ctx) {
  auto body = body_object(ctx, "{\"instance\": {...}, \"plan\": {...}?, \"time_limit_s\": 10}");
  auto in = instance_of(body);
  double seconds = seconds_of(body, kDefaultExplainSeconds);
  sch::Plan plan;
  bool given = false;
  if (auto* p = body.if_contains("plan"); p && !p->is_null()) plan = plan_of(in, *p, "plan"), given = true;
  try {
    return json_response(200, sch::explanation_to_json(in, sch::explain(in, seconds, {}, given ? &plan : nullptr)));
  } catch (const sch::FormatError& e) {
    reject("plan", e);  // it breaks a hard rule: explain takes a valid plan
  }
}

Response repair(Context& ctx) {
  auto body = body_object(ctx, "{\"instance\": {...}, \"plan\": {...}, \"change\": \"sick:pt1:Mon\"}");
  auto in = instance_of(body);
  auto plan = plan_of(in, member(body, "plan"), "plan");
  // One change, or several in the order they happened: ["sick:pt1:Mon:09:00", "sick:ot2:Mon:11:00"].
  std::vector<sch::Change> changes;
  const auto& asked = member(body, "change");
  if (asked.is_array()) {
    if (asked.as_array().empty()) throw ValidationError("change", "give at least one change");
    for (std::size_t i = 0; i < asked.as_array().size(); ++i)
      changes.push_back(change_of(in, asked.as_array()[i], "change[" + std::to_string(i) + "]"));
  } else {
    changes.push_back(change_of(in, asked, "change"));
  }
  double seconds = seconds_of(body, kDefaultRepairSeconds);
  sch::RepairResult result;
  try {
    result = sch::repair_plan(in, plan, changes, seconds);
  } catch (const sch::FormatError& e) {
    reject("change", e);  // e.g. pinned sessions that the change leaves no room for
  }
  json::array moved;
  for (auto& m : result.plan.moved) moved.emplace_back(m);
  json::array shortfalls;
  for (auto& s : result.plan.shortfalls)
    shortfalls.push_back({{"prescription", s.prescription}, {"prescribed", s.prescribed}, {"placed", s.placed}});
  auto report = sch::validate_plan(result.instance, result.plan);
  json::object out{{"plan", sch::plan_to_json(result.instance, result.plan)},
                   {"moved", std::move(moved)},
                   {"shortfalls", std::move(shortfalls)},
                   {"instance", sch::instance_to_json(result.instance)},
                   {"summary",
                    {{"seconds", result.seconds},
                     {"sessions_on_changed_days", result.sessions_on_changed_days},
                     {"report", sch::report_to_json(report)}}}};
  return json_response(200, out);
}

Response demo(Context& ctx) {
  sch::GeneratorOptions o;
  o.patients = query_int(ctx, "patients", 12, 1, 40);
  o.staff = query_int(ctx, "staff", 30, 8, 80);
  o.days = query_int(ctx, "days", 1, 1, 7);
  o.seed = static_cast<std::uint64_t>(query_int(ctx, "seed", 1, 0, 1'000'000));
  // The demo unit plans the coming week (or the week of week_of=yyyy-mm-dd), so its family
  // sheets carry real dates.
  o.week_of = ctx.request.query_param("week_of").value_or(format_date(add_days(date_of(now()), 7)));
  if (!parse_date(o.week_of)) throw ValidationError("week_of", "\"" + o.week_of + "\" is not a date; write it as yyyy-mm-dd");
  return json_response(200, sch::instance_to_json(sch::generate_instance(o)));
}

// A solve holds its thread for seconds: it runs on a worker, never on a network thread. A client
// that hangs up gets no answer: its search stops at once (and frees its solver slot).
template <Response (*route)(Context&)>
Response on_worker(Context& ctx) {
  Response response;
  run_blocking([&] {
    sch::StopWhenGone stop(ctx.request.client_gone);
    response = route(ctx);
  });
  return response;
}

// Solves, explanations and repairs each keep a core busy for seconds. More at once than the
// machine has cores only slow each other down, and they hold the worker threads that sign-in's
// password hashing needs too (an outside probe queued 120 solves): the next one is asked to come
// back (503, Retry-After) instead of waiting in a queue.
std::counting_semaphore<1024>& solver_slots() {
  static std::counting_semaphore<1024> slots(std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 2, 1024));
  return slots;
}

template <Response (*route)(Context&)>
Response on_solver(Context& ctx) {
  if (!solver_slots().try_acquire()) {
    auto r = error_response(false, 503, "busy",
                            "every core is working on a schedule already: try again in a minute");
    r.header("Retry-After", "30");
    return r;
  }
  struct Release {
    ~Release() { solver_slots().release(); }
  } release;
  return on_worker<route>(ctx);
}

}  // namespace

void add_schedule_routes(Router& router) {
  router.add("POST", "/api/v1/schedule/solve", Access::signed_in, Permission::read_patient, on_solver<solve>);
  router.add("POST", "/api/v1/schedule/check", Access::signed_in, Permission::read_patient, on_worker<check>);
  router.add("POST", "/api/v1/schedule/validate", Access::signed_in, Permission::read_patient, on_worker<validate>);
  router.add("POST", "/api/v1/schedule/explain", Access::signed_in, Permission::read_patient, on_solver<explain>);
  router.add("POST", "/api/v1/schedule/repair", Access::signed_in, Permission::read_patient, on_solver<repair>);
  router.add("GET", "/api/v1/schedule/demo", Access::signed_in, Permission::read_patient, on_worker<demo>);
}

}  // namespace relief::http
