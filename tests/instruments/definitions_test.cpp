// The shipped definitions load and are complete; a bad definition, setting or supplement is
// refused with a message that says where.
#include <gtest/gtest.h>

#include <set>

#include "core/errors.hpp"
#include "instrument_test_support.hpp"
#include "instruments/definition_parser.hpp"
#include "instruments/json_merge_patch.hpp"

namespace relief::instruments {
namespace {
using testing::choose;
using testing::defaults;
using testing::shipped_library;
using testing::supplement;

TEST(ShippedDefinitions, EveryInstrumentOfTheIssueIsDefined) {
  const std::set<std::string> wanted{
      "nrs-11", "fps-r", "wong-baker-faces", "flacc", "r-flacc", "cheops", "nips", "n-pass", "comfort-b", "poss",
      "umss", "rass", "fdi-child", "fdi-parent", "pcs-c", "fopq-c", "psocq-a", "promis-ped-pain-interference-8a",
      "promis-ped-anxiety-8a", "promis-ped-depressive-symptoms-8a", "pedsql-generic", "asws", "cali-21", "cali-9",
      "school-attendance", "needle-pain-nrs"};
  std::set<std::string> have;
  for (const auto* d : defaults().all()) have.insert(d->id);
  for (const auto& id : wanted) EXPECT_TRUE(have.count(id)) << id;
}

TEST(ShippedDefinitions, LicensedWordingIsNotShipped) {
  for (const char* id : {"wong-baker-faces", "fps-r", "pcs-c", "pedsql-generic", "promis-ped-anxiety-8a", "poss", "flacc"}) {
    const auto& d = defaults().get(id);
    EXPECT_FALSE(d.licence.text_shipped) << id;
    for (const auto& item : d.items) EXPECT_TRUE(item.text.empty()) << id << " " << item.id;
  }
  EXPECT_FALSE(defaults().get("nrs-11").items[0].text.empty());  // public domain: Relief's own wording
}

TEST(ShippedDefinitions, UnverifiedFactsAreMarked) {
  // reference/clinical.md tags these M; the definitions must say so.
  auto marked = [](const std::string& id, const std::string& path) {
    for (const auto& v : defaults().get(id).verification)
      if (v.path == path && v.status == "M") return true;
    return false;
  };
  EXPECT_TRUE(marked("pcs-c", "/bands/total"));
  EXPECT_TRUE(marked("cali-9", "/scales/total/transform"));
  EXPECT_TRUE(marked("psocq-a", "/scales/readiness"));
  EXPECT_TRUE(marked("pedsql-generic", "/change/total"));
  EXPECT_TRUE(marked("r-flacc", "/age_range"));
  EXPECT_TRUE(marked("umss", "/thresholds/hold"));
  // and every score carries them
  auto r = testing::score_json("cali-9", R"({"answers": {}})");
  EXPECT_FALSE(r.verification.empty());
}

TEST(ShippedDefinitions, ItemIdsArePublishedNumbersOrCategoryNames) {
  const auto& flacc = defaults().get("flacc");
  std::vector<std::string> ids;
  for (const auto& i : flacc.items) ids.push_back(i.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"face", "legs", "activity", "cry", "consolability"}));
  EXPECT_EQ(defaults().get("pcs-c").items.front().id, "1");
  EXPECT_EQ(defaults().get("pcs-c").items.back().id, "13");
}

TEST(ShippedDefinitions, NewestVersionByDefaultAndUnknownsAreRefused) {
  EXPECT_EQ(defaults().get("flacc").version, "1997");
  EXPECT_EQ(defaults().get("flacc", "1997").id, "flacc");
  EXPECT_THROW(defaults().get("flacc", "2020"), NotFound);
  EXPECT_THROW(defaults().get("flac"), NotFound);
  EXPECT_TRUE(version_less("1.9", "1.10"));
  EXPECT_TRUE(version_less("1997", "2006"));
  EXPECT_FALSE(version_less("2.0", "2.0"));
}

boost::json::value minimal() {
  return boost::json::parse(R"({
    "id": "toy", "version": "1", "name": "Toy scale", "kind": "observational", "reporters": ["clinician"],
    "response_sets": {"zero_to_two": {"options": [0, 1, 2]}},
    "items": [{"id": "a", "responses": "zero_to_two"}, {"id": "b", "responses": "zero_to_two"}],
    "scales": {"total": {"name": "Total", "method": "sum", "items": ["a", "b"], "range": [0, 4]}},
    "primary": "total",
    "bands": {"total": [{"min": 0, "max": 1, "label": "low"}, {"min": 2, "max": 4, "label": "high"}]},
    "licence": {"status": "public-domain", "text_shipped": false},
    "citations": ["a test fixture"]})");
}

