// Properties that must hold for every instant and date, checked with rapidcheck.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "core/age.hpp"
#include "core/time.hpp"
#include "fhir/search_params.hpp"

namespace relief {
namespace {

// Instants between 1900 and 2200.
rc::Gen<Instant> instants() {
  return rc::gen::map(rc::gen::inRange<std::int64_t>(-2'208'988'800'000LL, 7'258'118'400'000LL),
                      [](std::int64_t ms) { return Instant{ms}; });
}

TEST(TimeProperties, FormatThenParseIsIdentity) {
  EXPECT_TRUE(rc::check([] {
    Instant t = *instants();
    auto back = parse_instant(format_instant(t));
    RC_ASSERT(back.has_value());
    RC_ASSERT(back->ms == t.ms);
  }));
}

TEST(TimeProperties, AnInstantLiesInsideItsDay) {
  EXPECT_TRUE(rc::check([] {
    Instant t = *instants();
    Date d = date_of(t);
    RC_ASSERT(start_of_day(d).ms <= t.ms);
    RC_ASSERT(t.ms < start_of_day(add_days(d, 1)).ms);
    RC_ASSERT(parse_date(format_date(d)) == std::optional<Date>(d));
  }));
}

TEST(TimeProperties, AgeGrowsByTwelveMonthsAYear) {
  EXPECT_TRUE(rc::check([] {
    Date birth = date_of(*instants());
    int days = *rc::gen::inRange(0, 40 * 366);
    Date on = add_days(birth, days);
    Age a = age_on(birth, on);
    RC_ASSERT(a.total_months >= 0);
    RC_ASSERT(a.years == a.total_months / 12);
    Date next_year{on.year + 1, on.month, on.month == 2 && on.day == 29 ? 28 : on.day};
    RC_ASSERT(age_on(birth, next_year).total_months >= a.total_months + 11);
  }));
}

TEST(TimeProperties, EqualityDateSearchMatchesExactlyThatDay) {
  EXPECT_TRUE(rc::check([] {
    Instant t = *instants();
    std::optional<Instant> from, to;
    RC_ASSERT(fhir::narrow_date_range(format_date(date_of(t)), from, to));
    RC_ASSERT(from->ms <= t.ms && t.ms < to->ms);
    RC_ASSERT(to->ms - from->ms == 86'400'000);
  }));
}

}  // namespace
}  // namespace relief
