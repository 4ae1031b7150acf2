// The `relief instrument` commands end to end, run as a process: JSON in, JSON out, clear errors
// and non-zero exits.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace {

struct Run {
  int status = -1;
  std::string out;
  std::string err;
};

Run run(const std::string& args, const std::string& stdin_text = "") {
  auto dir = std::filesystem::temp_directory_path() / ("relief-instrument-cli-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "in.json") << stdin_text;
  std::string command = std::string(RELIEF_INSTRUMENT_CLI) + " " + args + " < " + (dir / "in.json").string() + " 2> " +
                        (dir / "err.txt").string();
  Run r;
  FILE* pipe = popen(command.c_str(), "r");
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) r.out.append(buffer.data(), n);
  int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(dir / "err.txt");
  r.err.assign(std::istreambuf_iterator<char>(err), {});
  std::filesystem::remove_all(dir);
  return r;
}

const std::string kDefs = std::string("--definitions ") + RELIEF_INSTRUMENTS_DIR;

TEST(InstrumentCli, ScoresFlaccFromStdin) {
  auto r = run("instrument score flacc " + kDefs,
               R"({"answers": {"face": 1, "legs": 2, "activity": 1, "cry": 1, "consolability": 1}, "age_months": 30})");
  ASSERT_EQ(r.status, 0) << r.err;
  auto v = boost::json::parse(r.out).as_object();
  EXPECT_EQ(v.at("total").as_int64(), 6);
  EXPECT_EQ(v.at("version").as_string(), "1997");
  EXPECT_EQ(v.at("band").at("label").as_string(), "moderate pain");
  EXPECT_EQ(v.at("missing_data").at("decision").as_string(), "complete");
  EXPECT_NE(r.out.find("\"total\": 6,"), std::string::npos);  // readable numbers, not 6E0
}

TEST(InstrumentCli, SubscalesAndChangeAgainstABaseline) {
  auto r = run("instrument score pcs-c --version 2003 " + kDefs,
               R"({"answers": {"1": 1, "2": 2, "3": 3, "4": 4, "5": 0, "6": 1, "7": 2, "8": 3, "9": 4, "10": 0,
                               "11": 1, "12": 2, "13": 3}, "baseline": {"total": 30}})");
  ASSERT_EQ(r.status, 0) << r.err;
  auto v = boost::json::parse(r.out).as_object();
  EXPECT_EQ(v.at("total").as_int64(), 26);
  EXPECT_EQ(v.at("subscales").at("rumination").at("value").as_int64(), 8);
  EXPECT_EQ(v.at("change").as_array().at(0).at("difference").as_int64(), -4);
}

TEST(InstrumentCli, OutOfRangeAnswerFailsNamingTheItem) {
  auto r = run("instrument score flacc " + kDefs, R"({"answers": {"face": 1, "legs": 3}})");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("answers.legs"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(InstrumentCli, BadJsonUnknownInstrumentAndMissingDefinitions) {
  EXPECT_EQ(run("instrument score flacc " + kDefs, "{not json").status, 1);
  auto unknown = run("instrument score flac " + kDefs, R"({"answers": {}})");
  EXPECT_EQ(unknown.status, 1);
  EXPECT_NE(unknown.err.find("no instrument 'flac'"), std::string::npos);
  auto nowhere = run("instrument list --definitions /nonexistent/relief");
  EXPECT_NE(nowhere.status, 0);
  EXPECT_NE(nowhere.err.find("/nonexistent/relief"), std::string::npos);
}

TEST(InstrumentCli, ListsEveryInstrument) {
  auto r = run("instrument list " + kDefs);
  ASSERT_EQ(r.status, 0) << r.err;
  auto list = boost::json::parse(r.out).as_array();
  EXPECT_GE(list.size(), 26u);
}

TEST(InstrumentCli, SiteSettingsFileChangesTheBands) {
  auto dir = std::filesystem::temp_directory_path() / ("relief-site-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "site.json") << R"({"instruments": {"flacc": {"bands": "alternative_s29"}}})";
  auto r = run("instrument score flacc " + kDefs + " --settings " + (dir / "site.json").string(),
               R"({"answers": {"face": 2, "legs": 2, "activity": 2, "cry": 1, "consolability": 0}})");
  std::filesystem::remove_all(dir);
  ASSERT_EQ(r.status, 0) << r.err;
  auto v = boost::json::parse(r.out).as_object();
  EXPECT_EQ(v.at("total").as_int64(), 7);
  EXPECT_EQ(v.at("band").at("label").as_string(), "moderate pain");  // severe under the default bands
  EXPECT_EQ(v.at("settings").at("bands").as_string(), "alternative_s29");
}

TEST(InstrumentCli, RecommendsAndRecordsAnOverride) {
  auto r = run("instrument recommend --age-months 30 " + kDefs);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(boost::json::parse(r.out).at("instrument").as_string(), "flacc");
  auto o = run("instrument recommend --age-months 30 --choose cheops --reason postoperative " + kDefs);
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(boost::json::parse(o.out).at("used").as_string(), "cheops");
  EXPECT_EQ(run("instrument recommend --age-months 30 --choose cheops " + kDefs).status, 1);  // no reason
}

TEST(InstrumentCli, CheckValidatesEverything) {
  auto r = run("instrument check " + kDefs);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("are valid"), std::string::npos);
}

}  // namespace
