// Properties over random administrations: whatever is answered (or left out), a scored total
// lies within the instrument's PUBLISHED range, written here from the sources rather than taken
// from the definitions, so a definition that drifts from its paper fails.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "instrument_test_support.hpp"

namespace relief::instruments {
namespace {
using testing::defaults;

struct Published {
  const char* id;
  const char* scale;
  double min;
  double max;
};

// shared/reference/clinical.md 1.2, 2 and 3.
const std::vector<Published> kPublished{
    {"nrs-11", "total", 0, 10},          {"needle-pain-nrs", "total", 0, 10},  {"fps-r", "total", 0, 10},
    {"wong-baker-faces", "total", 0, 10}, {"flacc", "total", 0, 10},          {"r-flacc", "total", 0, 10},
    {"cheops", "total", 4, 13},          {"nips", "total", 0, 7},             {"n-pass", "pain", 0, 13},
    {"n-pass", "sedation", -10, 0},      {"comfort-b", "total", 6, 30},       {"poss", "total", 1, 4},
    {"umss", "total", 0, 4},             {"rass", "total", -5, 4},            {"fdi-child", "total", 0, 60},
    {"fdi-parent", "total", 0, 60},      {"pcs-c", "total", 0, 52},           {"pcs-c", "rumination", 0, 16},
    {"pcs-c", "magnification", 0, 12},   {"pcs-c", "helplessness", 0, 24},    {"fopq-c", "total", 0, 96},
    {"pedsql-generic", "total", 0, 100}, {"pedsql-generic", "physical", 0, 100},
    {"pedsql-generic", "psychosocial", 0, 100}, {"cali-21", "total", 0, 84},  {"cali-9", "total", 0, 100},
    {"promis-ped-pain-interference-8a", "raw", 8, 40}, {"promis-ped-anxiety-8a", "raw", 8, 40},
    {"promis-ped-depressive-symptoms-8a", "raw", 8, 40}, {"school-attendance", "percent_full_days", 0, 100},
};

// Random answers: each slot answered (with one of its items) or, when `gaps`, sometimes left out.
Administration random_administration(const Definition& d, bool gaps) {
  Administration a;
  std::set<std::string> one_of_skipped;
  for (const auto& s : d.scales)
    for (const auto& slot : s.slots)
      if (slot.items.size() > 1) {
        auto keep = *rc::gen::inRange<std::size_t>(0, slot.items.size());
        for (std::size_t i = 0; i < slot.items.size(); ++i)
          if (i != keep) one_of_skipped.insert(slot.items[i]);
      }
  for (const auto& item : d.items) {
    if (one_of_skipped.count(item.id)) continue;
    if (gaps && *rc::gen::inRange(0, 4) == 0) continue;
    const auto& set = d.responses_of(item);
    if (set.whole_number_range()) {
      a.answers[item.id] = {static_cast<double>(*rc::gen::inRange(*set.whole_min, *set.whole_max + 1)), ""};
    } else {
      const auto& option = set.options[*rc::gen::inRange<std::size_t>(0, set.options.size())];
      a.answers[item.id] = option.value ? AnswerValue{*option.value, ""} : AnswerValue{std::nullopt, option.code};
    }
  }
  // Of a behaviour graded two ways (N-PASS: pain or sedation side), only one side is non-zero.
  for (const auto& group : d.one_side_only) {
    auto keep = *rc::gen::inRange<std::size_t>(0, group.size());
    for (std::size_t i = 0; i < group.size(); ++i)
      if (i != keep && a.answers.count(group[i])) a.answers[group[i]] = {0.0, ""};
  }
  a.context["gestational_age_weeks"] = *rc::gen::inRange(23, 43);
  return a;
}

void check_ranges(bool gaps) {
  for (const auto& p : kPublished) {
    const auto& d = defaults().get(p.id);
    auto a = random_administration(d, gaps);
    if (d.id == "school-attendance") {  // the days must fit the days enrolled
      a.answers["days_enrolled"] = {static_cast<double>(*rc::gen::inRange(0, 200)), ""};
      a.answers["period"] = {std::nullopt, "year"};  // up to 366 days enrolled
      a.answers.erase("days_partial");
      a.answers.erase("days_missed_pain");
      a.answers["days_full_attended"] = {static_cast<double>(*rc::gen::inRange(0, static_cast<int>(*a.answers["days_enrolled"].number) + 1)), ""};
    }
    auto r = score(d, a);
    const auto* s = r.scale(p.scale);
    RC_ASSERT(s != nullptr);
    if (!s->value) continue;
    RC_ASSERT(*s->value >= p.min - 1e-9);
    RC_ASSERT(*s->value <= p.max + 1e-9);
    if (s->band) RC_ASSERT(*s->value >= s->band->min && *s->value <= s->band->max + 1);
  }
}

RC_GTEST_PROP(InstrumentProperties, CompleteAnswersScoreWithinThePublishedRange, ()) { check_ranges(false); }

RC_GTEST_PROP(InstrumentProperties, PartialAnswersNeverLeaveThePublishedRange, ()) { check_ranges(true); }

RC_GTEST_PROP(InstrumentProperties, EveryCompleteAdministrationIsScoredAndBanded, ()) {
  // A complete set of answers always gets a total, and a total inside the bands gets a band.
  for (const char* id : {"flacc", "nips", "cheops", "comfort-b", "fdi-child", "pcs-c", "nrs-11", "umss"}) {
    const auto& d = defaults().get(id);
    auto r = score(d, random_administration(d, false));
    RC_ASSERT(r.total().value.has_value());
    RC_ASSERT(r.total().band.has_value());
    RC_ASSERT(r.total().missing.decision == std::string("complete"));
  }
}

RC_GTEST_PROP(InstrumentProperties, ProratedFdiStaysWithinRangeAndNearTheRawSum, ()) {
  auto library = testing::shipped_library(testing::choose("fdi-child", "missing_data", "prorate_up_to_2"));
  const auto& d = library.get("fdi-child");
  auto a = random_administration(d, false);
  const int drop = *rc::gen::inRange(0, 3);
  for (int i = 0; i < drop; ++i) a.answers.erase(std::to_string(15 - i));
  auto r = score(d, a);
  RC_ASSERT(r.total().value.has_value());
  RC_ASSERT(*r.total().value >= 0 && *r.total().value <= 60);
  RC_ASSERT(*r.total().value >= *r.total().raw);                 // proration only adds
  RC_ASSERT(*r.total().value <= *r.total().raw + 4 * drop + 0.5);  // at most the missing items' maximum
}

}  // namespace
}  // namespace relief::instruments