std::string refusal(const std::string& patch) {
  auto v = minimal();
  apply_merge_patch(v, boost::json::parse(patch));
  try {
    parse_definition(v);
  } catch (const DefinitionError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(DefinitionErrors, TheMinimalDefinitionIsSound) { EXPECT_EQ(refusal("{}"), "(accepted)"); }

TEST(DefinitionErrors, EachMistakeIsNamed) {
  EXPECT_NE(refusal(R"({"scales": {"total": {"items": ["a", "c"]}}})").find("no item 'c'"), std::string::npos);
  EXPECT_NE(refusal(R"({"scales": {"total": {"range": [0, 5]}}})").find("the items give 0 to 4"), std::string::npos);
  EXPECT_NE(refusal(R"({"bands": {"total": [{"min": 0, "max": 2, "label": "x"}, {"min": 2, "max": 4, "label": "y"}]}})")
                .find("overlaps"), std::string::npos);
  EXPECT_NE(refusal(R"({"bands": {"total": [{"min": 0, "max": 1, "label": "x"}, {"min": 3, "max": 4, "label": "y"}]}})")
                .find("gap"), std::string::npos);
  EXPECT_NE(refusal(R"({"bands": {"total": [{"min": 0, "max": 3, "label": "x"}]}})").find("scores reach 4"), std::string::npos);
  EXPECT_NE(refusal(R"({"items": [{"id": "a", "responses": "zero_to_two", "text": "licensed words"},
                                  {"id": "b", "responses": "zero_to_two"}]})").find("licence"), std::string::npos);
  EXPECT_NE(refusal(R"({"scales": {"total": {"mising": "x"}}})").find("unknown key 'mising'"), std::string::npos);
  EXPECT_NE(refusal(R"({"primary": "sum"})").find("no scale 'sum'"), std::string::npos);
  EXPECT_NE(refusal(R"({"response_sets": {"zero_to_two": {"options": [0, 1, 1]}}})").find("appears twice"), std::string::npos);
  EXPECT_NE(refusal(R"({"kind": "survey"})").find("/kind"), std::string::npos);
  EXPECT_NE(refusal(R"({"citations": []})").find("cite"), std::string::npos);
  EXPECT_NE(refusal(R"({"settings": {"bands": {"description": "d", "default": "x", "options": {"y": {"description": "y"}}}}})")
                .find("not one of the options"), std::string::npos);
  // The error starts with the definition it is about.
  EXPECT_EQ(refusal(R"({"primary": "sum"})").rfind("toy@1: ", 0), 0u);
}

TEST(DefinitionErrors, ABrokenAlternativeIsCaughtAtLoad) {
  auto v = minimal();
  apply_merge_patch(v, boost::json::parse(R"({"settings": {"bands": {"description": "d", "default": "fine",
      "options": {"fine": {"description": "f"},
                  "broken": {"description": "b", "patch": {"bands": {"total": [{"min": 0, "max": 9, "label": "x"}]}}}}}}})"));
  InstrumentLibrary library;
  try {
    library.add(v, "toy.json");
    FAIL() << "the broken alternative must be refused";
  } catch (const DefinitionError& e) {
    EXPECT_NE(std::string(e.what()).find("bands = broken"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).rfind("toy.json: ", 0), 0u);
  }
}

TEST(SiteSettingsErrors, UnknownInstrumentSettingOrOptionIsRefused) {
  EXPECT_THROW(shipped_library(choose("flac", "bands", "s29")), std::invalid_argument);
  EXPECT_THROW(shipped_library(choose("flacc", "band", "alternative_s29")), std::invalid_argument);
  try {
    shipped_library(choose("flacc", "bands", "s30"));
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("merkel_s2, alternative_s29"), std::string::npos) << e.what();
  }
}

TEST(SiteSettingsErrors, ASupplementMayFillOnlyWhatTheDefinitionLeavesToTheSite) {
  SiteSettings changes_scoring;
  changes_scoring.supplements.push_back(supplement("pcs-c", "2003", R"({"scales": {"rumination": {"items": ["1"]}}})"));
  EXPECT_THROW(shipped_library(changes_scoring), std::invalid_argument);
  SiteSettings norms;  // local RCI norms are always the site's
  norms.supplements.push_back(supplement("fdi-child", "1991", R"({"change": {"total": {"sd": 9.5, "reliability": 0.8}}})"));
  EXPECT_EQ(*shipped_library(norms).get("fdi-child").change.at("total").sd, 9.5);
  SiteSettings wrong_version;
  wrong_version.supplements.push_back(supplement("fdi-child", "2000", R"({"change": {}})"));
  EXPECT_THROW(shipped_library(wrong_version), std::invalid_argument);
}

TEST(SiteSettingsErrors, SettingsFileFormat) {
  auto parsed = parse_site_settings(boost::json::parse(R"({"instruments": {"flacc": {"bands": "alternative_s29"}}})"), ".");
  EXPECT_EQ(parsed.choices.at("flacc").at("bands"), "alternative_s29");
  EXPECT_THROW(parse_site_settings(boost::json::parse(R"({"instrument": {}})"), "."), std::invalid_argument);
  EXPECT_THROW(parse_site_settings(boost::json::parse(R"({"instruments": {"flacc": {"bands": 2}}})"), "."), std::invalid_argument);
}

TEST(MergePatch, FollowsRfc7396) {
  boost::json::value target = boost::json::parse(R"({"a": {"b": 1, "c": 2}, "d": [1, 2], "e": 1})");
  apply_merge_patch(target, boost::json::parse(R"({"a": {"b": 9, "c": null}, "d": [3], "f": {"g": 1}})"));
  EXPECT_EQ(target, boost::json::parse(R"({"a": {"b": 9}, "d": [3], "e": 1, "f": {"g": 1}})"));
}

TEST(ScoreRequest, RefusesUnknownFieldsAndBadTypes) {
  EXPECT_THROW(score_request_from_json(boost::json::parse(R"({"answer": {}})")), ValidationError);
  EXPECT_THROW(score_request_from_json(boost::json::parse(R"({"answers": {"a": [1]}})")), ValidationError);
  EXPECT_THROW(score_request_from_json(boost::json::parse(R"({"answers": {}, "age_months": -3})")), ValidationError);
  EXPECT_THROW(score_request_from_json(boost::json::parse(R"({"answers": {}, "reporter": "nurse"})")), ValidationError);
  EXPECT_THROW(score_request_from_json(boost::json::parse(R"([1])")), MalformedInput);
}

}  // namespace
}  // namespace relief::instruments
