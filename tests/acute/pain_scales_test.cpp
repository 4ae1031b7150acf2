// The pain scales the census reads carry the ranges their instrument definitions score: a table
// that drifted from data/instruments would show "7 of 7" for a NIPS scored out of 8.
#include "programs/acute/pain_scales.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace relief::acute {
namespace {
namespace json = boost::json;

TEST(PainScales, RangesAreThoseOfTheInstrumentDefinitionsThatChartThem) {
  std::set<std::string> matched;
  for (const auto& entry : std::filesystem::directory_iterator(RELIEF_INSTRUMENTS_DIR)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    auto def = json::parse(text.str()).as_object();
    if (!def.contains("codes")) continue;
    for (const auto& [scale, codes] : def.at("codes").as_object())
      for (const auto& coding : codes.as_array()) {
        const auto* known = find_pain_scale(std::string(coding.at("code").as_string()));
        if (!known) continue;
        const auto& range = def.at("scales").at(scale).at("range").as_array();
        EXPECT_EQ(known->min, range[0].to_number<double>()) << entry.path() << " " << known->code;
        EXPECT_EQ(known->max, range[1].to_number<double>()) << entry.path() << " " << known->code;
        matched.insert(std::string(known->code));
      }
  }
  // Every scale of the table but the LOINC codes no shipped instrument charts (a FHIR client's).
  for (const auto& s : pain_scales())
    if (s.code != "38208-5" && s.code != "72514-3") EXPECT_TRUE(matched.count(std::string(s.code))) << s.code;
}

TEST(PainScales, OnlyTheZeroToTenScalesArePainCodesForTheMonitoringRules) {
  EXPECT_TRUE(is_pain_code("72514-3"));
  EXPECT_TRUE(is_pain_code("38213-5"));  // FLACC
  EXPECT_FALSE(is_pain_code("nips-total"));
  EXPECT_FALSE(is_pain_code("29463-7"));  // body weight
  ASSERT_NE(find_pain_scale("nips-total"), nullptr);
  EXPECT_EQ(find_pain_scale("nips-total")->max, 7);
}

}  // namespace
}  // namespace relief::acute
