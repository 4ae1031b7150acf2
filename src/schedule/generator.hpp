#pragma once
// Realistic IIPT units for tests and benchmarks, after the seed's sample day (08:00-17:30 on the
// unit, lunch at noon, school after lunch): PT twice a day for most children, daily OT and
// pain-focused psychotherapy, acupuncture twice a week, school, group PT, recreation and a
// wellness activity as group sessions. The same seed always gives the same unit.
#include <cstdint>
#include <string>

#include "schedule/model.hpp"

namespace relief::schedule {

struct GeneratorOptions {
  int patients = 12;
  int staff = 30;
  int days = 5;
  std::uint64_t seed = 1;
  // Optional: a date (yyyy-mm-dd) in the week to plan; the days get the dates of that week from
  // its Monday. Empty: the days have names only.
  std::string week_of;
};

Instance generate_instance(const GeneratorOptions& options);  // throws std::invalid_argument on bad sizes

}  // namespace relief::schedule
