#include <gtest/gtest.h>

#include "core/age.hpp"
#include "core/time.hpp"

namespace relief {
namespace {

Date d(const char* s) { return *parse_date(s); }

TEST(Age, CompletedYearsAndMonths) {
  // Born 2015-06-15; on 2024-03-01 the child is 8 years and 8 months (104 months).
  auto age = age_on(d("2015-06-15"), d("2024-03-01"));
  EXPECT_EQ(age.years, 8);
  EXPECT_EQ(age.total_months, 104);
  EXPECT_EQ(age.months_past_year(), 8);
}

TEST(Age, MonthIsNotCompleteUntilTheBirthDay) {
  EXPECT_EQ(age_on(d("2024-01-10"), d("2024-02-09")).total_months, 0);
  EXPECT_EQ(age_on(d("2024-01-10"), d("2024-02-10")).total_months, 1);
}

TEST(Age, BornOnTheLastDayOfALongMonth) {
  // Born 31 January: one month old on 29 February in a leap year.
  EXPECT_EQ(age_on(d("2024-01-31"), d("2024-02-28")).total_months, 0);
  EXPECT_EQ(age_on(d("2024-01-31"), d("2024-02-29")).total_months, 1);
}

TEST(Age, BirthdayItself) {
  EXPECT_EQ(age_on(d("2010-03-01"), d("2020-03-01")).years, 10);
  EXPECT_EQ(age_on(d("2010-03-01"), d("2020-02-29")).years, 9);
}

TEST(Age, RefusesADateBeforeBirth) { EXPECT_THROW(age_on(d("2020-01-02"), d("2020-01-01")), std::invalid_argument); }

TEST(Time, ParsesAndFormatsInstants) {
  auto t = parse_instant("2024-03-01T08:15:00+02:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_instant(*t), "2024-03-01T06:15:00.000Z");
  EXPECT_EQ(format_instant(*parse_instant("2024-03-01T06:15:00.25Z")), "2024-03-01T06:15:00.250Z");
  // Every field at its widest, a leap day, and the millisecond before the epoch.
  EXPECT_EQ(format_instant(*parse_instant("2024-02-29T23:59:59.999Z")), "2024-02-29T23:59:59.999Z");
  EXPECT_EQ(format_instant(Instant{1'700'000'000'123}), "2023-11-14T22:13:20.123Z");
  EXPECT_EQ(format_instant(Instant{-1}), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(format_instant(*parse_instant("1800-01-01T00:00:00Z")), "1800-01-01T00:00:00.000Z");  // the earliest accepted
}

TEST(Time, RefusesIncompleteOrImpossibleTimes) {
  EXPECT_FALSE(parse_instant("2024-03-01T08:15Z"));        // FHIR needs seconds
  EXPECT_FALSE(parse_instant("2024-03-01T08:15:00"));      // and a zone
  EXPECT_FALSE(parse_instant("2024-02-30T08:15:00Z"));     // no 30 February
  EXPECT_FALSE(parse_instant("2024-03-01T24:00:00Z"));
  EXPECT_FALSE(parse_instant("2024-03-01"));
  EXPECT_TRUE(parse_instant("2024-03-01", true));
  EXPECT_FALSE(parse_date("2023-02-29"));
  EXPECT_TRUE(parse_date("2024-02-29"));
}

TEST(Time, DayArithmetic) {
  EXPECT_EQ(format_date(add_days(d("2024-02-28"), 1)), "2024-02-29");
  EXPECT_EQ(format_date(add_days(d("2024-03-01"), -1)), "2024-02-29");
  EXPECT_EQ(days_between(d("2023-12-31"), d("2024-12-31")), 366);
}

}  // namespace
}  // namespace relief

namespace relief {
// The schedule names a unit's days by weekday from their dates: Monday 0 ... Sunday 6, on both
// sides of 1970 and across a leap day.
TEST(Time, WeekdayOfADate) {
  EXPECT_EQ(weekday(Date{2026, 11, 23}), 0);  // a Monday
  EXPECT_EQ(weekday(Date{2026, 11, 29}), 6);  // a Sunday
  EXPECT_EQ(weekday(Date{2024, 2, 29}), 3);   // a Thursday
  EXPECT_EQ(weekday(Date{1969, 12, 31}), 2);  // a Wednesday
}
}  // namespace relief
