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

// One number as that text writes it: a whole number below 9e15 as an integer ("1000000", where
// the shortest form would be "1e+06"), any other double in its shortest round-trip form,
// and a NaN or infinity, which JSON cannot hold, as null. The instruments' readable JSON uses it too.
std::string json_number_text(double d);

}  // namespace relief
