#include "fhir/search_params.hpp"

#include "fhir/resources.hpp"

#include <cctype>
#include <string>
#include <tuple>
#include <utility>

namespace relief::fhir {

namespace {

// A date-time search value denotes the interval its precision spans (FHIR R4 search, date:
// "matches ... are based on the behavior of intervals"): to the minute (10:00Z, which the spec's
// own examples use), the second, or the fraction given. Answers [low, high), or nothing.
std::optional<std::pair<Instant, Instant>> instant_interval(std::string_view value) {
  const bool to_the_minute = value.size() > 16 && value[10] == 'T' && value[13] == ':' && value[16] != ':';
  if (to_the_minute) {
    std::string with_seconds(value);
    with_seconds.insert(16, ":00");
    auto t = parse_instant(with_seconds);
    if (!t) return std::nullopt;
    return std::make_pair(*t, Instant{t->ms + 60'000});
  }
  auto t = parse_instant(value);
  if (!t) return std::nullopt;
  long long width = 1000;
  if (value.size() > 20 && value[19] == '.') {
    std::size_t digits = 0;
    while (20 + digits < value.size() && std::isdigit(static_cast<unsigned char>(value[20 + digits]))) ++digits;
    width = digits >= 3 ? 1 : digits == 2 ? 10 : 100;
  }
  return std::make_pair(*t, Instant{t->ms + width});
}

}  // namespace

bool narrow_date_range(std::string_view value, std::optional<Instant>& from, std::optional<Instant>& to) {
  std::string_view prefix = "eq";
  if (value.size() > 2 && std::isalpha(static_cast<unsigned char>(value[0]))) {
    prefix = value.substr(0, 2);
    value.remove_prefix(2);
  }
  // The range the value itself denotes: a whole year (2015), month (2015-04) or day (2015-04-23)
  // for a date; for a time, the minute, second or fraction it is given to.
  Instant low, high;
  const std::string text(value);
  if (auto d = parse_date(text)) {
    low = start_of_day(*d);
    high = start_of_day(add_days(*d, 1));
  } else if (auto month = text.size() == 7 ? parse_date(text + "-01") : std::nullopt) {
    low = start_of_day(*month);
    high = start_of_day(month->month == 12 ? Date{month->year + 1, 1, 1} : Date{month->year, month->month + 1, 1});
  } else if (auto year = text.size() == 4 ? parse_date(text + "-01-01") : std::nullopt) {
    low = start_of_day(*year);
    high = start_of_day(Date{year->year + 1, 1, 1});
  } else if (auto interval = instant_interval(value)) {
    std::tie(low, high) = *interval;
  } else {
    return false;
  }
  auto raise_from = [&](Instant t) { if (!from || *from < t) from = t; };
  auto lower_to = [&](Instant t) { if (!to || t < *to) to = t; };
  if (prefix == "eq") raise_from(low), lower_to(high);
  else if (prefix == "ge") raise_from(low);
  else if (prefix == "gt" || prefix == "sa") raise_from(high);
  else if (prefix == "le") lower_to(high);
  else if (prefix == "lt" || prefix == "eb") lower_to(low);
  else return false;
  return true;
}

Token parse_token(std::string_view value) {
  auto bar = value.find('|');
  if (bar == std::string_view::npos) return Token{std::nullopt, std::string(value)};
  return Token{std::string(value.substr(0, bar)), std::string(value.substr(bar + 1))};
}

std::optional<QuestionnaireWanted> questionnaire_wanted(std::string_view value) {
  QuestionnaireWanted out;
  if (auto bar = value.find('|'); bar != std::string_view::npos) {
    out.version = std::string(value.substr(bar + 1));
    value = value.substr(0, bar);
  }
  if (value.starts_with(kQuestionnaireBase)) value.remove_prefix(kQuestionnaireBase.size());
  else if (value.starts_with("Questionnaire/")) value.remove_prefix(std::string_view("Questionnaire/").size());
  // What is left is an id: anything with a '/' or ':' still in it is someone else's canonical.
  if (value.empty() || value.find_first_of("/:") != std::string_view::npos) return std::nullopt;
  out.instrument = std::string(value);
  return out;
}

}  // namespace relief::fhir
