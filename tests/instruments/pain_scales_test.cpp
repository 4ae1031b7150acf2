// Worked examples for the pain intensity and behavioural pain scales, from the published scoring
// rules quoted in shared/reference/clinical.md 1.2 (totals computed by hand in each comment).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <vector>

#include "core/errors.hpp"
#include "instrument_test_support.hpp"

namespace relief::instruments {
namespace {
using testing::choose;
using testing::score_json;
using testing::shipped_library;

std::string band(const ScoreResult& r) { return r.total().band ? r.total().band->label : "(none)"; }

bool refused_naming(const std::string& id, const std::string& request, const std::string& field) {
  try {
    score_json(id, request);
  } catch (const ValidationError& e) {
    for (const auto& p : e.problems())
      if (p.field == field) return true;
    ADD_FAILURE() << "refused, but not for " << field << ": " << e.what();
    return false;
  }
  return false;
}

TEST(Nrs, ScoresTheRatingAndItsCommonBand) {
  auto r = score_json("nrs-11", R"({"answers": {"pain": 7}, "age_months": 150})");
  EXPECT_EQ(*r.total().value, 7);
  EXPECT_EQ(band(r), "severe");
  EXPECT_EQ(band(score_json("nrs-11", R"({"answers": {"pain": 0}})")), "no pain");
  EXPECT_EQ(band(score_json("nrs-11", R"({"answers": {"pain": 3}})")), "mild");
  EXPECT_EQ(band(score_json("nrs-11", R"({"answers": {"pain": 4}})")), "moderate");
  EXPECT_EQ(band(score_json("nrs-11", R"({"answers": {"pain": 6}})")), "moderate");
  EXPECT_TRUE(r.warnings.empty());
}

TEST(Nrs, RefusesElevenAndFractionsNamingTheItem) {
  EXPECT_TRUE(refused_naming("nrs-11", R"({"answers": {"pain": 11}})", "answers.pain"));
  EXPECT_TRUE(refused_naming("nrs-11", R"({"answers": {"pain": 3.5}})", "answers.pain"));
  EXPECT_TRUE(refused_naming("nrs-11", R"({"answers": {"pian": 3}})", "answers.pian"));
}

TEST(Nrs, WorstPainBandsAreASiteSetting) {
  // Miro 2017 worst-pain cut-offs: 0-4 mild, 5-6 moderate, 7-10 severe.
  auto library = shipped_library(choose("nrs-11", "bands", "miro_worst"));
  EXPECT_EQ(band(score_json(library, "nrs-11", R"({"answers": {"pain": 4}})")), "mild");
  EXPECT_EQ(band(score_json(library, "nrs-11", R"({"answers": {"pain": 5}})")), "moderate");
  EXPECT_EQ(score_json(library, "nrs-11", R"({"answers": {"pain": 5}})").settings.at("bands"), "miro_worst");
}

TEST(Nrs, YoungChildGetsAnAgeWarningNotARefusal) {
  auto r = score_json("nrs-11", R"({"answers": {"pain": 2}, "age_months": 40})");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("outside the validated range"), std::string::npos);
}

TEST(NeedlePain, IsAZeroToTenSelfReport) {
  auto r = score_json("needle-pain-nrs", R"({"answers": {"needle_pain": 1}, "reporter": "self"})");
  EXPECT_EQ(*r.total().value, 1);
  EXPECT_EQ(band(r), "mild");
  EXPECT_TRUE(refused_naming("needle-pain-nrs", R"({"answers": {"needle_pain": 1}, "reporter": "parent"})", "reporter"));
}

TEST(FpsR, TakesOnlyTheSixFaceScores) {
  EXPECT_EQ(*score_json("fps-r", R"({"answers": {"face": 4}})").total().value, 4);
  EXPECT_EQ(*score_json("fps-r", R"({"answers": {"face": 10}})").total().value, 10);
  EXPECT_TRUE(refused_naming("fps-r", R"({"answers": {"face": 5}})", "answers.face"));
  // The German ICU consensus allows odd values: a site setting, off by default.
  auto library = shipped_library(choose("fps-r", "odd_values", "german_icu_consensus"));
  EXPECT_EQ(*score_json(library, "fps-r", R"({"answers": {"face": 5}})").total().value, 5);
}

TEST(FpsR, UpperAgeIsASiteSetting) {
  const std::string at_14 = R"({"answers": {"face": 2}, "age_months": 170})";
  EXPECT_EQ(score_json("fps-r", at_14).warnings.size(), 1u);  // 4-12 by default
  auto library = shipped_library(choose("fps-r", "age_range", "iasp_4_16"));
  EXPECT_TRUE(score_json(library, "fps-r", at_14).warnings.empty());
}

TEST(WongBaker, IsSelfReportOnly) {
  EXPECT_EQ(*score_json("wong-baker-faces", R"({"answers": {"face": 6}, "reporter": "self"})").total().value, 6);
  EXPECT_TRUE(refused_naming("wong-baker-faces", R"({"answers": {"face": 6}, "reporter": "clinician"})", "reporter"));
  EXPECT_TRUE(refused_naming("wong-baker-faces", R"({"answers": {"face": 3}})", "answers.face"));
}

TEST(Flacc, WorkedExampleFromTheIssue) {
  // face 1 + legs 2 + activity 1 + cry 1 + consolability 1 = 6
  auto r = score_json("flacc", R"({"answers": {"face": 1, "legs": 2, "activity": 1, "cry": 1, "consolability": 1},
                                  "age_months": 30, "reporter": "clinician"})");
  EXPECT_EQ(*r.total().value, 6);
  EXPECT_EQ(band(r), "moderate pain");
  EXPECT_EQ(r.total().missing.decision, "complete");
  EXPECT_EQ(r.version, "1997");
}

