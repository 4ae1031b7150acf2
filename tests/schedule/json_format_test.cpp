#include "schedule/json_format.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "schedule/generator.hpp"
#include "tiny_units.hpp"

namespace relief::schedule {
namespace {
namespace json = boost::json;

TEST(ScheduleJson, GeneratedInstanceRoundTrips) {
  auto in = generate_instance({8, 15, 5, 3});
  auto again = instance_from_json(json::parse(json::serialize(instance_to_json(in))));
  EXPECT_EQ(json::serialize(instance_to_json(again)), json::serialize(instance_to_json(in)));
  EXPECT_EQ(again.days, 5);
  EXPECT_EQ(again.slots_per_day, in.slots_per_day);
  EXPECT_EQ(again.prescriptions.size(), in.prescriptions.size());
}

// The family sheet prints the day's date, the room's name and the unit's telephone number.
TEST(ScheduleJson, DatesRoomNamesAndTheUnitsPhoneRoundTrip) {
  GeneratorOptions o{4, 13, 5, 1};
  o.week_of = "2026-11-25";  // a Wednesday: the week runs from Monday the 23rd
  auto in = generate_instance(o);
  EXPECT_EQ(in.dates, (std::vector<std::string>{"2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"}));
  auto again = instance_from_json(json::parse(json::serialize(instance_to_json(in))));
  EXPECT_EQ(again.dates, in.dates);
  EXPECT_EQ(again.unit_phone, "555-0142");
  EXPECT_EQ(again.rooms.at(0).name, "Gym 1");

  auto v = instance_to_json(in).as_object();
  v["rooms"].as_array()[0].as_object().erase("name");
  EXPECT_EQ(instance_from_json(v).rooms.at(0).name, "gym1") << "a room without a name is called by its id";

  auto bad = v;
  bad["dates"] = json::array{"2026-11-23", "2026-02-30", "2026-11-25", "2026-11-26", "2026-11-27"};
  try {
    instance_from_json(bad);
    FAIL() << "accepted 30 February";
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("instance.dates[1]"), std::string::npos) << e.what();
  }
  bad["dates"] = json::array{"2026-11-23"};
  EXPECT_THROW(instance_from_json(bad), FormatError) << "one date for five days";
  bad["dates"] = json::array{"2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28"};  // Tue..Sat
  try {
    instance_from_json(bad);
    FAIL() << "accepted Tuesday 24 November as Mon";
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("2026-11-24 is a Tuesday, but the day is named \"Mon\""), std::string::npos)
        << e.what();
  }
  o.week_of = "next week";
  EXPECT_THROW(generate_instance(o), std::invalid_argument);
}

TEST(ScheduleJson, PlanRoundTripsWithClockTimes) {
  auto in = testing::tiny_day();
  in.staff = {testing::staff("pt1", "PT", 0, 12)};
  in.patients = {testing::patient("p1")};
  in.prescriptions = {testing::rx("p1-PT", "PT", {"p1"}, 1)};
  Plan plan;
  plan.sessions = {Session{"p1-PT", 0, 5, {"pt1"}, {}, "gym", true}};
  auto v = plan_to_json(in, plan);
  EXPECT_EQ(v.at("sessions").at(0).at("start").as_string(), "09:15");
  EXPECT_EQ(v.at("sessions").at(0).at("end").as_string(), "10:15");
  auto back = plan_from_json(in, v);
  ASSERT_EQ(back.sessions.size(), 1u);
  EXPECT_EQ(back.sessions[0].start, 5);
  EXPECT_TRUE(back.sessions[0].pinned);
  EXPECT_FALSE(back.given_until);
  EXPECT_EQ(v.as_object().if_contains("given_until"), nullptr);

  // A repair's "given until Mon 10:00" comes back as it went out.
  plan.given_until = Moment{0, 8};
  v = plan_to_json(in, plan);
  EXPECT_EQ(v.at("given_until").at("time").as_string(), "10:00");
  EXPECT_EQ(v.at("given_until").at("day_name").as_string(), "Mon");
  back = plan_from_json(in, v);
  ASSERT_TRUE(back.given_until);
  EXPECT_EQ(*back.given_until, (Moment{0, 8}));
  EXPECT_TRUE(back.given(back.sessions[0])) << "09:15 is before 10:00";
  v.as_object()["given_until"].as_object()["time"] = "25:00";
  EXPECT_THROW(plan_from_json(in, v), FormatError);
}

