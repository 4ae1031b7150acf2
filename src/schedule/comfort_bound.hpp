#pragma once
// A proven lower bound on the comfort costs of one day (the costs below the dose: continuity,
// preference, load spread, idle), from what every valid plan must have:
// - each child's own day: its sessions at starts where the child is free and some qualified
//   lead is on duty, with the rest gap and the back-to-back limit, and nothing else (no other
//   child, no lead taken by another session, no room). The fewest idle slots plus preference
//   costs such a day can have is found exactly, slot by slot; the real plan can only do worse;
// - load spread a discipline cannot avoid: when its staff alone lead its activities (and no
//   trainee changes how many people a session books), the day's sessions of those activities
//   are a fixed total over its staff on duty, and a total that does not divide evenly leaves
//   the busiest one at least one session above the least busy.
// Both depend on which sessions are placed, so the bound is the least over every way of leaving
// out exactly the proven number of missing child-sessions (see day_comfort_bound).
#include <vector>

#include "schedule/model.hpp"

namespace relief::schedule {

// One child's day alone: for every mix of its sessions (counts per prescription, at most
// `most`), the fewest weighted idle slots plus preference costs a plan can give it. Beyond 4096
// mixes (a child with a dozen prescriptions) every entry is 0: nothing is claimed.
struct ChildDayCosts {
  std::vector<int> rxs;           // the child's prescriptions
  std::vector<int> most;          // sessions of each at most
  std::vector<long long> least;   // by mixed-radix index of the counts; -1: that mix does not fit
  long long at(const std::vector<int>& counts) const;  // counts per entry of rxs
};
ChildDayCosts child_day_costs(const Instance& in, int patient, int day, const std::vector<int>& tasks);

// A lower bound on the comfort cost (weighted) of any plan of `day` that places, of prescription
// r, `tasks[r]` sessions minus the ones it leaves out, leaving out exactly `missing`
// child-sessions in all (dose_weight).
// Every such choice is tried when there are at most `max_choices` of them; otherwise each child
// is assumed to lose whichever of its own sessions suit it best, as many as suits the children
// best with `missing` lost in all, and load spread is not counted (weaker, still a bound). -1
// when no choice fits every child's day.
long long day_comfort_bound(const Instance& in, int day, const std::vector<int>& tasks, int missing,
                            long long max_choices = 200000);

}  // namespace relief::schedule
