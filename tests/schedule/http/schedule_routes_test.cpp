// The schedule API's handlers, called through a Router built here (the App, which maps
// exceptions to statuses, registers the same routes): demo unit -> solve -> validate -> repair,
// and the errors a client can cause (bad JSON -> MalformedInput = 400, bad instance or limit ->
// ValidationError = 422 with problems).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>
#include <vector>
#include <filesystem>
#include <memory>

#include "core/errors.hpp"
#include "http/router.hpp"
#include "store/store.hpp"

namespace relief::http {
void add_schedule_routes(Router& router);

namespace {
namespace json = boost::json;

class ScheduleRoutes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/relief-schedule-routes-XXXXXX";
    dir_ = mkdtemp(tmpl);
    store_ = Store::open(dir_ + "/routes.db").release();
  }
  static void TearDownTestSuite() {
    delete store_;
    std::filesystem::remove_all(dir_);
  }
  void SetUp() override { add_schedule_routes(router_); }

  Response call(const std::string& method, const std::string& target, const std::string& body = "") {
    Request req;
    req.method = method;
    req.target = target;
    req.body = body;
    EXPECT_TRUE(parse_target(target, req.path, req.query));
    auto match = router_.find(method, req.path);
    if (!match.route) throw std::runtime_error("no route for " + method + " " + target);
    EXPECT_EQ(match.route->permission, Permission::read_patient);
    Principal who{"u1", "coord.demo", Role::coordinator};
    AppConfig config;
    Context ctx{req, &who, match.params, *store_, config, true};
    return match.route->handler(ctx);
  }
  json::object call_json(const std::string& method, const std::string& target, const json::value& body = nullptr) {
    auto r = call(method, target, body.is_null() ? "" : json::serialize(body));
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).as_object();
  }

  Router router_;
  static inline std::string dir_;
  static inline Store* store_ = nullptr;
};

TEST_F(ScheduleRoutes, DemoSolveValidateRepair) {
  auto instance = call_json("GET", "/api/v1/schedule/demo?patients=4&staff=13&days=1&seed=3");
  ASSERT_EQ(instance.at("patients").as_array().size(), 4u);

  auto solved = call_json("POST", "/api/v1/schedule/solve", json::object{{"instance", instance}, {"time_limit_s", 2}});
  const auto& plan = solved.at("plan");
  ASSERT_FALSE(plan.at("sessions").as_array().empty());
  const auto& summary = solved.at("summary").as_object();
  EXPECT_TRUE(summary.at("report").at("feasible").as_bool());
  EXPECT_EQ(summary.at("objective").as_int64(), summary.at("report").at("soft_costs").at("weighted").as_int64());

  auto report = call_json("POST", "/api/v1/schedule/validate", json::object{{"instance", instance}, {"plan", plan}});
  EXPECT_TRUE(report.at("feasible").as_bool());
  EXPECT_EQ(report.at("hard_violations").as_int64(), 0);

  // A sick call for someone who leads a session that day.
  std::string who(plan.at("sessions").as_array()[0].at("staff").as_array()[0].as_string());
  auto repaired = call_json("POST", "/api/v1/schedule/repair",
                            json::object{{"instance", instance}, {"plan", plan}, {"change", "sick:" + who + ":0"}});
  EXPECT_TRUE(repaired.at("summary").at("report").at("feasible").as_bool());
  EXPECT_FALSE(repaired.at("moved").as_array().empty());
  for (auto& s : repaired.at("plan").at("sessions").as_array())
    for (auto& staff : s.at("staff").as_array()) EXPECT_NE(staff.as_string(), who);
  // The changed instance comes back and the repaired plan validates against it.
  auto again = call_json("POST", "/api/v1/schedule/validate",
                         json::object{{"instance", repaired.at("instance")}, {"plan", repaired.at("plan")}});
  EXPECT_TRUE(again.at("feasible").as_bool());

  // Two people away on one morning, sent together in the order they called.
  std::string other;
  for (auto& s : plan.at("sessions").as_array())
    if (auto lead = std::string(s.at("staff").as_array()[0].as_string()); lead != who) other = lead;
  ASSERT_FALSE(other.empty());
  auto both = call_json("POST", "/api/v1/schedule/repair",
                        json::object{{"instance", instance},
                                     {"plan", plan},
                                     {"change", json::array{"sick:" + who + ":0", "sick:" + other + ":0"}}});
  EXPECT_TRUE(both.at("summary").at("report").at("feasible").as_bool());
  for (auto& s : both.at("plan").at("sessions").as_array())
    for (auto& staff : s.at("staff").as_array()) {
      EXPECT_NE(staff.as_string(), who);
      EXPECT_NE(staff.as_string(), other);
    }
  auto checked = call_json("POST", "/api/v1/schedule/validate",
                           json::object{{"instance", both.at("instance")}, {"plan", both.at("plan")}});
  EXPECT_TRUE(checked.at("feasible").as_bool());
}