// Answers to the named 0-2 categories that add up to `total` (filled from the first category).
std::string spread(const std::vector<std::string>& items, int total, int per_item_max = 2) {
  std::string out;
  for (const auto& item : items) {
    int v = std::min(per_item_max, total);
    total -= v;
    out += (out.empty() ? "" : ", ") + ("\"" + item + "\": " + std::to_string(v));
  }
  return "{\"answers\": {" + out + "}}";
}
const std::vector<std::string> kFlacc{"face", "legs", "activity", "cry", "consolability"};

TEST(Flacc, BoundariesOfEachBandUnderBothSettings) {
  // [S2]: 0 relaxed, 1-3 mild, 4-6 moderate, 7-10 severe.
  const std::map<int, std::string> s2{{0, "relaxed and comfortable"}, {1, "mild discomfort"}, {3, "mild discomfort"},
                                      {4, "moderate pain"}, {6, "moderate pain"}, {7, "severe pain"}, {10, "severe pain"}};
  for (const auto& [total, label] : s2) {
    auto r = score_json("flacc", spread(kFlacc, total));
    EXPECT_EQ(*r.total().value, total);
    EXPECT_EQ(band(r), label) << "total " << total;
  }
  // [S29]: 1-3 mild, 4-7 moderate, 8-10 severe.
  auto library = shipped_library(choose("flacc", "bands", "alternative_s29"));
  const std::map<int, std::string> s29{{7, "moderate pain"}, {8, "severe pain"}, {3, "mild discomfort"}};
  for (const auto& [total, label] : s29) EXPECT_EQ(band(score_json(library, "flacc", spread(kFlacc, total))), label);
}

TEST(Flacc, OneCategoryMissingIsNotScored) {
  auto r = score_json("flacc", R"({"answers": {"face": 1, "legs": 2, "activity": 1, "cry": 1}})");
  EXPECT_FALSE(r.total().value.has_value());
  EXPECT_EQ(r.total().missing.decision, "not_scored");
  ASSERT_EQ(r.total().missing.missing.size(), 1u);
  EXPECT_EQ(r.total().missing.missing[0], "consolability");
  EXPECT_NE(r.total().missing.rule.find("every item"), std::string::npos);
}

TEST(Flacc, AllMissingIsNotScored) {
  auto r = score_json("flacc", R"({"answers": {}})");
  EXPECT_FALSE(r.total().value.has_value());
  EXPECT_EQ(r.total().missing.answered, 0);
  auto nulls = score_json("flacc", R"({"answers": {"face": null, "legs": null}})");
  EXPECT_FALSE(nulls.total().value.has_value());
}

