#include "core/time.hpp"

#include <chrono>
#include <cstdio>

namespace relief {
namespace {
namespace chr = std::chrono;

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

chr::sys_days to_sys_days(Date d) {
  return chr::sys_days{chr::year{d.year} / chr::month{static_cast<unsigned>(d.month)} /
                       chr::day{static_cast<unsigned>(d.day)}};
}
}  // namespace

Instant now() {
  return Instant{chr::duration_cast<chr::milliseconds>(chr::system_clock::now().time_since_epoch()).count()};
}

std::optional<Date> parse_date(std::string_view s) {
  Date d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!digits(s, 0, 4, d.year) || !digits(s, 5, 2, d.month) || !digits(s, 8, 2, d.day)) return std::nullopt;
  chr::year_month_day ymd{chr::year{d.year}, chr::month{static_cast<unsigned>(d.month)},
                          chr::day{static_cast<unsigned>(d.day)}};
  if (!ymd.ok() || d.year < 1800) return std::nullopt;
  return d;
}

std::string format_date(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::optional<Instant> parse_instant(std::string_view s, bool allow_date_only) {
  auto date = parse_date(s.substr(0, 10));
  if (!date) return std::nullopt;
  if (s.size() == 10) {
    if (!allow_date_only) return std::nullopt;
    return start_of_day(*date);
  }
  int hh, mm, ss = 0;
  if (s.size() < 16 || s[10] != 'T' || !digits(s, 11, 2, hh) || s[13] != ':' || !digits(s, 14, 2, mm))
    return std::nullopt;
  std::size_t pos = 16;
  // FHIR requires seconds in dateTime/instant values.
  if (pos >= s.size() || s[pos] != ':' || !digits(s, pos + 1, 2, ss)) return std::nullopt;
  pos += 3;
  int millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    int scale = 100;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      millis += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;  // 60: a leap second, kept as :59.999
  if (ss == 60) { ss = 59; millis = 999; }
  int offset_minutes = 0;
  if (pos >= s.size()) return std::nullopt;  // a time needs a zone
  if (s[pos] == 'Z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh, om;
    if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(s, pos + 4, 2, om) ||
        oh > 14 || om > 59)
      return std::nullopt;
    offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  auto day_ms = chr::duration_cast<chr::milliseconds>(to_sys_days(*date).time_since_epoch()).count();
  return Instant{day_ms + ((hh * 60LL + mm - offset_minutes) * 60 + ss) * 1000 + millis};
}

std::string format_instant(Instant t) {
  chr::sys_time<chr::milliseconds> tp{chr::milliseconds{t.ms}};
  auto days = chr::floor<chr::days>(tp);
  chr::year_month_day ymd{days};
  chr::hh_mm_ss hms{tp - days};
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) {  // outside what FHIR's instant can say; printed as is
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", year, static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                  static_cast<int>(hms.subseconds().count()));
    return buf;
  }
  // Digit by digit rather than snprintf: every record written and every resource answered
  // carries timestamps, and snprintf was 4% of a chart write's instructions.
  std::string out = "0000-00-00T00:00:00.000Z";
  auto put = [&out](std::size_t at, long value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) out[at + i] = static_cast<char>('0' + value % 10);
  };
  put(0, year, 4);
  put(5, static_cast<unsigned>(ymd.month()), 2);
  put(8, static_cast<unsigned>(ymd.day()), 2);
  put(11, hms.hours().count(), 2);
  put(14, hms.minutes().count(), 2);
  put(17, hms.seconds().count(), 2);
  put(20, hms.subseconds().count(), 3);
  return out;
}

Date date_of(Instant t) {
  chr::sys_time<chr::milliseconds> tp{chr::milliseconds{t.ms}};
  chr::year_month_day ymd{chr::floor<chr::days>(tp)};
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

Instant start_of_day(Date d) {
  return Instant{chr::duration_cast<chr::milliseconds>(to_sys_days(d).time_since_epoch()).count()};
}

int weekday(Date d) {
  return ((days_between(Date{1970, 1, 5}, d) % 7) + 7) % 7;  // 1970-01-05 was a Monday
}

int days_between(Date from, Date to) { return static_cast<int>((to_sys_days(to) - to_sys_days(from)).count()); }

Date add_days(Date d, int days) { return date_of(Instant{start_of_day(d).ms + days * 86'400'000LL}); }

}  // namespace relief
