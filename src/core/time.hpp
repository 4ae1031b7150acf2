#pragma once
// Instants and calendar dates as Relief stores and exchanges them.
// Instants are UTC milliseconds since the Unix epoch (ISO 8601 with "Z" on the wire);
// dates are proleptic Gregorian calendar dates (clinical local dates such as a birth date).
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace relief {

struct Instant {
  std::int64_t ms = 0;
  auto operator<=>(const Instant&) const = default;
};

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;
  auto operator<=>(const Date&) const = default;
};

Instant now();

// Accepts FHIR dateTime/instant forms with a time: "2024-03-01T08:15:00Z",
// "2024-03-01T08:15:00.250+02:00". A bare date is accepted as midnight UTC when
// allow_date_only is set (FHIR search prefixes compare dates that way).
std::optional<Instant> parse_instant(std::string_view text, bool allow_date_only = false);
std::string format_instant(Instant t);  // "2024-03-01T06:15:00.250Z"

std::optional<Date> parse_date(std::string_view text);  // exactly YYYY-MM-DD, a real day
std::string format_date(Date d);
Date date_of(Instant t);            // UTC calendar date of an instant
Instant start_of_day(Date d);       // midnight UTC
int days_between(Date from, Date to);
Date add_days(Date d, int days);
int weekday(Date d);  // 0 Monday ... 6 Sunday

}  // namespace relief