TEST(Flacc, OutOfRangeAnswerNamesTheCategory) {
  try {
    score_json("flacc", R"({"answers": {"face": 1, "legs": 3, "activity": 1, "cry": -1, "consolability": 1}})");
    FAIL() << "legs 3 and cry -1 must be refused";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_EQ(e.problems()[0].field, "answers.cry");
    EXPECT_EQ(e.problems()[1].field, "answers.legs");
    EXPECT_NE(e.problems()[1].message.find("0, 1 or 2"), std::string::npos);
  }
}

TEST(Flacc, TakesNoIndividualDescriptorsButRFlaccDoes) {
  const std::string with = R"({"answers": {"face": 2, "legs": 1, "activity": 1, "cry": 0, "consolability": 1},
                               "individual_descriptors": {"face": ["clenches jaw"], "activity": ["rocks side to side"]}})";
  EXPECT_TRUE(refused_naming("flacc", with, "individual_descriptors"));
  auto r = score_json("r-flacc", with);
  EXPECT_EQ(*r.total().value, 5);
  EXPECT_EQ(r.individual_descriptors.at("activity").at(0), "rocks side to side");
  EXPECT_TRUE(refused_naming("r-flacc", R"({"answers": {}, "individual_descriptors": {"mood": ["x"]}})",
                             "individual_descriptors.mood"));
}

TEST(Cheops, RangeIsFourToThirteen) {
  // cry 3 (scream) + facial 2 + child verbal 2 + torso 2 + touch 2 + legs 2 = 13
  auto most = score_json("cheops", R"({"answers": {"cry": 3, "facial": 2, "child_verbal": 2, "torso": 2, "touch": 2, "legs": 2}})");
  EXPECT_EQ(*most.total().value, 13);
  // cry 1 (no cry) + facial 0 + child verbal 0 + torso 1 + touch 1 + legs 1 = 4
  auto least = score_json("cheops", R"({"answers": {"cry": 1, "facial": 0, "child_verbal": 0, "torso": 1, "touch": 1, "legs": 1}})");
  EXPECT_EQ(*least.total().value, 4);
  EXPECT_EQ(band(least), "no pain indicated");
  EXPECT_TRUE(refused_naming("cheops", R"({"answers": {"cry": 1, "facial": 0, "child_verbal": 0, "torso": 0, "touch": 1, "legs": 1}})",
                             "answers.torso"));
}

TEST(Cheops, ActionThresholdsFollowTheSiteSetting) {
  const std::string five = R"({"answers": {"cry": 2, "facial": 0, "child_verbal": 0, "torso": 1, "touch": 1, "legs": 1}})";
  const std::string eight = R"({"answers": {"cry": 2, "facial": 1, "child_verbal": 1, "torso": 2, "touch": 1, "legs": 1}})";
  EXPECT_EQ(band(score_json("cheops", five)), "consider analgesia");  // MDCalc: >= 5
  auto physiopedia = shipped_library(choose("cheops", "action_threshold", "physiopedia_5_8"));
  EXPECT_EQ(band(score_json(physiopedia, "cheops", eight)), "analgesic required");
  EXPECT_EQ(band(score_json(physiopedia, "cheops", five)), "consider analgesia");
  auto six = shipped_library(choose("cheops", "action_threshold", "threshold_6"));
  EXPECT_EQ(band(score_json(six, "cheops", five)), "below the analgesia threshold");
}

TEST(Nips, WorkedExampleIsAboveTheThresholdOfThree) {
  // facial 1 + cry 2 + breathing 1 + arms 1 + legs 1 + arousal 0 = 6 (> 3: pain)
  auto r = score_json("nips", R"({"answers": {"facial_expression": 1, "cry": 2, "breathing_patterns": 1, "arms": 1,
                                              "legs": 1, "state_of_arousal": 0}})");
  EXPECT_EQ(*r.total().value, 6);
  EXPECT_EQ(band(r), "pain (> 3)");
  ASSERT_EQ(r.flags.size(), 1u);
  EXPECT_EQ(r.flags[0].id, "pain");
}

