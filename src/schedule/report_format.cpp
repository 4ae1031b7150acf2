#include "schedule/report_format.hpp"

#include <boost/json.hpp>

namespace relief::schedule {

boost::json::object report_to_json(const ValidationReport& r) {
  boost::json::array violations;
  for (auto& v : r.violations) violations.push_back({{"rule", v.rule}, {"message", v.message}});
  boost::json::object costs{{"dose_shortfall", r.costs.dose_shortfall}, {"continuity", r.costs.continuity},
                            {"preference", r.costs.preference},         {"load_spread", r.costs.load_spread},
                            {"idle_slots", r.costs.idle_slots},         {"weighted", r.costs.weighted()}};
  boost::json::array shortfalls;
  for (auto& s : r.shortfalls)
    shortfalls.push_back({{"prescription", s.prescription}, {"prescribed", s.prescribed}, {"placed", s.placed}});
  return {{"feasible", r.feasible()}, {"hard_violations", r.violations.size()}, {"violations", violations},
          {"soft_costs", costs}, {"shortfalls", shortfalls}};
}

}  // namespace relief::schedule
