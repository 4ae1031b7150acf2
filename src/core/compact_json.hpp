#pragma once
// JSON text for the wire, as boost::json::serialize writes it except for doubles: Boost.JSON 1.81
// writes every double in exponent form with 17 significant digits (18.5 -> "1.85E1", 37.2 ->
// "3.72E1"), which FHIR clients read as a different precision than was recorded (R4
// datatypes.html#decimal: the precision is part of the value). Here a double is written in its
// shortest form that reads back to the same double ("18.5", "37.2", "1e+21").
#include <boost/json/value.hpp>
#include <string>

namespace relief {

std::string compact_json(const boost::json::value& v);

}  // namespace relief
