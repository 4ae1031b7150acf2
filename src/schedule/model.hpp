#pragma once
// The IIPT unit's week as the scheduler sees it: time in slots, patients, staff, rooms,
// activities and prescriptions (the instance), and the sessions placed on it (the plan).
// Ids are the strings of the JSON format; the solver and validator index by position.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace relief::schedule {

// A stretch of one day, in slots from the start of the site's day window ([from, to)).
// day == kEveryDay applies on every day of the horizon.
inline constexpr int kEveryDay = -1;
struct Window {
  int day = kEveryDay;
  int from = 0;
  int to = 0;
  std::string label;
  bool covers(int d, int slot) const { return (day == kEveryDay || day == d) && slot >= from && slot < to; }
};

struct Activity {
  std::string id;
  std::string discipline;               // "PT", "OT", "psychology", "school", ...
  int duration = 4;                     // slots
  int staff_needed = 1;                 // leads per session
  std::vector<std::string> room_kinds;  // any room of one of these kinds will do
};

struct Room {
  std::string id;
  std::string kind;  // "gym", "therapy", "classroom", ...
  int capacity = 1;  // patients at once
  std::string name;  // what families read ("Gym", "Therapy room 3"); the id when not given
};

struct Staff {
  std::string id;
  std::string name;
  std::string discipline;
  std::vector<std::string> qualifications;  // activity ids this person may lead
  std::vector<Window> hours;                // when on the unit (per day, or every day)
  std::vector<Window> breaks;               // unavailable inside hours
  int max_sessions_per_day = 8;
  std::string supervisor;  // non-empty: a trainee, who leads only with this person present
  bool trainee() const { return !supervisor.empty(); }
};

// A soft wish: sessions of `activity` start within [from, to) (slots of any day).
struct Preference {
  std::string activity;
  int from = 0;
  int to = 0;
};

struct Patient {
  std::string id;
  std::string name;
  std::vector<Window> blocks;  // meals, visits, procedures off the unit: no session overlaps them
  int min_gap = 0;             // slots of rest required after each session
  int max_consecutive = 0;     // most sessions back to back; 0 = no limit
  std::vector<Preference> preferences;
};

// A weekly dose: `per_week` sessions of `activity`, at most `max_per_day` a day. With more than
// one patient it is a group prescription: every occurrence is one session shared by all of them.
struct Prescription {
  std::string id;
  std::string activity;
  std::vector<std::string> patients;
  int per_week = 1;
  int max_per_day = 1;
  std::string primary_staff;  // optional: the continuity-of-care therapist
};

// The dose is counted per child: a group session left out is a session missed by each of its
// members, so school for eight children weighs eight times one child's PT session. Counted per
// prescription instead, the solver dropped group sessions first (one unit of cost for eight
// children's missed hour): the 24-child week missed 14 sessions but 128 child-sessions.
inline int dose_weight(const Prescription& rx) { return rx.patients.empty() ? 1 : static_cast<int>(rx.patients.size()); }

struct Instance {
  int slot_minutes = 15;
  int day_start_minutes = 8 * 60;  // the site's day window, local time
  int slots_per_day = 36;
  int days = 5;
  std::vector<std::string> day_names;
  // Optional, for people reading the plan: the calendar date of each day (ISO yyyy-mm-dd, one
  // per day name or none), and the unit's name and telephone number for the family sheet.
  std::vector<std::string> dates;
  std::string unit_name;
  std::string unit_phone;
  std::vector<Window> unit_blocks;  // blocks every patient has (lunch)
  std::vector<std::string> continuity_disciplines{"PT", "OT"};
  std::vector<Activity> activities;
  std::vector<Room> rooms;
  std::vector<Staff> staff;
  std::vector<Patient> patients;
  std::vector<Prescription> prescriptions;

  int activity_index(const std::string& id) const;  // -1 when unknown
  int room_index(const std::string& id) const;
  int staff_index(const std::string& id) const;
  int patient_index(const std::string& id) const;
  int prescription_index(const std::string& id) const;
  std::string day_name(int day) const;
};

// One placed session of a prescription.
struct Session {
  std::string prescription;
  int day = 0;
  int start = 0;  // slot within the day
  std::vector<std::string> staff;        // leads
  std::vector<std::string> supervisors;  // present because a lead is a trainee
  std::string room;
  bool pinned = false;  // must not move (delivered, or fixed by the coordinator)
};

// Soft costs, recomputed by the validator. Weights make the sum lexicographic in practice:
// one child's missing session outweighs any amount of everything below it.
struct SoftCosts {
  int dose_shortfall = 0;     // child-sessions prescribed but not placed (see dose_weight)
  int continuity = 0;         // sessions not with the patient's main therapist of a discipline
  int preference = 0;         // sessions outside a preferred time
  int load_spread = 0;        // per day and discipline: busiest minus least busy staff (sessions)
  int idle_slots = 0;         // holes inside a patient's day
  long long weighted() const;
};
inline constexpr int kWeightDose = 10000;
inline constexpr int kWeightContinuity = 100;
inline constexpr int kWeightPreference = 10;
inline constexpr int kWeightLoadSpread = 5;
inline constexpr int kWeightIdle = 1;

struct Shortfall {
  std::string prescription;
  int prescribed = 0;
  int placed = 0;
};

// A moment of the horizon: a day and a slot within it.
struct Moment {
  int day = 0;
  int slot = 0;
  auto operator<=>(const Moment&) const = default;
};

struct Plan {
  std::vector<Session> sessions;
  // The sessions that began before this moment have been given (a repair for a sick call at
  // 13:00 records Mon 13:00): nothing moves before it or into it, in a later repair, a solve
  // from this plan or an explanation of its shortfalls. Unset: the whole horizon is ahead.
  std::optional<Moment> given_until;
  // True when session `s` began before given_until.
  bool given(const Session& s) const { return given_until && Moment{s.day, s.start} < *given_until; }
  // What the solver reports about how it got here; not part of what the validator checks.
  std::string status;  // "optimal", "feasible", "infeasible", "baseline", "repaired"
  long long objective = -1;
  long long bound = -1;
  std::vector<Shortfall> shortfalls;
  std::vector<std::string> moved;  // repair: descriptions of sessions that changed
};

// Slot arithmetic shared by every part.
std::string format_clock(int minutes_since_midnight);  // "08:15"
int parse_clock(const std::string& text);              // "08:15" -> 495; throws std::invalid_argument
int slot_of_clock(const Instance& in, const std::string& text);  // whole slots from day start; throws
std::string clock_of_slot(const Instance& in, int slot);

}  // namespace relief::schedule
