#include "core/age.hpp"

#include <chrono>
#include <stdexcept>

namespace relief {

Age age_on(Date birth, Date on) {
  if (on < birth) throw std::invalid_argument("age_on: date precedes birth");
  int months = (on.year - birth.year) * 12 + (on.month - birth.month);
  namespace chr = std::chrono;
  auto last_day = static_cast<int>(static_cast<unsigned>(
      chr::year_month_day_last{chr::year{on.year}, chr::month_day_last{chr::month{static_cast<unsigned>(on.month)}}}
          .day()));
  int anniversary_day = birth.day < last_day ? birth.day : last_day;
  if (on.day < anniversary_day) --months;
  return Age{months / 12, months};
}

}  // namespace relief
