#pragma once
// What R4's JSON format forbids in any resource, whatever element it is in, so nothing Relief
// does not read is stored or answered as if it were fine:
// - null, except in an array of primitives that has its "_name" companion (json.html: the nulls
//   keep the two arrays aligned);
// - an empty object, array or string (json.html; ele-1: every element has a value or children);
// - a string with a control character other than TAB, CR and LF (datatypes.html#string).
#include <boost/json/value.hpp>

namespace relief::fhir {

// Throws ValidationError with one Problem per offending element, each naming its path
// ("note[0].text", "name[0].given[1]").
void refuse_what_fhir_json_forbids(const boost::json::value& resource);

}  // namespace relief::fhir