TEST_F(ScheduleRoutes, MoreSolvesAtOnceThanCoresAreAskedToComeBack) {
  // One solve per core runs; one more at the same time is answered 503 with Retry-After at once,
  // not queued behind them (holding a worker thread that sign-in needs). Once they end, a solve
  // runs again.
  const int cores = std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 2, 1024);
  // A 24-child week: its search never finishes early, so each solve holds its slot the 4 s.
  auto instance = call_json("GET", "/api/v1/schedule/demo?patients=24&staff=40&days=5&seed=3");
  const std::string body = json::serialize(json::object{{"instance", instance}, {"time_limit_s", 4}});
  std::vector<int> statuses(cores, 0);
  std::vector<std::thread> running;
  for (int k = 0; k < cores; ++k)
    running.emplace_back([&, k] { statuses[k] = call("POST", "/api/v1/schedule/solve", body).status; });
  std::this_thread::sleep_for(std::chrono::seconds(1));  // they hold every slot for about 4 s
  auto refused = call("POST", "/api/v1/schedule/solve", body);
  for (auto& t : running) t.join();
  EXPECT_EQ(refused.status, 503) << refused.body;
  bool retry_after = false;
  for (const auto& [name, value] : refused.headers) retry_after |= name == "Retry-After" && value == "30";
  EXPECT_TRUE(retry_after);
  EXPECT_NE(refused.body.find("busy"), std::string::npos) << refused.body;
  for (int s : statuses) EXPECT_EQ(s, 200);
  auto again = call("POST", "/api/v1/schedule/solve", json::serialize(json::object{{"instance", instance}, {"time_limit_s", 0.5}}));
  EXPECT_EQ(again.status, 200) << again.body;
}

TEST_F(ScheduleRoutes, ValidateReportsABrokenPlan) {
  auto instance = call_json("GET", "/api/v1/schedule/demo?patients=2&staff=13&days=1");
  auto solved = call_json("POST", "/api/v1/schedule/solve", json::object{{"instance", instance}, {"time_limit_s", 1}});
  auto plan = solved.at("plan").as_object();
  auto& sessions = plan.at("sessions").as_array();
  ASSERT_GE(sessions.size(), 1u);
  sessions.push_back(sessions[0]);  // the same session twice: patient, staff and room double-booked
  auto report = call_json("POST", "/api/v1/schedule/validate", json::object{{"instance", instance}, {"plan", plan}});
  EXPECT_FALSE(report.at("feasible").as_bool());
  EXPECT_GT(report.at("hard_violations").as_int64(), 0);
}

TEST_F(ScheduleRoutes, BadJsonIsMalformed) {
  EXPECT_THROW(call("POST", "/api/v1/schedule/solve", "{not json"), MalformedInput);
  EXPECT_THROW(call("POST", "/api/v1/schedule/validate", "[1,2]"), MalformedInput);
  // A key twice is refused, as on every other route, not resolved by whichever the parser keeps.
  try {
    call("POST", "/api/v1/schedule/solve", R"({"time_limit_s": 1, "time_limit_s": 50, "instance": {}})");
    ADD_FAILURE() << "a duplicate key was accepted";
  } catch (const MalformedInput& e) {
    EXPECT_NE(std::string(e.what()).find("time_limit_s"), std::string::npos) << e.what();
  }
}

TEST_F(ScheduleRoutes, InvalidInstanceNamesEveryProblem) {
  auto instance = call_json("GET", "/api/v1/schedule/demo?patients=2&staff=13&days=1");
  instance["slot_minutes"] = 7;
  instance["prescriptions"].as_array()[0].as_object()["activity"] = "juggling";
  try {
    call("POST", "/api/v1/schedule/solve", json::serialize(json::object{{"instance", instance}}));
    FAIL() << "an invalid instance was solved";
  } catch (const ValidationError& e) {
    ASSERT_GE(e.problems().size(), 1u);
    for (auto& p : e.problems()) EXPECT_TRUE(p.field.starts_with("instance")) << p.field;
  }
}

