#pragma once
// A child's age as clinicians state it: completed years and completed months.
#include "core/time.hpp"

namespace relief {

struct Age {
  int years = 0;         // completed years
  int total_months = 0;  // completed months since birth (infant scales and dosing use these)
  int months_past_year() const { return total_months - years * 12; }
};

// Completed months: a month is complete on the same day-of-month as the birth day, or on the
// last day of a shorter month (born 31 January: one month old on 28/29 February).
// Returns nullopt-like negative ages as an error by contract: `on` must not precede `birth`.
Age age_on(Date birth, Date on);

}  // namespace relief
