// Worked examples for the function and psychosocial questionnaires (shared/reference/clinical.md
// 2): sums, subscales, transforms, item means, lookup tables and missing-data rules.
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "instrument_test_support.hpp"

namespace relief::instruments {
namespace {
using testing::answers_all;
using testing::choose;
using testing::score_json;
using testing::shipped_library;
using testing::supplement;

std::string request(const std::string& answers) { return "{\"answers\": {" + answers + "}}"; }

// FDI items 1-15: 2 1 0 3 4 2 2 1 0 0 1 2 3 2 1 (sum 24)
const std::vector<int> kFdi{2, 1, 0, 3, 4, 2, 2, 1, 0, 0, 1, 2, 3, 2, 1};
std::string fdi_answers(int leave_out = 0) {
  std::string out;
  for (int i = 1; i <= 15; ++i)
    if (i > 15 - leave_out) continue;
    else out += (out.empty() ? "" : ", ") + ("\"" + std::to_string(i) + "\": " + std::to_string(kFdi[i - 1]));
  return request(out);
}

TEST(Fdi, SumOfFifteenItemsAndKashikarZuckBands) {
  auto r = score_json("fdi-child", fdi_answers());
  EXPECT_EQ(*r.total().value, 24);
  EXPECT_EQ(r.total().band->label, "moderate disability");
  EXPECT_EQ(score_json("fdi-child", request(answers_all(12, 1))).total().band, std::nullopt);  // 12 items only: missing
  const std::map<int, std::string> bands{{0, "no/minimal disability"}, {12, "no/minimal disability"},
                                         {13, "moderate disability"}, {29, "moderate disability"},
                                         {30, "severe disability"}, {60, "severe disability"}};
  for (const auto& [total, label] : bands) {
    std::string out;
    int left = total;
    for (int i = 1; i <= 15; ++i) {
      int v = std::min(4, left);
      left -= v;
      out += (out.empty() ? "" : ", ") + ("\"" + std::to_string(i) + "\": " + std::to_string(v));
    }
    auto s = score_json("fdi-parent", request(out));
    EXPECT_EQ(*s.total().value, total);
    EXPECT_EQ(s.total().band->label, label) << total;
  }
}

TEST(Fdi, ProrationIsALocalConventionOffByDefault) {
  auto strict = score_json("fdi-child", fdi_answers(1));
  EXPECT_FALSE(strict.total().value.has_value());
  EXPECT_EQ(strict.total().missing.decision, "not_scored");

  auto library = shipped_library(choose("fdi-child", "missing_data", "prorate_up_to_2"));
  // item 15 (1) missing: 23 x 15 / 14 = 24.64 -> 25; the raw 23 is kept beside it.
  auto one = score_json(library, "fdi-child", fdi_answers(1));
  EXPECT_EQ(*one.total().value, 25);
  EXPECT_EQ(*one.total().raw, 23);
  EXPECT_EQ(one.total().missing.decision, "prorated");
  EXPECT_NE(one.total().missing.rule.find("local convention"), std::string::npos);
  // items 14-15 (2, 1) missing: 21 x 15 / 13 = 24.23 -> 24
  EXPECT_EQ(*score_json(library, "fdi-child", fdi_answers(2)).total().value, 24);
  EXPECT_FALSE(score_json(library, "fdi-child", fdi_answers(3)).total().value.has_value());
  // The parent form keeps its own setting.
  EXPECT_FALSE(score_json(library, "fdi-parent", fdi_answers(1)).total().value.has_value());
}

TEST(PcsC, ThreeSubscalesAndTheTotal) {
  // items 1..13 answered 1 2 3 4 0 1 2 3 4 0 1 2 3
  std::string out;
  for (int i = 1; i <= 13; ++i) out += (out.empty() ? "" : ", ") + ("\"" + std::to_string(i) + "\": " + std::to_string(i % 5));
  auto r = score_json("pcs-c", request(out));
  EXPECT_EQ(*r.scale("rumination")->value, 3 + 4 + 0 + 1);           // items 8, 9, 10, 11
  EXPECT_EQ(*r.scale("magnification")->value, 1 + 2 + 3);            // items 6, 7, 13
  EXPECT_EQ(*r.scale("helplessness")->value, 1 + 2 + 3 + 4 + 0 + 2);  // items 1-5, 12
  EXPECT_EQ(*r.total().value, 26);
  EXPECT_EQ(r.total().band->label, "high");
}

TEST(PcsC, BandBoundariesAndAMissingItem) {
  auto total_of = [](int total) {
    std::string out;
    for (int i = 1; i <= 13; ++i) {
      int v = std::min(4, total);
      total -= v;
      out += (out.empty() ? "" : ", ") + ("\"" + std::to_string(i) + "\": " + std::to_string(v));
    }
    return request(out);
  };
  EXPECT_EQ(score_json("pcs-c", total_of(14)).total().band->label, "low");
  EXPECT_EQ(score_json("pcs-c", total_of(15)).total().band->label, "moderate");
  EXPECT_EQ(score_json("pcs-c", total_of(25)).total().band->label, "moderate");
  EXPECT_EQ(score_json("pcs-c", total_of(26)).total().band->label, "high");
  EXPECT_EQ(*score_json("pcs-c", total_of(52)).total().value, 52);
  // Item 9 missing: rumination and the total cannot be scored; the other subscales can.
  auto r = score_json("pcs-c", request(R"("1": 1, "2": 1, "3": 1, "4": 1, "5": 1, "6": 1, "7": 1, "8": 1, "10": 1,
                                         "11": 1, "12": 1, "13": 1)"));
  EXPECT_FALSE(r.total().value.has_value());
  EXPECT_FALSE(r.scale("rumination")->value.has_value());
  EXPECT_EQ(*r.scale("helplessness")->value, 6);
  EXPECT_THROW(score_json("pcs-c", request(R"("13": 5)")), ValidationError);
}

TEST(FopqC, TotalNowSubscalesWhenTheSiteLoadsTheKey) {
  auto r = score_json("fopq-c", request(answers_all(24, 2)));
  EXPECT_EQ(*r.total().value, 48);
  EXPECT_FALSE(r.scale("fear")->value.has_value());
  EXPECT_NE(r.scale("fear")->missing.reason.find("not published"), std::string::npos);

  SiteSettings site;  // a made-up key: items 1-11 fear, 12-24 avoidance
  site.supplements.push_back(supplement("fopq-c", "2011",
      R"({"scales": {"fear": {"items": ["1","2","3","4","5","6","7","8","9","10","11"]},
                     "avoidance": {"items": ["12","13","14","15","16","17","18","19","20","21","22","23","24"]}}})"));
  auto keyed = score_json(shipped_library(site), "fopq-c", request(answers_all(24, 2)));
  EXPECT_EQ(*keyed.scale("fear")->value, 22);
  EXPECT_EQ(*keyed.scale("avoidance")->value, 26);
}

// A site's FOPQ-C key must divide the 24 items between fear and avoidance (11 + 13): a typo that
// puts an item in both, or in neither, scored the subscales wrong without a word.
TEST(FopqC, AKeyThatOverlapsOrLeavesItemsOutIsRefused) {
  auto refused = [](const std::string& fear, const std::string& avoidance) {
    SiteSettings site;
    site.supplements.push_back(supplement("fopq-c", "2011",
        R"({"scales": {"fear": {"items": [)" + fear + R"(]}, "avoidance": {"items": [)" + avoidance + "]}}}"));
    try {
      shipped_library(site);
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  const std::string rest = R"("13","14","15","16","17","18","19","20","21","22","23","24")";
  auto overlap = refused(R"("1","2","3","4","5","6","7","8","9","10","11","12")", R"("12",)" + rest);
  EXPECT_NE(overlap.find("item '12' is in both fear and avoidance"), std::string::npos) << overlap;
  auto gap = refused(R"("1","2","3","4","5","6","7","8","9","10","11")", rest);
  EXPECT_NE(gap.find("items 12 are in none of its scales"), std::string::npos) << gap;
  EXPECT_EQ(refused(R"("1","2","3","4","5","6","7","8","9","10","11")", R"("12",)" + rest), "");
}

SiteSettings psocq_key() {
  SiteSettings site;  // a made-up key: 1-10, 11-20, 21-30
  auto range = [](int from) {
    std::string out;
    for (int i = from; i < from + 10; ++i) out += (out.empty() ? "\"" : ", \"") + std::to_string(i) + "\"";
    return "[" + out + "]";
  };
  site.supplements.push_back(supplement("psocq-a", "2011",
      R"({"scales": {"precontemplation": {"items": )" + range(1) + R"(}, "contemplation": {"items": )" + range(11) +
          R"(}, "action_maintenance": {"items": )" + range(21) + "}}}"));
  return site;
}

TEST(PsocqA, ReadinessFormulaIsASiteSetting) {
  // precontemplation all 2, contemplation all 4, action/maintenance all 3
  const std::string answers = request(answers_all(10, 2, 1) + ", " + answers_all(10, 4, 11) + ", " + answers_all(10, 3, 21));
  EXPECT_FALSE(score_json("psocq-a", answers).total().value.has_value());  // no key loaded

  auto site = psocq_key();
  auto r = score_json(shipped_library(site), "psocq-a", answers);
  EXPECT_DOUBLE_EQ(*r.scale("precontemplation")->value, 2);
  EXPECT_DOUBLE_EQ(*r.scale("contemplation")->value, 4);
  EXPECT_DOUBLE_EQ(*r.total().value, (4 + 3) / 2.0 - 2);  // 1.5

  site.choices["psocq-a"]["readiness_formula"] = "sum_minus_precontemplation";
  EXPECT_DOUBLE_EQ(*score_json(shipped_library(site), "psocq-a", answers).total().value, 4 + 3 - 2);
}

TEST(PsocqA, ScaleMeansUseTheAnsweredItems) {
  // precontemplation: items 1-5 answered 1, 2, 3, 4, 5 and 6-10 missing (half: allowed) -> mean 3
  const std::string answers = request(R"("1": 1, "2": 2, "3": 3, "4": 4, "5": 5, )" + answers_all(10, 4, 11) + ", " +
                                      answers_all(10, 3, 21));
  auto r = score_json(shipped_library(psocq_key()), "psocq-a", answers);
  EXPECT_DOUBLE_EQ(*r.scale("precontemplation")->value, 3);
  EXPECT_EQ(r.scale("precontemplation")->missing.decision, "scored_with_missing");
  const std::string too_few = request(R"("1": 1, "2": 2, "3": 3, "4": 4, )" + answers_all(10, 4, 11) + ", " + answers_all(10, 3, 21));
  auto unscored = score_json(shipped_library(psocq_key()), "psocq-a", too_few);
  EXPECT_FALSE(unscored.total().value.has_value());
  // Readiness says what its parts had: 24 of 30 answered, items 5-10 missing (it said "0
  // answered, none missing" though two of its three parts were scored).
  const auto& missing = unscored.total().missing;
  EXPECT_EQ(missing.items, 30);
  EXPECT_EQ(missing.answered, 24);
  EXPECT_EQ(missing.missing.size(), 6u);
  EXPECT_EQ(missing.decision, "not_scored");
}

SiteSettings promis_table(const std::string& form) {
  // A made-up table (T = 30 + raw) standing in for the copyrighted HealthMeasures one.
  std::string rows;
  for (int raw = 8; raw <= 40; ++raw) rows += (rows.empty() ? "\"" : ", \"") + std::to_string(raw) + "\": " + std::to_string(30 + raw);
  SiteSettings site;
  site.supplements.push_back(supplement(form, "2.0", R"({"lookups": {"t_score": {"rows": {)" + rows + "}}}}"));
  return site;
}

TEST(Promis, RawScoreWithoutTheSiteTable) {
  // 2 + 3 + 1 + 4 + 2 + 5 + 3 + 2 = 22
  auto r = score_json("promis-ped-pain-interference-8a",
                      request(R"("1": 2, "2": 3, "3": 1, "4": 4, "5": 2, "6": 5, "7": 3, "8": 2)"));
  EXPECT_EQ(*r.scale("raw")->value, 22);
  EXPECT_FALSE(r.total().value.has_value());
  EXPECT_NE(r.total().missing.reason.find("has not loaded"), std::string::npos);
  // Not scored for want of the table, but what was answered is still said.
  EXPECT_EQ(r.total().missing.decision, "not_scored");
  EXPECT_EQ(r.total().missing.answered, 8);
  EXPECT_EQ(r.total().missing.items, 8);
}

TEST(Promis, TScoreThroughTheSiteTableWithProration) {
  auto library = shipped_library(promis_table("promis-ped-anxiety-8a"));
  auto full = score_json(library, "promis-ped-anxiety-8a", request(R"("1": 2, "2": 3, "3": 1, "4": 4, "5": 2, "6": 5, "7": 3, "8": 2)"));
  EXPECT_EQ(*full.total().value, 52);
  // 4 of 8 answered (50% missing, allowed): 10 x 8 / 4 = 20 -> T 50
  auto half = score_json(library, "promis-ped-anxiety-8a", request(R"("1": 2, "2": 3, "3": 1, "4": 4)"));
  EXPECT_EQ(*half.scale("raw")->value, 20);
  EXPECT_EQ(half.scale("raw")->missing.decision, "prorated");
  EXPECT_EQ(*half.total().value, 50);
  // The T-score is as prorated as the raw score it was looked up from (it used to say "complete").
  EXPECT_EQ(half.total().missing.decision, "prorated");
  EXPECT_EQ(half.total().missing.items, 8);
  EXPECT_EQ(half.total().missing.answered, 4);
  EXPECT_EQ(half.total().missing.missing, (std::vector<std::string>{"5", "6", "7", "8"}));
  EXPECT_EQ(full.total().missing.decision, "complete");
  EXPECT_EQ(full.total().missing.answered, 8);
  // 5 answered: 12 x 8 / 5 = 19.2, rounded up to 20
  auto five = score_json(library, "promis-ped-anxiety-8a", request(R"("1": 2, "2": 3, "3": 1, "4": 4, "5": 2)"));
  EXPECT_EQ(*five.scale("raw")->value, 20);
  EXPECT_EQ(*five.total().value, 50);
  EXPECT_EQ(five.total().missing.decision, "prorated");
  EXPECT_EQ(five.total().missing.missing, (std::vector<std::string>{"6", "7", "8"}));
  // 3 answered: more than half missing
  EXPECT_FALSE(score_json(library, "promis-ped-anxiety-8a", request(R"("1": 2, "2": 3, "3": 1)")).total().value.has_value());
  // The other forms still wait for their own tables.
  EXPECT_FALSE(score_json(library, "promis-ped-depressive-symptoms-8a", request(answers_all(8, 1))).total().value.has_value());
}

// HealthMeasures tables exist for items valued 1-5 (raw 8-40 on an 8a form) and, in some
// sources, 0-4 (raw 0-32). A table of the other coding would shift every T-score: refused.
TEST(Promis, ASiteTableForAnotherItemCodingIsRefused) {
  std::string rows;
  for (int raw = 0; raw <= 32; ++raw) rows += (rows.empty() ? "\"" : ", \"") + std::to_string(raw) + "\": " + std::to_string(38 + raw);
  SiteSettings site;
  site.supplements.push_back(supplement("promis-ped-anxiety-8a", "2.0", R"({"lookups": {"t_score": {"rows": {)" + rows + "}}}}"));
  try {
    shipped_library(site);
    ADD_FAILURE() << "a 0-32 table was accepted for a raw score of 8-40";
  } catch (const std::invalid_argument& e) {  // the site's configuration is refused at start
    EXPECT_NE(std::string(e.what()).find("from 8 to 40"), std::string::npos) << e.what();
  }
}

TEST(PedsQl, ReverseTransformAndMeans) {
  // physical all 0 -> 100; emotional 1 2 3 4 0 -> 75 50 25 0 100 (mean 50); social all 4 -> 0;
  // school 2 2 2 and two missing (40% missing: computed) -> 50
  std::string a;
  for (int i = 1; i <= 8; ++i) a += "\"physical." + std::to_string(i) + "\": 0, ";
  a += R"("emotional.1": 1, "emotional.2": 2, "emotional.3": 3, "emotional.4": 4, "emotional.5": 0, )";
  for (int i = 1; i <= 5; ++i) a += "\"social." + std::to_string(i) + "\": 4, ";
  a += R"("school.1": 2, "school.2": 2, "school.3": 2)";
  auto r = score_json("pedsql-generic", request(a));
  EXPECT_DOUBLE_EQ(*r.scale("physical")->value, 100);
  EXPECT_DOUBLE_EQ(*r.scale("emotional")->value, 50);
  EXPECT_DOUBLE_EQ(*r.scale("social")->value, 0);
  EXPECT_DOUBLE_EQ(*r.scale("school")->value, 50);
  EXPECT_EQ(r.scale("school")->missing.decision, "scored_with_missing");
  // psychosocial = items answered in emotional, social, school: (250 + 0 + 150) / 13
  EXPECT_DOUBLE_EQ(*r.scale("psychosocial")->value, 400.0 / 13);
  // total = all 21 answered items: (800 + 400) / 21
  EXPECT_DOUBLE_EQ(*r.total().value, 1200.0 / 21);
}

TEST(PedsQl, MoreThanHalfMissingIsNotComputed) {
  // school: 2 of 5 answered (60% missing) -> not computed; physical 4 of 8 (exactly 50%) -> computed
  auto r = score_json("pedsql-generic", request(R"("school.1": 1, "school.2": 1, "physical.1": 0, "physical.2": 1,
                                                   "physical.3": 2, "physical.4": 3)"));
  EXPECT_FALSE(r.scale("school")->value.has_value());
  EXPECT_EQ(r.scale("school")->missing.decision, "not_scored");
  EXPECT_DOUBLE_EQ(*r.scale("physical")->value, (100 + 75 + 50 + 25) / 4.0);
  // The manual states the 50% rule for the four scales only. The summaries are the mean of the
  // items answered in their scales, even those of a scale not computed itself:
  // psychosocial = school 75 + 75 over 2 items; total = (100 + 75 + 50 + 25 + 75 + 75) / 6.
  EXPECT_DOUBLE_EQ(*r.scale("psychosocial")->value, 75);
  EXPECT_EQ(r.scale("psychosocial")->missing.decision, "scored_with_missing");
  EXPECT_DOUBLE_EQ(*r.total().value, 400.0 / 6);
  EXPECT_THROW(score_json("pedsql-generic", request(R"("physical.9": 1)")), ValidationError);
}

TEST(PedsQl, SummariesAreTheMeanOfTheItemsAnsweredAcrossTheirScales) {
  // physical all 0 (8 x 100); emotional 1, 2, 2 answered (75, 50, 50); social 0, 0 (100, 100:
  // 3 of 5 missing, not computed); school 1, 1 (75, 75: not computed).
  std::string a;
  for (int i = 1; i <= 8; ++i) a += "\"physical." + std::to_string(i) + "\": 0, ";
  a += R"("emotional.1": 1, "emotional.4": 2, "emotional.5": 2, "social.1": 0, "social.2": 0, "school.1": 1, "school.2": 1)";
  auto r = score_json("pedsql-generic", request(a));
  EXPECT_DOUBLE_EQ(*r.scale("physical")->value, 100);
  EXPECT_DOUBLE_EQ(*r.scale("emotional")->value, 175.0 / 3);
  EXPECT_FALSE(r.scale("social")->value.has_value());
  EXPECT_FALSE(r.scale("school")->value.has_value());
  // (75 + 50 + 50 + 100 + 100 + 75 + 75) / 7 = 525 / 7
  EXPECT_DOUBLE_EQ(*r.scale("psychosocial")->value, 75);
  // (800 + 525) / 15
  EXPECT_DOUBLE_EQ(*r.total().value, 1325.0 / 15);
  // Nothing answered in a summary's scales: nothing to average.
  std::string physical_only;
  for (int i = 1; i <= 8; ++i) physical_only += std::string(i > 1 ? ", " : "") + "\"physical." + std::to_string(i) + "\": 0";
  EXPECT_FALSE(score_json("pedsql-generic", request(physical_only)).scale("psychosocial")->value.has_value());
}

TEST(PedsQl, ParentsReportFromFiveYearsChildrenFromEight) {
  // The parent form for young children (5-7) has these 23 items on the same 0-4 scale; the
  // young child's own form does not (3-point faces), so a 6-year-old's self-report is warned.
  std::string all_zero;
  for (const char* scale : {"physical", "emotional", "social", "school"})
    for (int i = 1, n = std::string(scale) == "physical" ? 8 : 5; i <= n; ++i)
      all_zero += std::string(all_zero.empty() ? "" : ", ") + "\"" + scale + "." + std::to_string(i) + "\": 0";
  auto at = [&](const char* reporter, int months) {
    return score_json("pedsql-generic", "{\"answers\": {" + all_zero + "}, \"reporter\": \"" + reporter +
                                            "\", \"age_months\": " + std::to_string(months) + "}");
  };
  auto parent_of_six = at("parent", 72);
  EXPECT_DOUBLE_EQ(*parent_of_six.total().value, 100);
  EXPECT_TRUE(parent_of_six.warnings.empty());
  auto six_herself = at("self", 72);
  ASSERT_EQ(six_herself.warnings.size(), 1u);
  EXPECT_NE(six_herself.warnings[0].find("96 to 227 months"), std::string::npos) << six_herself.warnings[0];
  auto parent_of_four = at("parent", 48);
  ASSERT_EQ(parent_of_four.warnings.size(), 1u);
  EXPECT_NE(parent_of_four.warnings[0].find("by parent report (60 to 227 months"), std::string::npos)
      << parent_of_four.warnings[0];
  EXPECT_TRUE(at("self", 96).warnings.empty());
}

TEST(Asws, SubscaleMeansAndTheMeanOfSubscalesOnceTheSiteLoadsTheKey) {
  EXPECT_FALSE(score_json("asws", request(answers_all(28, 3))).total().value.has_value());
  // A made-up key: five subscales of items 1-5, 6-10, 11-15, 16-20, 21-28; item 1 reverse-keyed.
  std::string items;
  for (int i = 1; i <= 28; ++i)
    items += std::string(items.empty() ? "" : ", ") + "{\"id\": \"" + std::to_string(i) + "\", \"responses\": \"frequency\"" +
             (i == 1 ? ", \"reverse\": true" : "") + "}";
  auto list = [](int from, int to) {
    std::string out;
    for (int i = from; i <= to; ++i) out += (out.empty() ? "\"" : ", \"") + std::to_string(i) + "\"";
    return "[" + out + "]";
  };
  SiteSettings site;
  site.supplements.push_back(supplement("asws", "2005",
      "{\"items\": [" + items + "], \"scales\": {\"going_to_bed\": {\"items\": " + list(1, 5) +
          "}, \"falling_asleep\": {\"items\": " + list(6, 10) + "}, \"maintaining_sleep\": {\"items\": " + list(11, 15) +
          "}, \"reinitiating_sleep\": {\"items\": " + list(16, 20) + "}, \"returning_to_wakefulness\": {\"items\": " +
          list(21, 28) + "}}}"));
  // item 1 answered 2 -> reversed 1 + 6 - 2 = 5; items 2-5 answered 5: going to bed = (5 + 4 x 5) / 5 = 5
  auto r = score_json(shipped_library(site), "asws",
                      request("\"1\": 2, " + answers_all(4, 5, 2) + ", " + answers_all(5, 4, 6) + ", " +
                              answers_all(5, 3, 11) + ", " + answers_all(5, 2, 16) + ", " + answers_all(8, 6, 21)));
  EXPECT_DOUBLE_EQ(*r.scale("going_to_bed")->value, 5);
  EXPECT_DOUBLE_EQ(*r.scale("falling_asleep")->value, 4);
  EXPECT_DOUBLE_EQ(*r.total().value, (5 + 4 + 3 + 2 + 6) / 5.0);
}

TEST(Cali, TwentyOneItemSumAndNineItemRescore) {
  EXPECT_EQ(*score_json("cali-21", request(answers_all(21, 1))).total().value, 21);
  EXPECT_EQ(*score_json("cali-21", request(answers_all(21, 4))).total().value, 84);
  auto cali9 = [](const std::vector<int>& v) {
    const std::vector<std::string> ids{"4", "5", "12", "14", "16", "17", "18", "19", "21"};
    std::string out;
    for (std::size_t i = 0; i < ids.size(); ++i) out += (out.empty() ? "\"" : ", \"") + ids[i] + "\": " + std::to_string(v[i]);
    return request(out);
  };
  EXPECT_DOUBLE_EQ(*score_json("cali-9", cali9({4, 4, 4, 4, 4, 4, 4, 4, 4})).total().value, 100);
  EXPECT_DOUBLE_EQ(*score_json("cali-9", cali9({2, 2, 2, 2, 2, 2, 2, 2, 2})).total().value, 50);
  EXPECT_DOUBLE_EQ(*score_json("cali-9", cali9({1, 0, 0, 0, 0, 0, 0, 0, 0})).total().value, 100.0 / 36);
  EXPECT_DOUBLE_EQ(*score_json("cali-9", cali9({0, 0, 0, 0, 0, 0, 0, 0, 0})).total().value, 0);
  EXPECT_EQ(*score_json("cali-9", cali9({0, 0, 0, 0, 0, 0, 0, 0, 0})).total().raw, 0);
  EXPECT_THROW(score_json("cali-9", request(R"("1": 2)")), ValidationError);  // not a CALI-9 item
}

TEST(SchoolAttendance, PercentOfFullDaysAndChronicAbsence) {
  auto r = score_json("school-attendance", R"({"answers": {"days_enrolled": 20, "days_full_attended": 15, "days_partial": 2,
      "days_missed_pain": 3, "schooling_mode": "hybrid", "report_source": "parent", "period": "month"}})");
  EXPECT_DOUBLE_EQ(*r.total().value, 75);
  EXPECT_EQ(*r.scale("days_missed_pain")->value, 3);
  EXPECT_TRUE(r.flags.empty());
  auto year = score_json("school-attendance", R"({"answers": {"days_enrolled": 180, "days_full_attended": 160,
      "days_missed_pain": 16, "period": "year"}})");
  ASSERT_EQ(year.flags.size(), 1u);
  EXPECT_EQ(year.flags[0].id, "chronic_absence");
  EXPECT_THROW(score_json("school-attendance", R"({"answers": {"days_enrolled": 10, "days_full_attended": 8, "days_missed_pain": 5}})"),
               ValidationError);
  EXPECT_THROW(score_json("school-attendance", R"({"answers": {"schooling_mode": "online"}})"), ValidationError);
  EXPECT_FALSE(score_json("school-attendance", R"({"answers": {"days_enrolled": 0, "days_full_attended": 0}})").total().value);
}

// A week has at most 7 days: 30 days enrolled in a "week" report raised the chronic-absence flag.
TEST(SchoolAttendance, DaysEnrolledMustFitThePeriodReported) {
  try {
    score_json("school-attendance", R"({"answers": {"period": "week", "days_enrolled": 30, "days_full_attended": 0,
                                        "days_partial": 0, "days_missed_pain": 30}})");
    ADD_FAILURE() << "30 days enrolled in a week were scored";
  } catch (const ValidationError& e) {
    ASSERT_FALSE(e.problems().empty());
    EXPECT_EQ(e.problems()[0].field, "answers.days_enrolled");
    EXPECT_NE(e.problems()[0].message.find("cannot exceed 7 for a period of week"), std::string::npos) << e.problems()[0].message;
  }
  EXPECT_NO_THROW(score_json("school-attendance", R"({"answers": {"period": "week", "days_enrolled": 5,
                                                     "days_full_attended": 3, "days_partial": 0, "days_missed_pain": 2}})"));
  EXPECT_NO_THROW(score_json("school-attendance", R"({"answers": {"period": "term", "days_enrolled": 60,
                                                     "days_full_attended": 50, "days_partial": 0, "days_missed_pain": 10}})"));
}