TEST_F(ScheduleRoutes, LimitsAndChangesAreChecked) {
  auto instance = call_json("GET", "/api/v1/schedule/demo?patients=2&staff=13&days=1");
  EXPECT_THROW(call("POST", "/api/v1/schedule/solve",
                    json::serialize(json::object{{"instance", instance}, {"time_limit_s", 600}})),
               ValidationError);
  EXPECT_THROW(call("POST", "/api/v1/schedule/solve",
                    json::serialize(json::object{{"instance", instance}, {"time_limit_s", "soon"}})),
               ValidationError);
  json::object plan{{"sessions", json::array{}}};
  // Over HTTP an admission never names a file on the server.
  EXPECT_THROW(call("POST", "/api/v1/schedule/repair",
                    json::serialize(json::object{{"instance", instance}, {"plan", plan}, {"change", "admit:/etc/passwd"}})),
               ValidationError);
  EXPECT_THROW(call("POST", "/api/v1/schedule/repair",
                    json::serialize(json::object{{"instance", instance}, {"plan", plan}, {"change", "sick:nobody:0"}})),
               ValidationError);
  // The change is named once: the board showed "change: change: the off-unit time ...".
  try {
    call("POST", "/api/v1/schedule/repair",
         json::serialize(json::object{{"instance", instance}, {"plan", plan}, {"change", "off-unit:p01:0:10:00-09:00"}}));
    ADD_FAILURE() << "an off-unit time ending before it starts was taken";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].field, "change");
    EXPECT_EQ(e.problems()[0].message, "the off-unit time must end after it starts");
  }
  // In a list of changes, the one at fault is named by its place.
  try {
    call("POST", "/api/v1/schedule/repair",
         json::serialize(json::object{{"instance", instance}, {"plan", plan},
                                      {"change", json::array{"delivered:0:09:00", "sick:nobody:0"}}}));
    ADD_FAILURE() << "a sick call for no one on the unit was taken";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].field, "change[1]");
    EXPECT_EQ(e.problems()[0].message, "no staff member \"nobody\"");
  }
  EXPECT_THROW(call("POST", "/api/v1/schedule/repair",
                    json::serialize(json::object{{"instance", instance}, {"plan", plan}, {"change", json::array{}}})),
               ValidationError);
  // A plan naming a prescription the instance lacks is refused, not indexed.
  json::object stranger{{"sessions", json::array{json::object{{"prescription", "nope"}, {"day", 0}, {"start", "09:00"},
                                                              {"staff", json::array{"nobody"}}, {"room", "gym1"}}}}};
  EXPECT_THROW(call("POST", "/api/v1/schedule/repair",
                    json::serialize(json::object{{"instance", instance}, {"plan", stranger}, {"change", "delivered:0:09:00"}})),
               ValidationError);
  EXPECT_THROW(call("GET", "/api/v1/schedule/demo?patients=500"), ValidationError);
  EXPECT_THROW(call("GET", "/api/v1/schedule/demo?days=x"), ValidationError);
}

// A coordinator's own unit file, written by hand: two days named, one therapist whose hours hold
// every day, PT for one child on both days and school for two together.
json::value hand_written_unit() {
  return json::parse(R"({
    "slot_minutes": 15, "day_window": {"from": "08:00", "to": "12:00"}, "days": ["Mon", "Tue"],
    "activities": [{"id": "PT", "discipline": "PT", "minutes": 60, "staff": 1, "rooms": ["gym"]},
                   {"id": "school", "discipline": "school", "minutes": 60, "staff": 1, "rooms": ["classroom"]}],
    "rooms": [{"id": "gym1", "kind": "gym", "capacity": 2}, {"id": "class1", "kind": "classroom", "capacity": 4}],
    "staff": [{"id": "pt1", "name": "J. Alvarez", "discipline": "PT", "qualifications": ["PT"],
               "hours": [{"from": "08:00", "to": "12:00"}]},
              {"id": "t1", "name": "R. Okafor", "discipline": "school", "qualifications": ["school"],
               "hours": [{"day": "Tue", "from": "09:00", "to": "11:00"}]}],
    "patients": [{"id": "p01", "name": "Patient 1"}, {"id": "p02", "name": "Patient 2"}],
    "prescriptions": [{"id": "p01-PT", "activity": "PT", "patients": ["p01"], "per_week": 2},
                      {"id": "school-1", "activity": "school", "patients": ["p01", "p02"], "per_week": 1}]
  })");
}

