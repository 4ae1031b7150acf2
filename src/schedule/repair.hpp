#pragma once
// Re-planning after something changes on the unit: a therapist calls in sick, a child is off the
// unit for a procedure, a new admission, or simply "everything before now was delivered".
// Delivered sessions stay pinned. The disturbed neighbourhood is re-solved first by the day model
// with a cost on every session that moves, then the whole day still to come from that plan, so
// as few move as possible.
#include <boost/json/value.hpp>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "schedule/model.hpp"

namespace relief::schedule {

struct Change {
  enum class Kind { sick, off_unit, admit, delivered } kind = Kind::sick;
  std::string who;  // staff or patient id
  int day = 0;
  int from = 0;  // slots; sick: from this slot to the end of the day
  bool timed = false;  // sick: a time was given ("going home at 10:45" happens now; a whole day may be planned ahead)
  int to = 0;
  Patient patient;                          // admit
  std::vector<Prescription> prescriptions;  // admit
};

// "sick:STAFF:DAY[:HH:MM]", "off-unit:PATIENT:DAY:HH:MM-HH:MM", "admit:FILE.json",
// "delivered:DAY:HH:MM"; DAY is an index or a day name. Throws FormatError.
Change parse_change(const Instance& in, const std::string& text);
// An admission given as JSON ({"patient", "prescriptions", "from_day"}); `where` names it in errors.
// The HTTP API uses this directly: over the network an admission never names a server file.
Change admission_from_json(const Instance& in, const boost::json::value& v, const std::string& where);
Instance apply_change(const Instance& in, const Change& change);

struct RepairResult {
  Instance instance;  // the instance after the changes: the repaired plan is valid against it
  Plan plan;          // plan.moved lists what changed against the plan before the first change
  double seconds = 0;
  int sessions_on_changed_days = 0;   // on the days the changes disturbed, as last repaired
  std::map<int, int> sessions_by_day;  // the same, by day
};

// Several changes (two sick calls on one morning) are applied in the order given, each repaired
// from the plan the one before left, within one time limit. Throws FormatError.
RepairResult repair_plan(const Instance& in, const Plan& plan, const std::vector<Change>& changes, double seconds,
                         const std::function<void(const std::string&)>& progress = {});
RepairResult repair_plan(const Instance& in, const Plan& plan, const Change& change, double seconds,
                         const std::function<void(const std::string&)>& progress = {});

// "moved ...", "dropped ...", "added ..." lines: what differs between two plans of one instance
// (sessions matched by prescription and day; one in both plans exactly is unchanged).
std::vector<std::string> plan_changes(const Instance& in, const Plan& before, const Plan& after);

}  // namespace relief::schedule
