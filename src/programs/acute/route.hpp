#pragma once
// How a drug reaches the patient. Daily maxima sum every route (acetaminophen IV + oral), and
// cumulative local anaesthetic sums every catheter, block and bolus, so route is a fact of every
// dose, not of the drug.
#include <boost/describe.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace relief::acute {

enum class Route { iv, oral, rectal, im, subcutaneous, epidural, perineural, intrathecal, infiltration, topical };
BOOST_DESCRIBE_ENUM(Route, iv, oral, rectal, im, subcutaneous, epidural, perineural, intrathecal, infiltration, topical)

std::string to_string(Route r);                        // "iv", "epidural" ...
std::optional<Route> route_from_string(std::string_view s);
std::string route_label(Route r);                      // "IV", "oral", "epidural" for messages

}  // namespace relief::acute
