// Change against a baseline (MCID, reliable change index, band movement) and the age/ability
// scale recommendation of shared/reference/clinical.md 1.1.
#include <gtest/gtest.h>

#include <cmath>

#include "core/errors.hpp"
#include "instrument_test_support.hpp"
#include "instruments/change.hpp"
#include "instruments/scale_recommendation.hpp"
#include "instruments/site_settings.hpp"

namespace relief::instruments {
namespace {
using testing::choose;
using testing::defaults;
using testing::shipped_library;
using testing::supplement;

TEST(ReliableChange, JacobsonTruaxByHand) {
  // SD 10, r 0.84: SEM = 10 x sqrt(0.16) = 4; S_diff = sqrt(2) x 4 = 5.657; (20 - 30) / 5.657 = -1.768
  EXPECT_NEAR(reliable_change_index(30, 20, 10, 0.84), -10 / (std::sqrt(2.0) * 4), 1e-12);
  EXPECT_NEAR(reliable_change_index(30, 18, 10, 0.84), -2.1213, 1e-4);
}

TEST(ReliableChange, FdiResponderNeedsReliableChangeAndABetterBand) {
  SiteSettings site;  // local norms, made up for the test
  site.supplements.push_back(supplement("fdi-child", "1991", R"({"change": {"total": {"sd": 10, "reliability": 0.84}}})"));
  auto library = shipped_library(site);
  const auto& fdi = library.get("fdi-child");
  auto big = assess_change(fdi, "total", 32, 20);  // severe -> moderate, RCI -2.12
  EXPECT_TRUE(big.improved);
  EXPECT_TRUE(big.reliable);
  EXPECT_TRUE(big.band_improved);
  EXPECT_TRUE(big.responder);
  auto small = assess_change(fdi, "total", 32, 22);  // RCI -1.77: not reliable
  EXPECT_FALSE(small.reliable);
  EXPECT_FALSE(small.responder);
  auto same_band = assess_change(fdi, "total", 29, 13);  // reliable, but moderate both times
  EXPECT_TRUE(same_band.reliable);
  EXPECT_FALSE(same_band.band_improved);
  EXPECT_FALSE(same_band.responder);
  // Without site norms there is no RCI, and the explanation says why.
  auto none = assess_change(defaults().get("fdi-child"), "total", 32, 20);
  EXPECT_FALSE(none.rci.has_value());
  EXPECT_NE(none.explanation.find("no RCI"), std::string::npos);
}

TEST(Mcid, NrsDefaultIsOnePointOrTwelveAndAHalfPercent) {
  const auto& nrs = defaults().get("nrs-11");
  EXPECT_TRUE(assess_change(nrs, "total", 6, 5).mcid_reached);   // 1 point
  EXPECT_FALSE(assess_change(nrs, "total", 6, 6).mcid_reached);
  EXPECT_TRUE(assess_change(nrs, "total", 6, 7).worsened);
  auto acute = shipped_library(choose("nrs-11", "mcid", "tsze_acute"));
  EXPECT_FALSE(assess_change(acute.get("nrs-11"), "total", 8, 7).mcid_reached);  // 1 point, 12.5%: below 2 / 20%
  EXPECT_TRUE(assess_change(acute.get("nrs-11"), "total", 8, 6).mcid_reached);
}

TEST(Mcid, PedsQlHigherIsBetter) {
  const auto& pedsql = defaults().get("pedsql-generic");
  auto c = assess_change(pedsql, "total", 60, 64.4);
  EXPECT_TRUE(c.improved);
  EXPECT_TRUE(c.mcid_reached);  // 4.4
  EXPECT_FALSE(assess_change(pedsql, "total", 60, 64.3).mcid_reached);
  EXPECT_THROW(assess_change(pedsql, "nonsense", 1, 2), ValidationError);
}

// Varni's 4.4 points is the child self-report total's MCID: a parent report of 25 -> 50 was
// said to reach it. For a parent report no MCID is applied, and the sentence says why.
TEST(Mcid, PedsQlsSelfReportMcidIsNotAppliedToParentReports) {
  const auto& pedsql = defaults().get("pedsql-generic");
  auto self = assess_change(pedsql, "total", 25, 50, Reporter::self);
  EXPECT_TRUE(self.mcid_reached);
  auto parent = assess_change(pedsql, "total", 25, 50, Reporter::parent);
  EXPECT_FALSE(parent.mcid_points.has_value());
  EXPECT_FALSE(parent.mcid_reached);
  EXPECT_NE(parent.explanation.find("no MCID is established for this reporter"), std::string::npos) << parent.explanation;
  EXPECT_NE(parent.explanation.find("improved by 25 points"), std::string::npos) << parent.explanation;
  // 1 of 6 is 16.7% (it read "16.6667%").
  EXPECT_NE(assess_change(defaults().get("nrs-11"), "total", 6, 5).explanation.find("improved by 1 point (16.7% of baseline)"),
            std::string::npos);
}

std::vector<RecommendationRule> rules() {
  return parse_recommendation_rules(read_json_file(std::string(RELIEF_INSTRUMENTS_DIR) + "/site-defaults/recommendation.json"));
}

PatientFacts child(int months) {
  PatientFacts p;
  p.age_months = months;
  return p;
}

TEST(Recommendation, FollowsTheDecisionTable) {
  auto nicu = child(1);
  nicu.in_nicu = true;
  EXPECT_EQ(recommend_scale(rules(), nicu).instrument, "n-pass");
  auto ventilated = child(60);
  ventilated.ventilated = true;
  EXPECT_EQ(recommend_scale(rules(), ventilated).instrument, "comfort-b");
  auto procedure = child(5);
  procedure.procedural = true;
  EXPECT_EQ(recommend_scale(rules(), procedure).instrument, "nips");
  auto impaired = child(120);
  impaired.cognitive_impairment = true;
  EXPECT_EQ(recommend_scale(rules(), impaired).instrument, "r-flacc");
  EXPECT_EQ(recommend_scale(rules(), child(30)).instrument, "flacc");  // pre-verbal toddler

  auto talker = [](int months) {
    auto p = child(months);
    p.can_self_report = true;
    return p;
  };
  EXPECT_EQ(recommend_scale(rules(), talker(40)).instrument, "wong-baker-faces");
  EXPECT_EQ(recommend_scale(rules(), talker(48)).instrument, "fps-r");
  EXPECT_EQ(recommend_scale(rules(), talker(95)).instrument, "fps-r");
  EXPECT_EQ(recommend_scale(rules(), talker(96)).instrument, "nrs-11");
  EXPECT_EQ(recommend_scale(rules(), talker(200)).instrument, "nrs-11");
}

TEST(Recommendation, SaysWhyAndLetsTheClinicianOverride) {
  auto r = recommend_scale(rules(), child(30));
  EXPECT_EQ(r.rule, "non-verbal");
  EXPECT_NE(r.reason.find("2 years 6 months"), std::string::npos);
  // One is one: "3 years 1 month" (it read "3 years 1 months").
  EXPECT_NE(recommend_scale(rules(), child(37)).reason.find("age 3 years 1 month:"), std::string::npos)
      << recommend_scale(rules(), child(37)).reason;
  EXPECT_NE(r.reason.find("FLACC"), std::string::npos);
  auto kept = choose_scale(r);
  EXPECT_EQ(kept.used, "flacc");
  EXPECT_FALSE(kept.overridden);
  auto other = choose_scale(r, "cheops", "postoperative, the unit's usual scale");
  EXPECT_EQ(other.used, "cheops");
  EXPECT_EQ(other.recommended, "flacc");
  EXPECT_TRUE(other.overridden);
  EXPECT_THROW(choose_scale(r, "cheops", ""), std::invalid_argument);
}

TEST(Recommendation, UnknownAbilityNeverEarnsSelfReportAndOlderNonVerbalHasNoRule) {
  auto r = recommend_scale(rules(), child(150));  // 12 years, ability unknown
  EXPECT_TRUE(r.instrument.empty());
  EXPECT_NE(r.reason.find("clinician chooses"), std::string::npos);
  EXPECT_THROW(choose_scale(r), std::invalid_argument);
  EXPECT_EQ(choose_scale(r, "flacc", "non-verbal adolescent").used, "flacc");
}

TEST(Recommendation, EveryRecommendedScaleIsDefined) {
  for (const auto& rule : rules()) EXPECT_NO_THROW(defaults().get(rule.recommend)) << rule.id;
}

TEST(Recommendation, BadRulesAreRefused) {
  EXPECT_THROW(parse_recommendation_rules(boost::json::parse(R"({"rules": [{"id": "x", "recommend": "flacc"}]})")),
               std::invalid_argument);  // no "because"
  EXPECT_THROW(parse_recommendation_rules(boost::json::parse(
                   R"({"rules": [{"id": "x", "when": {"age": 3}, "recommend": "flacc", "because": "b"}]})")),
               std::invalid_argument);
}

}  // namespace
}  // namespace relief::instruments
