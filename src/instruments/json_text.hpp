#pragma once
// Readable JSON output for people and scripts: two-space indentation and numbers written the way
// a clinician reads them (6, 62.5), not Boost.JSON's default exponent form (6E0, 6.25E1).
#include <boost/json/value.hpp>
#include <string>

namespace relief::instruments {

std::string to_readable_json(const boost::json::value& v);

// A score as JSON: an integer when it is whole, else the shortest decimal that reads back exactly.
boost::json::value json_number(double v);
// The same number as text, for messages: "6", "62.5".
std::string number_text(double v);

}  // namespace relief::instruments
