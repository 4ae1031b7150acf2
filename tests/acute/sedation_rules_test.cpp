// Monitoring rules (clinical.md 3): sedation holds, respiratory rate by age, reassessment timers.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "acute_test_support.hpp"
#include "programs/acute/sedation_rules.hpp"

namespace relief::acute {
namespace {
using namespace testing;

MonitoringInput ten_year_old() {
  MonitoringInput in;
  in.age_months = 120;
  return in;
}

const Alert* find_alert(const MonitoringState& s, AlertKind kind) {
  for (const auto& a : s.alerts)
    if (a.kind == kind) return &a;
  return nullptr;
}

TEST(SedationRules, PossThreeRaisesHoldOpioidNotify) {
  auto in = ten_year_old();
  in.sedation.push_back({SedationScale::poss, "3", minutes_from_now(-5)});
  auto state = evaluate_monitoring(default_monitoring_settings(), in, kNow);
  ASSERT_EQ(state.alerts.size(), 1u);
  const auto& a = state.alerts[0];
  EXPECT_EQ(a.kind, AlertKind::sedation_hold);
  EXPECT_EQ(a.rule, "sedation/poss-hold");
  EXPECT_TRUE(contains(a.message, "hold the opioid")) << a.message;
  EXPECT_TRUE(contains(a.message, "notify")) << a.message;
  EXPECT_EQ(a.observed_at, minutes_from_now(-5));
  EXPECT_DOUBLE_EQ(a.threshold->value, 3);
  EXPECT_TRUE(contains(a.source, "[S86]"));
}

TEST(SedationRules, AcceptableLevelsRaiseNothingAndPossFourStops) {
  for (const char* level : {"S", "1", "2"}) {
    auto in = ten_year_old();
    in.sedation.push_back({SedationScale::poss, level, kNow});
    EXPECT_TRUE(evaluate_monitoring(default_monitoring_settings(), in, kNow).alerts.empty()) << level;
  }
  auto in = ten_year_old();
  in.sedation.push_back({SedationScale::poss, "4", kNow});
  auto state = evaluate_monitoring(default_monitoring_settings(), in, kNow);
  const Alert* stop = find_alert(state, AlertKind::sedation_stop);
  ASSERT_NE(stop, nullptr);
  EXPECT_TRUE(contains(stop->message, "naloxone"));
  in.sedation[0].level = "5";
  EXPECT_THROW(evaluate_monitoring(default_monitoring_settings(), in, kNow), ValidationError);
}

TEST(SedationRules, OnlyTheLatestSedationScoreCounts) {
  auto in = ten_year_old();
  in.sedation.push_back({SedationScale::poss, "3", minutes_from_now(-60)});
  in.sedation.push_back({SedationScale::poss, "2", minutes_from_now(-10)});
  EXPECT_TRUE(evaluate_monitoring(default_monitoring_settings(), in, kNow).alerts.empty());
}

TEST(SedationRules, UmssThreeHoldsAndTheThresholdIsASiteSetting) {
  MonitoringInput in;
  in.age_months = 30;
  in.sedation.push_back({SedationScale::umss, "3", kNow});
  EXPECT_NE(find_alert(evaluate_monitoring(default_monitoring_settings(), in, kNow), AlertKind::sedation_hold), nullptr);
  in.sedation[0].level = "2";
  EXPECT_TRUE(evaluate_monitoring(default_monitoring_settings(), in, kNow).alerts.empty());
  auto strict = default_monitoring_settings();
  strict.umss_hold_at = 2;
  EXPECT_NE(find_alert(evaluate_monitoring(strict, in, kNow), AlertKind::sedation_hold), nullptr);
}

TEST(SedationRules, RassHoldsOnlyWhenTheSiteEnablesIt) {
  auto in = ten_year_old();
  in.sedation.push_back({SedationScale::rass, "-3", kNow});
  auto off = evaluate_monitoring(default_monitoring_settings(), in, kNow);
  EXPECT_EQ(find_alert(off, AlertKind::sedation_hold), nullptr);
  EXPECT_NE(find_alert(off, AlertKind::sedation_unmonitored), nullptr);
  auto on = default_monitoring_settings();
  on.rass_hold_at_or_below = -2;
  EXPECT_NE(find_alert(evaluate_monitoring(on, in, kNow), AlertKind::sedation_hold), nullptr);
  in.sedation[0].level = "-1";
  EXPECT_TRUE(evaluate_monitoring(on, in, kNow).alerts.empty());
}

TEST(SedationRules, SeverePainMakesAReassessmentDueInSixtyMinutesOverdueAfter) {
  auto in = ten_year_old();
  const Instant scored = kNow;
  in.pain.push_back({8, "NRS-11", scored});
  const auto settings = default_monitoring_settings();
  const Instant due = Instant{scored.ms + 60 * 60'000};

  auto at_60 = evaluate_monitoring(settings, in, minutes_from_now(60));
  ASSERT_EQ(at_60.due.size(), 1u);
  EXPECT_EQ(at_60.due[0].due, due);
  EXPECT_FALSE(at_60.due[0].overdue);
  EXPECT_DOUBLE_EQ(at_60.due[0].triggering_score, 8);

  auto at_61 = evaluate_monitoring(settings, in, minutes_from_now(61));
  ASSERT_EQ(at_61.due.size(), 1u);
  EXPECT_EQ(at_61.due[0].due, due);
  EXPECT_TRUE(at_61.due[0].overdue);
  EXPECT_TRUE(contains(at_61.due[0].message, "overdue"));

  // A new pain score answers it; a severe one starts a new timer from its own time.
  in.pain.push_back({3, "NRS-11", minutes_from_now(40)});
  EXPECT_TRUE(evaluate_monitoring(settings, in, minutes_from_now(61)).due.empty());
  in.pain.push_back({7, "NRS-11", minutes_from_now(50)});
  auto again = evaluate_monitoring(settings, in, minutes_from_now(61));
  ASSERT_EQ(again.due.size(), 1u);
  EXPECT_EQ(again.due[0].due, minutes_from_now(110));
  EXPECT_FALSE(again.due[0].overdue);
}

// A neonate's NIPS of 6 (of 7, severe from 5 [S38]) started no timer: only 0-10 scores were
// read. Each behavioural scale now has its own cut-off; a NIPS of 4 (pain, not severe) has none,
// nor does a CHEOPS of 7 (below "requires analgesia", 8).
TEST(SedationRules, ANeonatalScaleStartsTheReassessmentAtItsOwnCutoff) {
  auto in = ten_year_old();
  in.pain.push_back({6, "nips-total", kNow});
  auto state = evaluate_monitoring(default_monitoring_settings(), in, kNow);
  ASSERT_EQ(state.due.size(), 1u);
  EXPECT_EQ(state.due[0].due, minutes_from_now(60));
  EXPECT_TRUE(contains(state.due[0].message, "NIPS 6 (of 0-7) is at or above 5")) << state.due[0].message;
  in.pain.back() = {4, "nips-total", kNow};
  EXPECT_TRUE(evaluate_monitoring(default_monitoring_settings(), in, kNow).due.empty());
  in.pain.back() = {7, "cheops-total", kNow};
  EXPECT_TRUE(evaluate_monitoring(default_monitoring_settings(), in, kNow).due.empty());
  in.pain.back() = {8, "cheops-total", kNow};
  EXPECT_EQ(evaluate_monitoring(default_monitoring_settings(), in, kNow).due.size(), 1u);
}

TEST(SedationRules, ModeratePainNeedsNoEarlyReassessmentUnlessTheSiteLowersTheThreshold) {
  auto in = ten_year_old();
  in.pain.push_back({6, "FPS-R", kNow});
  EXPECT_TRUE(evaluate_monitoring(default_monitoring_settings(), in, kNow).due.empty());
  auto site = default_monitoring_settings();
  site.severe_pain_at = 6;
  site.reassess_within_min = 30;
  auto state = evaluate_monitoring(site, in, kNow);
  ASSERT_EQ(state.due.size(), 1u);
  EXPECT_EQ(state.due[0].due, minutes_from_now(30));
}

TEST(SedationRules, RespiratoryRateBelowTheAgeBandRaisesAnAlert) {
  MonitoringInput three;
  three.age_months = 36;  // default band 1-5 years: 16/min
  three.respiratory_rate.push_back({12, kNow});
  auto state = evaluate_monitoring(default_monitoring_settings(), three, kNow);
  const Alert* a = find_alert(state, AlertKind::respiratory_rate_low);
  ASSERT_NE(a, nullptr);
  EXPECT_DOUBLE_EQ(a->threshold->value, 16);
  EXPECT_TRUE(contains(a->source, "must confirm"));
  three.respiratory_rate[0].value = 18;
  EXPECT_TRUE(evaluate_monitoring(default_monitoring_settings(), three, kNow).alerts.empty());
  MonitoringInput teen;
  teen.age_months = 180;  // 12/min from 13 years
  teen.respiratory_rate.push_back({12, kNow});
  EXPECT_TRUE(evaluate_monitoring(default_monitoring_settings(), teen, kNow).alerts.empty());
  teen.respiratory_rate[0].value = 11;
  EXPECT_NE(find_alert(evaluate_monitoring(default_monitoring_settings(), teen, kNow), AlertKind::respiratory_rate_low), nullptr);
}

TEST(SedationRules, SpO2AlertsOnlyWhereTheSiteSetsAMinimum) {
  auto in = ten_year_old();
  in.spo2.push_back({89, kNow});
  EXPECT_TRUE(evaluate_monitoring(default_monitoring_settings(), in, kNow).alerts.empty());
  auto site = default_monitoring_settings();
  site.spo2_minimum = 92;
  EXPECT_NE(find_alert(evaluate_monitoring(site, in, kNow), AlertKind::spo2_low), nullptr);
}

TEST(SedationRules, SiteSettingsParseAndAreValidated) {
  auto s = parse_monitoring_settings(boost::json::parse(R"({
    "ward_scale": "umss", "rass_hold_at_or_below": -2, "severe_pain_at": 6, "spo2_minimum": 93,
    "respiratory_rate_minimum": [{"min_age_months": 0, "max_age_months": 24, "min_rate": 22},
                                 {"min_age_months": 24, "max_age_months": null, "min_rate": 14}],
    "respiratory_rate_source": "site PCA policy 2025"})"));
  EXPECT_EQ(s.ward_scale, SedationScale::umss);
  EXPECT_EQ(s.rass_hold_at_or_below, -2);
  EXPECT_EQ(s.respiratory_rate_minimum.size(), 2u);
  EXPECT_EQ(s.poss_hold_at, 3);  // not given: the default stays
  auto problems = [](const char* text) {
    try {
      parse_monitoring_settings(boost::json::parse(text));
    } catch (const ValidationError& e) {
      return e.problems();
    }
    return std::vector<Problem>{};
  };
  EXPECT_FALSE(problems(R"({"poss_hold_at": 5})").empty());
  EXPECT_FALSE(problems(R"({"ward_scale": "rass"})").empty());
  EXPECT_FALSE(problems(R"({"unknown": 1})").empty());
  // A gap between bands leaves some children without a threshold.
  EXPECT_FALSE(problems(R"({"respiratory_rate_minimum": [{"min_age_months": 0, "max_age_months": 12, "min_rate": 20},
      {"min_age_months": 24, "max_age_months": null, "min_rate": 12}], "respiratory_rate_source": "x"})").empty());
  // New thresholds must say where they come from.
  EXPECT_FALSE(problems(R"({"respiratory_rate_minimum": [{"min_age_months": 0, "max_age_months": null, "min_rate": 12}]})").empty());
  EXPECT_TRUE(validate_monitoring_settings(default_monitoring_settings()).empty());
}

}  // namespace
}  // namespace relief::acute