TEST(Nips, PublishedCategoryNamesAreAcceptedAsWritten) {
  // "Facial Expression" as printed on the tool, in any case, with spaces: the same item.
  auto r = score_json("nips", R"({"answers": {"Facial Expression": 1, "cry": 2, "breathing patterns": 1, "Arms": 1,
                                              "legs": 1, "State of Arousal": 0}})");
  EXPECT_EQ(*r.total().value, 6);
  // Two names of one item are two answers to it: which would the chart show? Refused, whichever
  // order they come in (it used to score 7 or 6 by the order).
  for (const char* pair : {R"("state_of_arousal": 0, "State of Arousal": 1)", R"("State of Arousal": 1, "state_of_arousal": 0)"}) {
    const std::string request = std::string(R"({"answers": {"facial_expression": 1, "cry": 2, "breathing_patterns": 1,
        "arms": 1, "legs": 1, )") + pair + "}}";
    EXPECT_THROW(score_json("nips", request), ValidationError) << pair;
  }
}

TEST(Nips, ThreeIsNotPainFourIs) {
  const std::vector<std::string> items{"cry", "facial_expression", "breathing_patterns", "arms", "legs", "state_of_arousal"};
  auto answers = [&](int total) {
    std::string out;
    int left = total;
    for (const auto& i : items) {
      int v = std::min(i == "cry" ? 2 : 1, left);
      left -= v;
      out += (out.empty() ? "" : ", ") + ("\"" + i + "\": " + std::to_string(v));
    }
    return "{\"answers\": {" + out + "}}";
  };
  EXPECT_TRUE(score_json("nips", answers(3)).flags.empty());
  EXPECT_EQ(score_json("nips", answers(4)).flags.size(), 1u);
  EXPECT_EQ(*score_json("nips", answers(7)).total().value, 7);
  auto three_band = shipped_library(choose("nips", "bands", "three_band"));
  EXPECT_EQ(band(score_json(three_band, "nips", answers(2))), "no pain");
  EXPECT_EQ(band(score_json(three_band, "nips", answers(3))), "mild to moderate pain");
  EXPECT_EQ(band(score_json(three_band, "nips", answers(4))), "mild to moderate pain");
  EXPECT_EQ(band(score_json(three_band, "nips", answers(5))), "severe pain");
}

std::string npass(const std::string& extra) {
  // pain side: crying 2 + behaviour 1 + face 1 + extremities 2 + vital signs 0 = 6
  return R"({"answers": {"crying_irritability.pain": 2, "behavior_state.pain": 1, "facial_expression.pain": 1,
                         "extremities_tone.pain": 2, "vital_signs.pain": 0})" +
         extra + "}";
}

TEST(NPass, ToolSheetPrematurityPoints) {
  // +3 below 28 weeks, +2 at 28-31, +1 at 32-35, none from 36.
  EXPECT_EQ(*score_json("n-pass", npass(R"(, "gestational_age_weeks": 27)")).total().value, 9);
  EXPECT_EQ(*score_json("n-pass", npass(R"(, "gestational_age_weeks": 28)")).total().value, 8);
  EXPECT_EQ(*score_json("n-pass", npass(R"(, "gestational_age_weeks": 31.9)")).total().value, 8);
  EXPECT_EQ(*score_json("n-pass", npass(R"(, "gestational_age_weeks": 32)")).total().value, 7);
  EXPECT_EQ(*score_json("n-pass", npass(R"(, "gestational_age_weeks": 35)")).total().value, 7);
  EXPECT_EQ(*score_json("n-pass", npass(R"(, "gestational_age_weeks": 36)")).total().value, 6);
  auto r = score_json("n-pass", npass(R"(, "gestational_age_weeks": 30)"));
  ASSERT_EQ(r.total().notes.size(), 1u);
  EXPECT_NE(r.total().notes[0].find("+2"), std::string::npos);
  EXPECT_EQ(r.flags.size(), 1u);  // > 3: intervene
}

TEST(NPass, PrematurityWithoutGestationalAgeIsRefused) {
  EXPECT_TRUE(refused_naming("n-pass", npass(""), "gestational_age_weeks"));
}

TEST(NPass, LoincAndNoPrematurityAlternatives) {
  auto loinc = shipped_library(choose("n-pass", "prematurity", "loinc"));
  EXPECT_EQ(*score_json(loinc, "n-pass", npass(R"(, "gestational_age_weeks": 29)")).total().value, 7);  // +1 below 30
  EXPECT_EQ(*score_json(loinc, "n-pass", npass(R"(, "gestational_age_weeks": 30)")).total().value, 6);
  auto none = shipped_library(choose("n-pass", "prematurity", "none"));
  EXPECT_EQ(*score_json(none, "n-pass", npass("")).total().value, 6);
}

