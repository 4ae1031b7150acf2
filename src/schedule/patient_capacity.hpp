#pragma once
// How much therapy one child's day can hold, ignoring staff and rooms: the child's free stretches
// (between unit and personal blocks), the rest gap after each session and the back-to-back limit.
// Only the number of sessions of each length matters to that, so the answer is the set of count
// vectors (sessions of each length) that fit. Every rule used is one the validator checks, so
// "this vector does not fit" holds for every valid plan: level A (day_allocation.cpp) posts these
// sets, which makes its proven shortfall a much stronger dose bound than free-slot totals.
#include <vector>

#include "schedule/model.hpp"

namespace relief::schedule {

// The maximal stretches [from, to) of the day in which the patient has no block.
std::vector<std::pair<int, int>> patient_free_stretches(const Instance& in, const Patient& p, int day);

// Can `count` sessions taking `slots` slots in total all lie inside one free stretch of `length`
// slots? Between two sessions: at least `gap` slots of rest; with gap 0 and a back-to-back limit
// `max_consecutive` > 0, runs of at most that many sessions, separated by at least one free slot.
bool stretch_holds(int length, int slots, int count, int gap, int max_consecutive);

struct DayCapacity {
  std::vector<int> durations;              // distinct session lengths, in slots
  std::vector<std::vector<int>> feasible;  // count vectors over `durations` that fit the day
};

// Every vector with counts[k] <= most[k] sessions of durations[k] slots that fits the patient's
// day. The result is closed downwards (drop a session and the rest still fits).
// `core` (optional, [from, to) in slots): only that part of the day counts. With lead_hours it is
// still a relaxation; with core_hours it is not, so never for bounds: level A's planning pass uses
// the hours most staff are on, so that a child's day is not planned full to the minute around the
// few staff who work early or late.
DayCapacity patient_day_capacity(const Instance& in, const Patient& p, int day, const std::vector<int>& durations,
                                 const std::vector<int>& most, std::pair<int, int> core = {0, 1 << 20});

// The core hours of a day: from the first to the last slot at which at least half of the staff
// on duty that day are free (staff on no duty that day do not count).
std::pair<int, int> core_hours(const Instance& in, int day);

// The part of the day in which any session of the patient can take place at all: from the first
// to the last slot at which someone qualified to lead one of its prescriptions is free. A
// session needs its leads free throughout, so none lies outside; a prescription that needs no
// lead makes it the whole day. As `core` it keeps patient_day_capacity a relaxation, valid for
// bounds. It matters on long site days: 06:45-22:00 in the seed schedule, with therapists on
// 08:00-16:30; the generated units' day window is already their staff's 08:00-17:30.
std::pair<int, int> lead_hours(const Instance& in, const Patient& p, int day);

}  // namespace relief::schedule
