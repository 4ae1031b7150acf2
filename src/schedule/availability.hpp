#pragma once
// Where a session may start, derived from the instance: the solver, the baseline and repair
// use these. The validator deliberately does not: it re-checks slot by slot on its own.
#include <vector>

#include "schedule/model.hpp"

namespace relief::schedule {

bool staff_works_on(const Staff& s, int day);
// On the unit that day: free for at least one slot (a whole day's sick call leaves none). Whose
// load counts for fairness (the validator's load spread).
bool staff_on_unit(const Instance& in, const Staff& s, int day);
bool staff_free_at(const Staff& s, int day, int slot);
bool patient_blocked_at(const Instance& in, const Patient& p, int day, int slot);

// Starts t such that [t, t + duration) lies inside the day and is free for the person.
std::vector<int> staff_starts(const Instance& in, const Staff& s, int day, int duration);
std::vector<int> patient_starts(const Instance& in, const Patient& p, int day, int duration);
int staff_free_slots(const Instance& in, const Staff& s, int day);
int patient_free_slots(const Instance& in, const Patient& p, int day);

std::vector<int> qualified_staff(const Instance& in, const std::string& activity);  // trainees included
std::vector<int> suitable_rooms(const Instance& in, const Prescription& rx);       // kind and capacity fit

}  // namespace relief::schedule
