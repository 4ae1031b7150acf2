#pragma once
// The documented JSON formats (docs/scheduling.md): instance in, plan out (and back in for
// validate, repair and --from). Times are "HH:MM" local clock; days are 0-based indexes.
#include <boost/json/value.hpp>
#include <stdexcept>
#include <string>

#include "schedule/model.hpp"

namespace relief::schedule {

// Input that cannot be used, with every problem found (field paths such as "staff[2].hours").
class FormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

Instance instance_from_json(const boost::json::value& v);  // throws FormatError
boost::json::value instance_to_json(const Instance& in);

Plan plan_from_json(const Instance& in, const boost::json::value& v);  // throws FormatError
boost::json::value plan_to_json(const Instance& in, const Plan& plan);

// Reads and parses a whole file; throws FormatError naming the file.
boost::json::value read_json_file(const std::string& path);
std::string to_pretty_json(const boost::json::value& v);

}  // namespace relief::schedule
