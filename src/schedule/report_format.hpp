#pragma once
// The validator's report as JSON: one shape for `relief schedule validate` and the HTTP API.
#include <boost/json/object.hpp>

#include "schedule/validator.hpp"

namespace relief::schedule {

boost::json::object report_to_json(const ValidationReport& report);

}  // namespace relief::schedule
