#pragma once
// An order as a prescriber's system sends it: only the fields it means. Omitted fields take their
// defaults (no basal rate, patient-controlled, a 15-minute bolus interval ...), where Boost.JSON's
// own conversion would insist on every key.
#include <boost/json/value.hpp>

#include "programs/acute/modality_order.hpp"

namespace relief::acute {

// Throws relief::ValidationError naming the field that cannot be read.
ModalityOrder order_from_json(const boost::json::value& v);

}  // namespace relief::acute
