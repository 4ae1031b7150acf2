// The shipped formulary's provenance, loading errors that name file and path, and site settings.
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "acute_test_support.hpp"

namespace relief::acute {
namespace {
using namespace testing;

TEST(Formulary, EveryShippedLimitHasASourceEvidenceAndTheCanonicalUnit) {
  const auto& f = shipped_formulary();
  EXPECT_TRUE(contains(f.notice(), "pharmacy must confirm"));
  std::size_t limits = 0;
  for (const auto* d : f.drugs()) {
    for (const auto& l : d->limits) {
      ++limits;
      EXPECT_FALSE(l.source.empty()) << l.rule_id();
      EXPECT_EQ(l.unit, canonical_unit(l.measure)) << l.rule_id();
      // Shipped values are reference values; only a site's pharmacy marks one confirmed.
      EXPECT_FALSE(l.pharmacy_confirmed) << l.rule_id();
      if (l.evidence == Evidence::derived) {
        EXPECT_FALSE(l.note.empty()) << l.rule_id();
      }
    }
  }
  EXPECT_GT(limits, 60u);
  for (auto id : {"morphine", "hydromorphone", "fentanyl", "bupivacaine", "ropivacaine", "lidocaine", "clonidine",
                  "acetaminophen", "ibuprofen", "ketorolac"})
    EXPECT_NE(f.find(id), nullptr) << id;
}

TEST(Formulary, WhereSourcesDisagreeTheSiteChooses) {
  const auto& f = shipped_formulary();
  auto choice = [&](const char* drug, const char* id) -> const SiteChoice* {
    const auto* d = f.find(drug);
    if (!d) return nullptr;
    auto found = d->choices.find(id);
    return found == d->choices.end() ? nullptr : &found->second;
  };
  for (auto [drug, id] : std::vector<std::pair<const char*, const char*>>{{"acetaminophen", "daily-max"},
                                                                           {"ketorolac", "daily-cap"},
                                                                           {"ketorolac", "iv-dose-cap"},
                                                                           {"lidocaine", "plain-max"},
                                                                           {"bupivacaine", "infusion-ceiling"}}) {
    const auto* c = choice(drug, id);
    ASSERT_NE(c, nullptr) << drug << "/" << id;
    EXPECT_GE(c->options.size(), 2u);
    EXPECT_EQ(c->chosen, c->default_option);
    // Every option has at least one limit (or reduction) behind it, so a choice always changes something.
    const auto* d = f.find(drug);
    for (const auto& [option, text] : c->options) {
      bool used = std::any_of(d->limits.begin(), d->limits.end(), [&](const Limit& l) {
        auto s = l.when.site_choice.find(id);
        return s != l.when.site_choice.end() && s->second == option;
      });
      EXPECT_TRUE(used) << drug << "/" << id << "=" << option;
    }
  }
}

class FormularyFiles : public ::testing::Test {
 protected:
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("relief-formulary-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                               "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  void SetUp() override { std::filesystem::create_directories(dir); }
  void TearDown() override { std::filesystem::remove_all(dir); }
  void write(const std::string& name, const std::string& text) { std::ofstream(dir / name) << text; }
  std::vector<Problem> problems_loading() {
    try {
      Formulary::load_directory(dir);
    } catch (const ValidationError& e) {
      return e.problems();
    }
    return {};
  }
};

const char* kGoodDrug = R"({"notice": "Reference values that the site's pharmacy must confirm.",
  "drugs": [{"id": "testamol", "name": "Testamol", "class": "non_opioid", "routes": ["oral"],
    "limits": [{"id": "day", "measure": "day_per_kg", "strength": "hard", "value": 60, "unit": "mg/kg/day",
                "source": "[S0]", "evidence": "V"}]}]})";

TEST_F(FormularyFiles, AWrongUnitIsRefusedNamingFileAndPath) {
  std::string bad = kGoodDrug;
  bad.replace(bad.find("mg/kg/day"), 9, "mg/kg");
  write("testamol.json", bad);
  auto problems = problems_loading();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "testamol.json:/drugs/0/limits/0/unit");
  EXPECT_TRUE(contains(problems[0].message, "mg/kg/day"));
}

TEST_F(FormularyFiles, EveryProblemInEveryFileIsReported) {
  write("a.json", R"({"notice": "Reference values that the site's pharmacy must confirm.",
    "drugs": [{"id": "a", "name": "A", "class": "opioidz", "routes": ["iv"],
      "limits": [{"id": "x", "measure": "pca_demand_per_kg", "strength": "firm", "value": -1, "unit": "mcg/kg",
                  "source": "[S1]", "evidence": "Q", "max_age_month": 3}]}]})");
  write("b.json", "{ not json");
  write("c.json", R"({"drugs": []})");
  auto problems = problems_loading();
  auto has = [&](const std::string& field, const std::string& words) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const Problem& p) { return p.field == field && contains(p.message, words); });
  };
  EXPECT_TRUE(has("a.json:/drugs/0/class", "opioid")) << problems.size();
  EXPECT_TRUE(has("a.json:/drugs/0/limits/0/strength", "hard"));
  EXPECT_TRUE(has("a.json:/drugs/0/limits/0/value", "greater than zero"));
  EXPECT_TRUE(has("a.json:/drugs/0/limits/0/evidence", "V, P, M"));
  EXPECT_TRUE(has("a.json:/drugs/0/limits/0/max_age_month", "unknown key"));
  EXPECT_TRUE(std::any_of(problems.begin(), problems.end(), [](const Problem& p) { return contains(p.field, "b.json"); }));
  EXPECT_TRUE(has("c.json:/notice", "required"));
}