TEST_F(ScheduleRoutes, CheckReadsAUnitFileAsTheSolverWill) {
  auto checked = call_json("POST", "/api/v1/schedule/check", json::object{{"instance", hand_written_unit()}});
  const auto& summary = checked.at("summary");
  EXPECT_EQ(summary.at("patients").as_int64(), 2);
  EXPECT_EQ(summary.at("staff").as_int64(), 2);
  EXPECT_EQ(summary.at("days"), (json::array{"Mon", "Tue"}));
  EXPECT_EQ(summary.at("sessions_prescribed").as_int64(), 3);  // PT twice, school once (one shared session)
  // The instance as read solves, and reads back the same.
  const auto& instance = checked.at("instance");
  auto again = call_json("POST", "/api/v1/schedule/check", json::object{{"instance", instance}});
  EXPECT_EQ(again.at("instance"), instance);
  auto solved = call_json("POST", "/api/v1/schedule/solve", json::object{{"instance", instance}, {"time_limit_s", 1}});
  EXPECT_TRUE(solved.at("summary").at("report").at("feasible").as_bool());
  EXPECT_EQ(solved.at("plan").at("sessions").as_array().size(), 3u);
}

TEST_F(ScheduleRoutes, CheckNamesWhatIsWrongInAUnitFile) {
  auto problems_of = [&](const json::value& unit) {
    std::string found;
    try {
      call("POST", "/api/v1/schedule/check", json::serialize(json::object{{"instance", unit}}));
      ADD_FAILURE() << "a broken unit file was accepted";
    } catch (const ValidationError& e) {
      for (auto& p : e.problems()) found += "\n" + p.field + ": " + p.message;
    }
    return found;
  };
  // Every mistake in the file's shape is named at once, each at its place.
  auto unit = hand_written_unit().as_object();
  unit["staff"].as_array()[1].as_object()["hours"].as_array()[0].as_object()["day"] = "Sunday";
  unit["prescriptions"].as_array()[0].as_object()["per_week"] = "lots";
  auto found = problems_of(unit);
  EXPECT_NE(found.find("\ninstance.staff[1].hours[0].day: "), std::string::npos) << found;
  EXPECT_NE(found.find("\ninstance.prescriptions[0].per_week: "), std::string::npos) << found;
  EXPECT_EQ(found.find("instance.instance"), std::string::npos) << found;
  // A well-formed file whose references do not resolve: named at its place too, and the
  // sentence names the prescription.
  unit = hand_written_unit().as_object();
  unit["prescriptions"].as_array()[0].as_object()["activity"] = "juggling";
  found = problems_of(unit);
  EXPECT_NE(found.find("\ninstance.prescriptions[0].activity: prescription p01-PT: unknown activity \"juggling\""),
            std::string::npos)
      << found;
  EXPECT_THROW(call("POST", "/api/v1/schedule/check", "{\"unit\": {}}"), ValidationError);
}

