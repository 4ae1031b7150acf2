#pragma once
// Why the prescribed doses cannot all be met. Each day's model is posted with every dose hard
// and its constraints in named groups that can be switched off ("dose:p04-PT",
// "availability:pt1", "capacity:gym1", "blocks:p04", "daily-limit:pt1", "rest:p04"); a deletion
// filter over the groups (each check is one Gecode search) leaves a minimal conflicting set.
#include <boost/json/value.hpp>
#include <functional>
#include <string>
#include <vector>

#include "schedule/model.hpp"

namespace relief::schedule {

struct Conflict {
  int day = -1;                     // -1: the week level (no day could take the sessions)
  std::vector<std::string> groups;  // machine names
  std::vector<std::string> reasons; // the same, in words
  bool minimal = true;              // false when some check ran out of time
  bool day_fits = false;            // explain_day: no conflict, the day can hold every task
};

// A short prescription's missing session and a day that could still take it (with the plan's
// other sessions of that day re-arranged): a solve from the plan may place it.
struct RoomFor {
  std::string prescription;
  int day = 0;
};

struct Explanation {
  bool all_doses_met = false;
  std::vector<Shortfall> shortfalls;  // from the best plan found
  std::vector<Conflict> conflicts;    // short prescriptions that no day can take, one per day tried
  std::vector<RoomFor> fits;          // short prescriptions a day could still take
  std::vector<std::string> undecided; // neither shown in the time
};

// With `plan`, its shortfalls are explained (the schedule board's plan); without, the instance is
// solved first, with 40% of the time.
Explanation explain(const Instance& in, double seconds, const std::function<void(const std::string&)>& progress = {},
                    const Plan* plan = nullptr);

// The conflict set of one day: `candidates` are the tasks (prescription indexes) that must all
// be placed. Exposed for tests. Returns an empty conflict when the day is feasible.
Conflict explain_day(const Instance& in, int day, const std::vector<int>& tasks, double seconds);

std::string describe_group(const Instance& in, int day, const std::string& group);
boost::json::value explanation_to_json(const Instance& in, const Explanation& e);

}  // namespace relief::schedule