TEST_F(FormularyFiles, ChoicesMustNameDeclaredOptionsAndDrugsAreDefinedOnce) {
  write("a.json", R"({"notice": "Reference values that the site's pharmacy must confirm.",
    "drugs": [{"id": "testamol", "name": "T", "class": "non_opioid", "routes": ["oral"],
      "choices": {"daily": {"description": "d", "options": {"x": "x", "y": "y"}, "default": "z"}},
      "limits": [{"id": "l", "measure": "day", "strength": "hard", "value": 1, "unit": "mg/day",
                  "when": {"site_choice": {"daily": "w"}}, "source": "[S]", "evidence": "V"}]}]})");
  write("b.json", kGoodDrug);
  write("c.json", kGoodDrug);
  auto problems = problems_loading();
  auto fields = [&] {
    std::string all;
    for (const auto& p : problems) all += p.field + " " + p.message + "\n";
    return all;
  }();
  EXPECT_TRUE(contains(fields, "a.json:/drugs/0/choices/daily/default")) << fields;
  EXPECT_TRUE(contains(fields, "a.json:/drugs/0/limits/0/when")) << fields;
  EXPECT_TRUE(contains(fields, "c.json:/drugs/0/id drug 'testamol' is already defined in b.json")) << fields;
}

TEST_F(FormularyFiles, AGoodFileLoadsAndAnEmptyDirectoryDoesNot) {
  EXPECT_FALSE(problems_loading().empty());
  write("testamol.json", kGoodDrug);
  EXPECT_TRUE(problems_loading().empty());
}

TEST(FormularySettings, SoftLimitsChangeWithAReasonHardLimitsNever) {
  const auto& base = shipped_formulary();
  auto settings = parse_formulary_settings(boost::json::parse(R"({
    "choices": {"acetaminophen/daily-max": "s109-label"},
    "soft_limits": {"morphine/pca-demand-soft": {"value": 15, "reason": "pharmacy and therapeutics committee 2025-02"}}})"));
  auto site = base.configured(settings);
  EXPECT_EQ(site.find("acetaminophen")->choices.at("daily-max").chosen, "s109-label");
  // 0.4 mg for 20 kg = 20 mcg/kg: fine by the reference soft limit, over the site's 15.
  auto o = morphine_pca(0.4, 10);
  o.limit_1h = DrugAmount{2, AmountUnit::mg};
  o.limit_4h = DrugAmount{6, AmountUnit::mg};
  EXPECT_TRUE(check(child(20, 120), make_order(o)).findings.empty());
  auto result = check(child(20, 120), make_order(o), {}, {}, site);
  auto f = result.find("morphine/pca-demand-soft");
  ASSERT_NE(f, nullptr);
  EXPECT_DOUBLE_EQ(f->limit->value, 15);
  EXPECT_TRUE(contains(f->source, "pharmacy and therapeutics committee"));
  EXPECT_TRUE(contains(f->source, "[S93]"));  // the reference it replaced stays visible

  auto disabled = base.configured({{}, {{"morphine/pca-1h-soft", {std::nullopt, true, "pump enforces it"}}}});
  EXPECT_EQ(check(child(20, 120), make_order(morphine_pca(0.4, 10)), {}, {}, disabled).find("morphine/pca-1h-soft"), nullptr);

  auto refused = [&](FormularySettings s, const std::string& words) {
    try {
      base.configured(s);
    } catch (const ValidationError& e) {
      return contains(e.what(), words);
    }
    return false;
  };
  EXPECT_TRUE(refused({{}, {{"morphine/pca-demand-hard", {40, false, "we want more"}}}}, "hard limit"));
  EXPECT_TRUE(refused({{}, {{"morphine/pca-demand-soft", {25, false, ""}}}}, "reason"));
  EXPECT_TRUE(refused({{{"acetaminophen/daily-max", "90"}}, {}}, "no option '90'"));
  EXPECT_TRUE(refused({{{"paracetamol/daily-max", "s111-conservative"}}, {}}, "no drug 'paracetamol'"));
  EXPECT_TRUE(refused({{{"acetaminophen/weekly-max", "x"}}, {}}, "no site choice"));
  EXPECT_THROW(parse_formulary_settings(boost::json::parse(R"({"choise": {}})")), ValidationError);
}

TEST(Formulary, StrictestPicksTheLowestApplicableMaximumAfterReductions) {
  const auto& f = shipped_formulary();
  const auto& lido = *f.find("lidocaine");
  // 3 months, infiltration, plain: 4 mg/kg less 30% = 2.8 mg/kg.
  auto s = f.strictest(lido, Measure::single_dose_per_kg, LimitContext{3, 53, 5, {Route::infiltration}, false});
  ASSERT_TRUE(s.hard);
  EXPECT_NEAR(s.hard->value, 4 * 0.7, 1e-12);
  EXPECT_EQ(s.hard->reductions.size(), 1u);
  // With the site's under-8 option, a 5-year-old gets 80% of 4 = 3.2.
  auto site = f.configured({{{"lidocaine/under-8-years", "80-percent"}}, {}});
  auto five = site.strictest(*site.find("lidocaine"), Measure::single_dose_per_kg,
                             LimitContext{60, std::nullopt, 20, {Route::infiltration}, false});
  EXPECT_NEAR(five.hard->value, 4 * 0.8, 1e-12);
}

}  // namespace
}  // namespace relief::acute