// "More than 15 days a year" (Groenewald 2019): days missed in a month or a term are days missed
// in that school year, so 16 of them already make the year's count more than 15. Fewer say
// nothing about the year.
TEST(SchoolAttendance, ChronicAbsenceIsJudgedOverASchoolYearOrAnyPartOfIt) {
  auto month = score_json("school-attendance", R"({"answers": {"days_enrolled": 22, "days_full_attended": 4,
      "days_partial": 0, "days_missed_pain": 16, "period": "month"}})");
  EXPECT_NEAR(*month.total().value, 100.0 * 4 / 22, 1e-9);
  ASSERT_EQ(month.flags.size(), 1u);
  EXPECT_EQ(month.flags[0].id, "chronic_absence");
  auto term = score_json("school-attendance", R"({"answers": {"days_enrolled": 60, "days_full_attended": 45,
      "days_partial": 0, "days_missed_pain": 15, "period": "term"}})");
  EXPECT_TRUE(term.flags.empty());
  EXPECT_TRUE(term.warnings.empty());
  // A period not given may be longer than a school year: not judged, and the warning says why.
  auto no_period = score_json("school-attendance", R"({"answers": {"days_enrolled": 180, "days_full_attended": 160,
      "days_missed_pain": 16}})");
  EXPECT_TRUE(no_period.flags.empty());
  ASSERT_EQ(no_period.warnings.size(), 1u);
  EXPECT_NE(no_period.warnings[0].find("period not given"), std::string::npos) << no_period.warnings[0];
  auto year = score_json("school-attendance", R"({"answers": {"days_enrolled": 180, "days_full_attended": 150,
      "days_missed_pain": 18, "period": "year"}})");
  ASSERT_EQ(year.flags.size(), 1u);
  EXPECT_EQ(year.flags[0].id, "chronic_absence");
}

}  // namespace
}  // namespace relief::instruments