TEST(NPass, SedationSideIsOptionalAndNegative) {
  // One mark per criterion: every criterion marked on the pain side (or 0) is 0 on the sedation side.
  auto without = score_json("n-pass", npass(R"(, "gestational_age_weeks": 38)"));
  EXPECT_EQ(*without.scale("sedation")->value, 0);
  EXPECT_EQ(*without.total().value, 6);
  // sedation: -2 + -1 + -1 + 0 + -2 = -6
  auto with = score_json("n-pass", R"({"answers": {"crying_irritability.pain": 0, "behavior_state.pain": 0,
      "facial_expression.pain": 0, "extremities_tone.pain": 0, "vital_signs.pain": 0,
      "crying_irritability.sedation": -2, "behavior_state.sedation": -1, "facial_expression.sedation": -1,
      "extremities_tone.sedation": 0, "vital_signs.sedation": -2}, "gestational_age_weeks": 40})");
  EXPECT_EQ(*with.scale("sedation")->value, -6);
  EXPECT_EQ(*with.total().value, 0);
  EXPECT_TRUE(refused_naming("n-pass", R"({"answers": {"vital_signs.sedation": 1}})", "answers.vital_signs.sedation"));
}

TEST(NPass, ACriterionIsGradedTowardsPainOrTowardsSedationNotBoth) {
  // A high-pitched inconsolable cry (+2) and no cry to painful stimuli (-2) cannot both be true.
  EXPECT_TRUE(refused_naming("n-pass", R"({"answers": {"crying_irritability.pain": 2, "behavior_state.pain": 0,
      "facial_expression.pain": 0, "extremities_tone.pain": 0, "vital_signs.pain": 0,
      "crying_irritability.sedation": -2}, "gestational_age_weeks": 38})", "answers.crying_irritability.sedation"));
  // Each criterion on one side: pain 1 (behaviour state), sedation -2 + -1 = -3.
  auto mixed = score_json("n-pass", R"({"answers": {"crying_irritability.pain": 0, "behavior_state.pain": 1,
      "facial_expression.pain": 0, "extremities_tone.pain": 0, "vital_signs.pain": 0,
      "crying_irritability.sedation": -2, "behavior_state.sedation": 0, "facial_expression.sedation": -1,
      "extremities_tone.sedation": 0, "vital_signs.sedation": 0}, "gestational_age_weeks": 38})");
  EXPECT_EQ(*mixed.scale("pain")->value, 1);
  EXPECT_EQ(*mixed.scale("sedation")->value, -3);
}

TEST(NPass, AFormMaySendOnlyTheMarkedSideOfEachCriterion) {
  // The sheet's one mark per row: crying -2 and vital signs -1 towards sedation, behaviour +1 and
  // face +1 towards pain, extremities 0. Pain 1 + 1 = 2, sedation -2 + -1 = -3, nothing missing.
  auto marked = score_json("n-pass", R"({"answers": {"crying_irritability.sedation": -2, "vital_signs.sedation": -1,
      "behavior_state.pain": 1, "facial_expression.pain": 1, "extremities_tone.pain": 0}, "gestational_age_weeks": 38})");
  EXPECT_EQ(*marked.scale("pain")->value, 2);
  EXPECT_EQ(*marked.scale("sedation")->value, -3);
  EXPECT_EQ(marked.scale("pain")->missing.decision, "complete");
  // A deeply sedated term infant, the sedation side alone: sedation -10, pain 0.
  auto sedated = score_json("n-pass", R"({"answers": {"crying_irritability.sedation": -2, "behavior_state.sedation": -2,
      "facial_expression.sedation": -2, "extremities_tone.sedation": -2, "vital_signs.sedation": -2},
      "gestational_age_weeks": 40})");
  EXPECT_EQ(*sedated.scale("sedation")->value, -10);
  EXPECT_EQ(*sedated.total().value, 0);
  // A criterion not marked at all is still missing.
  auto partial = score_json("n-pass", R"({"answers": {"crying_irritability.pain": 2}, "gestational_age_weeks": 40})");
  EXPECT_NE(partial.scale("pain")->missing.decision, "complete");
}

