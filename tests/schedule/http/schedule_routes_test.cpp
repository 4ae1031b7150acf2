// The schedule API's handlers, called through a Router built here (the App, which maps
// exceptions to statuses, registers the same routes): demo unit -> solve -> validate -> repair,
// and the errors a client can cause (bad JSON -> MalformedInput = 400, bad instance or limit ->
// ValidationError = 422 with problems).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
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
  // A plan naming a prescription the instance lacks is refused, not indexed.
  json::object stranger{{"sessions", json::array{json::object{{"prescription", "nope"}, {"day", 0}, {"start", "09:00"},
                                                              {"staff", json::array{"nobody"}}, {"room", "gym1"}}}}};
  EXPECT_THROW(call("POST", "/api/v1/schedule/repair",
                    json::serialize(json::object{{"instance", instance}, {"plan", stranger}, {"change", "delivered:0:09:00"}})),
               ValidationError);
  EXPECT_THROW(call("GET", "/api/v1/schedule/demo?patients=500"), ValidationError);
  EXPECT_THROW(call("GET", "/api/v1/schedule/demo?days=x"), ValidationError);
}

}  // namespace
}  // namespace relief::http