// R. Okafor teaches only Tuesday 09:00-11:00. A plan without school is one session short; on
// Monday that is her hours, but Tuesday can take it once p01's 09:00 PT moves: the plan, not
// the unit, is short. With PT also at 10:00 on Tuesday, no day can take it.
TEST_F(ScheduleRoutes, ExplainSaysWhyThePlansDosesAreShort) {
  auto unit = hand_written_unit();
  auto session = [](const char* day, const char* start) {
    return json::object{{"prescription", "p01-PT"}, {"day", day}, {"start", start}, {"staff", json::array{"pt1"}}, {"room", "gym1"}};
  };
  json::object plan{{"sessions", json::array{session("Mon", "08:00"), session("Tue", "09:00")}}};
  auto why = call_json("POST", "/api/v1/schedule/explain", json::object{{"instance", unit}, {"plan", plan}, {"time_limit_s", 5}});
  EXPECT_FALSE(why.at("all_doses_met").as_bool());
  ASSERT_EQ(why.at("shortfalls").as_array().size(), 1u);
  EXPECT_EQ(why.at("shortfalls").as_array()[0].at("prescription"), "school-1");
  ASSERT_EQ(why.at("fits").as_array().size(), 1u) << why;
  EXPECT_EQ(why.at("fits").as_array()[0].at("day_name"), "Tue");
  EXPECT_TRUE(why.at("conflicts").as_array().empty()) << why;

  // p01 goes for an MRI on Tuesday 09:00-11:00, all of Okafor's hours: no day can take school.
  unit.as_object()["patients"].as_array()[0].as_object()["blocks"] =
      json::array{json::object{{"day", "Tue"}, {"from", "09:00"}, {"to", "11:00"}, {"label", "MRI"}}};
  plan["sessions"].as_array()[1] = session("Tue", "08:00");
  why = call_json("POST", "/api/v1/schedule/explain", json::object{{"instance", unit}, {"plan", plan}, {"time_limit_s", 5}});
  EXPECT_TRUE(why.at("fits").as_array().empty()) << why;
  const auto& conflicts = why.at("conflicts").as_array();
  ASSERT_EQ(conflicts.size(), 2u) << why;
  EXPECT_EQ(conflicts[0].at("groups"), (json::array{"dose:school-1", "availability:t1"}));
  EXPECT_EQ(conflicts[1].at("day_name"), "Tue");
  EXPECT_EQ(conflicts[1].at("groups"), (json::array{"dose:school-1", "availability:t1", "blocks:p01"}));
}

// A plan that names a prescription the unit lacks got made-up conflicts from /explain (" dose of
// () on Mon"); pinned sessions that clash got an empty "infeasible" plan from /solve. Both are
// 422, naming the plan's problem.
TEST_F(ScheduleRoutes, ExplainAndSolveRefuseABrokenPlanNamingWhy) {
  json::object unknown{{"sessions", json::array{json::object{{"prescription", "nope"}, {"day", 0}, {"start", "08:00"},
                                                             {"staff", json::array{"pt1"}}, {"room", "gym1"}}}}};
  try {
    call("POST", "/api/v1/schedule/explain", json::serialize(json::object{{"instance", hand_written_unit()}, {"plan", unknown}}));
    ADD_FAILURE() << "explained a plan of an unknown prescription";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].field, "plan");
    EXPECT_NE(e.problems()[0].message.find("unknown prescription"), std::string::npos) << e.problems()[0].message;
  }
  auto pinned = [](const char* rx) {
    return json::object{{"prescription", rx}, {"day", 0}, {"start", "08:00"}, {"staff", json::array{"pt1"}}, {"room", "gym1"}, {"pinned", true}};
  };
  json::object clash{{"sessions", json::array{pinned("p01-PT"), pinned("p01-PT")}}};  // one child, one therapist, twice at 08:00
  try {
    call("POST", "/api/v1/schedule/solve", json::serialize(json::object{{"instance", hand_written_unit()}, {"from", clash}, {"time_limit_s", 1}}));
    ADD_FAILURE() << "solved from pinned sessions that clash";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].field, "from");
    EXPECT_NE(e.problems()[0].message.find("pinned or given sessions break a hard rule"), std::string::npos)
        << e.problems()[0].message;
  }
}

TEST_F(ScheduleRoutes, APlansProblemsAreNamedWhereTheyAre) {
  json::object plan{{"sessions", json::array{json::object{{"prescription", "p01-PT"}, {"day", 0}, {"start", "8 o'clock"},
                                                          {"staff", json::array{"pt1"}}, {"room", "gym1"}}}}};
  for (const char* field : {"plan", "from"}) {
    json::object body{{"instance", hand_written_unit()}, {"plan", plan}, {"from", plan}, {"time_limit_s", 0.1}};
    try {
      call("POST", field == std::string("plan") ? "/api/v1/schedule/validate" : "/api/v1/schedule/solve", json::serialize(body));
      ADD_FAILURE() << "a plan with a start of \"8 o'clock\" was read";
    } catch (const ValidationError& e) {
      ASSERT_EQ(e.problems().size(), 1u);
      EXPECT_EQ(e.problems()[0].field, std::string(field) + ".sessions[0].start");
    }
  }
}

}  // namespace
}  // namespace relief::http