TEST(ComfortB, SixItemsWithRespirationOrCrying) {
  // alertness 3 + calmness 2 + respiratory 3 + movement 2 + tone 3 + face 2 = 15
  auto ventilated = score_json("comfort-b", R"({"answers": {"alertness": 3, "calmness_agitation": 2, "respiratory_response": 3,
      "physical_movement": 2, "muscle_tone": 3, "facial_tension": 2}})");
  EXPECT_EQ(*ventilated.total().value, 15);
  EXPECT_EQ(band(ventilated), "adequate sedation");
  auto breathing = score_json("comfort-b", R"({"answers": {"alertness": 3, "calmness_agitation": 2, "crying": 3,
      "physical_movement": 2, "muscle_tone": 3, "facial_tension": 2}})");
  EXPECT_EQ(*breathing.total().value, 15);
  EXPECT_TRUE(refused_naming("comfort-b", R"({"answers": {"respiratory_response": 3, "crying": 2}})", "answers.crying"));
  auto neither = score_json("comfort-b", R"({"answers": {"alertness": 3, "calmness_agitation": 2,
      "physical_movement": 2, "muscle_tone": 3, "facial_tension": 2}})");
  EXPECT_FALSE(neither.total().value.has_value());
  EXPECT_EQ(neither.total().missing.missing.at(0), "respiratory_response | crying");
}

std::string comfort(int total) {
  std::vector<int> v(6, 1);
  for (int left = total - 6, i = 0; left > 0; ++i) {
    int add = std::min(4, left);
    v[i] += add;
    left -= add;
  }
  return "{\"answers\": {\"alertness\": " + std::to_string(v[0]) + ", \"calmness_agitation\": " + std::to_string(v[1]) +
         ", \"crying\": " + std::to_string(v[2]) + ", \"physical_movement\": " + std::to_string(v[3]) +
         ", \"muscle_tone\": " + std::to_string(v[4]) + ", \"facial_tension\": " + std::to_string(v[5]) + "}}";
}

TEST(ComfortB, InclusiveAndExclusiveBoundaries) {
  EXPECT_EQ(*score_json("comfort-b", comfort(6)).total().value, 6);
  EXPECT_EQ(band(score_json("comfort-b", comfort(10))), "oversedation");
  EXPECT_EQ(band(score_json("comfort-b", comfort(11))), "adequate sedation");
  EXPECT_EQ(band(score_json("comfort-b", comfort(22))), "adequate sedation");
  EXPECT_EQ(band(score_json("comfort-b", comfort(23))), "distress / undersedation");
  auto exclusive = shipped_library(choose("comfort-b", "bands", "exclusive"));
  EXPECT_EQ(band(score_json(exclusive, "comfort-b", comfort(9))), "oversedation");
  EXPECT_EQ(band(score_json(exclusive, "comfort-b", comfort(10))), "adequate sedation");
  EXPECT_EQ(band(score_json(exclusive, "comfort-b", comfort(23))), "adequate sedation");
  EXPECT_EQ(band(score_json(exclusive, "comfort-b", comfort(24))), "distress / undersedation");
}

TEST(ComfortB, SeventeenFlagsPainInTheYoung) {
  EXPECT_TRUE(score_json("comfort-b", comfort(16)).flags.empty());
  auto r = score_json("comfort-b", comfort(17));
  ASSERT_EQ(r.flags.size(), 1u);
  EXPECT_EQ(r.flags[0].id, "pain_0_3y");
  // With the age unknown the flag stands, and a warning says the cut-off may not apply.
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("age not given"), std::string::npos) << r.warnings[0];
  // The cut-off was derived in children under 3 (Valkenburg 2011: "younger than 3"): a child of
  // 35 months is flagged; a 3-year-old and a ventilated 12-year-old with the same 17 are not.
  auto with_age = [](int total, int months) {
    auto request = comfort(total);
    request.insert(request.size() - 1, ", \"age_months\": " + std::to_string(months));
    return score_json("comfort-b", request);
  };
  EXPECT_EQ(with_age(17, 35).flags.size(), 1u);
  EXPECT_TRUE(with_age(17, 35).warnings.empty());
  EXPECT_TRUE(with_age(17, 36).flags.empty());
  EXPECT_TRUE(with_age(17, 47).flags.empty());
  EXPECT_TRUE(with_age(17, 150).flags.empty());
}

}  // namespace
}  // namespace relief::instruments
