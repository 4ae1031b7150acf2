#pragma once
// Continuity of care: each child's main therapist for each continuity discipline (PT, OT by
// default). Decided once for the week, before any day is timetabled, so every day leads to the
// same person and no therapist becomes the main one of more children than the week can hold.
#include <map>

#include "schedule/day_model.hpp"
#include "schedule/model.hpp"

namespace relief::schedule {

// The therapist a prescription names (primary_staff), else one chosen to balance the therapists'
// weeks: the children with the most sessions first, each to the qualified therapist who can give
// the most of the child's sessions (on the days they work, within their daily limit, and within
// what their week has left), then the one with the smallest share of their weekly sessions
// already promised. Trainees only when no one else qualified works that week (a trainee's session
// also takes the supervisor's time). `kept`: main therapists already decided (a starting plan's),
// kept and counted like named ones.
std::map<PrimaryKey, int> choose_main_therapists(const Instance& in, const std::map<PrimaryKey, int>& kept = {});

// Only the named ones (primary_staff) and `kept`: what a one-day instance fixes.
std::map<PrimaryKey, int> named_main_therapists(const Instance& in, const std::map<PrimaryKey, int>& kept = {});

// The main therapists a plan already has: the one the prescription names, else whoever leads
// most of the child's sessions of that discipline (the validator's rule; ties to the first).
std::map<PrimaryKey, int> main_therapists_of(const Instance& in, const Plan& plan);

}  // namespace relief::schedule
