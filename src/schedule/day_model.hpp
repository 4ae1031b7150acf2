#pragma once
// One day of the unit as a Gecode constraint model (level B of docs/scheduling.md): every
// session to place gets a start slot, its leads and a room; patients, staff and rooms are
// unary/cumulative resources over optional tasks. Solved by branch and bound under limits.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "schedule/model.hpp"

namespace relief::schedule {

// Where one session sits: supervisors are implied by trainee leads.
struct Placement {
  int start = 0;
  std::vector<int> leads;  // staff indexes
  int room = -1;
  bool operator==(const Placement&) const = default;
};

struct DayTask {
  int rx = 0;                          // prescription index
  std::optional<Placement> pinned;     // must stay exactly here
  std::optional<Placement> previous;   // repair: where it was (moving costs), also the search hint
  // Beyond what level A expects the day to hold: the search tries "not placed" first, so the
  // sessions level A chose to drop (often one group session instead of several single ones)
  // are the ones left out, but a plan that places it anyway is still found when it is better.
  bool extra = false;
};

using PrimaryKey = std::pair<int, std::string>;  // (patient index, discipline)

struct DayProblem {
  int day = 0;
  std::vector<DayTask> tasks;
  std::map<PrimaryKey, int> primaries;  // continuity therapists already decided (staff index)
  // Continuity therapists to try first, where `primaries` leaves the choice open: a preference of
  // the search only, so the day's optimum (and its proven bound) stays the unrestricted one.
  std::map<PrimaryKey, int> preferred;
  int move_weight = 0;                  // cost of each task placed away from `previous`
  bool require_all = false;             // explain: dose is hard, every task must be placed
  std::set<std::string> relaxed;        // explain: constraint groups switched off (see explain.hpp)
  int dose_floor = 0;                   // child-sessions proven impossible here: the dose phase stops at it
  // Repair: a proven floor on the cost above the comfort (dose and moves); once a plan reaches it
  // the search stops, since only comfort could still improve. -1: none.
  long long enough = -1;
  // Repair: the slots before this one have passed (a sick call at 11:00, "delivered up to now"):
  // what is not pinned may start only from here. 0: the whole day is ahead.
  int earliest_start = 0;
  // Optional, one per task: a whole plan of the day to improve on (nullopt = not placed).
  std::vector<std::optional<Placement>> start_from;
};

struct SearchLimits {
  double seconds = 10;
  unsigned long fails = 0;  // 0: no failure limit
  bool first_only = false;  // feasibility checks: stop at the first plan
  // Lexicographic start: this share of the time goes to a lighter model that minimises the
  // missing sessions alone (DayModel's dose phase); its best plan is the incumbent the full model
  // improves on. Only when the problem has no start_from plan. 0: no dose phase.
  double dose_share = 0;
  // Stop once no plan has improved for this share of the time (0: never). Repair uses it: its
  // searches rarely prove the moves minimal, and a plan that waits for nothing is no better.
  double stall_share = 0;
};

struct DayProgress {
  long long objective = 0;
  long long bound = 0;
  double seconds = 0;
};
using DayProgressFn = std::function<void(const DayProgress&)>;

struct DaySolution {
  bool found = false;       // at least one plan
  bool optimal = false;     // search space exhausted: best is optimal (or, if !found, infeasible)
  std::vector<std::optional<Placement>> placed;  // per task; nullopt = not placed (shortfall)
  std::map<PrimaryKey, int> primaries;           // continuity therapists the plan uses
  long long objective = -1;                      // the model's weighted cost of the best plan
  long long bound = 0;                           // a proven lower bound on that cost
  long long comfort = -1;                        // the comfort part of the best plan's cost
  long long comfort_bound = 0;                   // a proven lower bound on the comfort part alone
  double seconds_to_first = -1;
  double seconds_to_best = -1;
  int solutions = 0;
};

DaySolution solve_day(const Instance& in, const DayProblem& problem, const SearchLimits& limits,
                      const DayProgressFn& progress = {});

// The leads' supervisors, as the plan lists them.
std::vector<std::string> supervisors_for(const Instance& in, const std::vector<int>& leads);

}  // namespace relief::schedule