// What a plan says for people (activity, children, end, day name) must agree with its
// prescription: the board and the family sheet print it.
TEST(ScheduleJson, APlanWhoseReadableFieldsDisagreeWithItsPrescriptionIsRefused) {
  auto in = testing::tiny_day();
  in.staff = {testing::staff("pt1", "PT", 0, 12)};
  in.patients = {testing::patient("p1"), testing::patient("p2")};
  in.prescriptions = {testing::rx("p1-PT", "PT", {"p1"}, 1)};
  Plan plan;
  plan.sessions = {Session{"p1-PT", 0, 4, {"pt1"}, {}, "gym", false}};
  auto good = plan_to_json(in, plan);
  EXPECT_NO_THROW(plan_from_json(in, good));
  auto edit = [&](const char* key, json::value v) {
    auto bad = good;
    bad.at("sessions").as_array()[0].as_object()[key] = v;
    try {
      plan_from_json(in, bad);
      return std::string("accepted");
    } catch (const FormatError& e) {
      return std::string(e.what());
    }
  };
  EXPECT_NE(edit("activity", "acupuncture").find("sessions[0].activity"), std::string::npos);
  EXPECT_NE(edit("patients", json::array{"p2"}).find("sessions[0].patients"), std::string::npos);
  EXPECT_NE(edit("end", "11:00").find("ends at 10:00"), std::string::npos);
  EXPECT_NE(edit("day_name", "Tue").find("sessions[0].day_name"), std::string::npos);
}

TEST(ScheduleJson, EveryProblemIsReportedWithItsPath) {
  auto v = json::parse(R"({"days":["Mon"],"day_window":{"from":"08:00","to":"11:00"},
    "activities":[{"id":"PT","discipline":"PT","minutes":50,"rooms":["gym"]}],
    "rooms":[{"id":"gym","kind":"gym","capacity":1}],
    "staff":[{"id":"pt1","discipline":"PT","qualifications":["PT"],"hours":[{"from":"07:00","to":"10:00"}]}],
    "patients":[{"id":"p1"}],
    "prescriptions":[{"id":"x","activity":"PT","patients":["p1"]}]})");
  try {
    instance_from_json(v);
    FAIL() << "accepted a broken instance";
  } catch (const FormatError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("activities[0].minutes"), std::string::npos) << m;
    EXPECT_NE(m.find("staff[0].hours[0].from"), std::string::npos) << m;
    EXPECT_NE(m.find("prescriptions[0].per_week: missing"), std::string::npos) << m;
  }
}

// A preferred window from 11:00 to 09:00 was accepted and then charged every session.
TEST(ScheduleJson, AReversedPreferredWindowIsRefused) {
  auto in = instance_to_json(generate_instance({4, 13, 1, 1})).as_object();
  in["patients"].as_array()[0].as_object()["preferences"] =
      json::array{json::object{{"activity", "PT"}, {"from", "11:00"}, {"to", "09:00"}}};
  try {
    instance_from_json(in);
    FAIL() << "accepted a window that ends before it starts";
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("patients[0].preferences[0].to"), std::string::npos) << e.what();
  }
}

TEST(ScheduleJson, UnknownReferencesAreRejectedWhereTheyAre) {
  auto in = instance_to_json(generate_instance({4, 13, 1, 1})).as_object();
  in["prescriptions"].as_array()[0].as_object()["patients"] = json::array{"p01", "nobody"};
  in["continuity_disciplines"] = json::array{"PT", "astrology"};
  try {
    instance_from_json(in);
    FAIL() << "accepted an unknown patient";
  } catch (const FormatError& e) {
    std::string m = e.what();
    // The place in the file, so the board shows each beside what it is about.
    EXPECT_NE(m.find("instance.prescriptions[0].patients[1]: "), std::string::npos) << m;
    EXPECT_NE(m.find("unknown patient \"nobody\""), std::string::npos) << m;
    EXPECT_NE(m.find("instance.continuity_disciplines[1]: \"astrology\""), std::string::npos) << m;
  }
}

TEST(ScheduleJson, APlanOrTwoDaysOfOneNameIsNotAnInstance) {
  auto in = instance_to_json(generate_instance({4, 13, 2, 1})).as_object();
  auto plan = in;
  plan["format"] = "relief-schedule-plan/1";
  EXPECT_THROW(instance_from_json(plan), FormatError);
  auto twice = in;
  twice["days"] = json::array{"Mon", "Mon"};  // "day": "Mon" in an hours entry: which Monday?
  try {
    instance_from_json(twice);
    FAIL() << "accepted two days named Mon";
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("named twice"), std::string::npos) << e.what();
  }
  EXPECT_NO_THROW(instance_from_json(in));
}

TEST(ScheduleJson, NotJsonAtAllIsAFormatError) {
  EXPECT_THROW(read_json_file("/nonexistent/instance.json"), FormatError);
  EXPECT_THROW(instance_from_json(json::parse("[1,2]")), FormatError);
}

}  // namespace
}  // namespace relief::schedule
