#pragma once
// What the service's own orders have already delivered in the last 24 hours, as the dose check's
// "given doses": catheter infusions at their rate for the hours they ran, blocks when given, and
// scheduled doses at every interval since they started (the daily maximum must survive every
// allowed dose). Without this, a new block after a day-long epidural would be checked against the
// epidural's future alone.
//
// This is inferred from the orders, not read from a medication administration record: boluses
// given and doses skipped are not known to Relief yet.
#include <vector>

#include "programs/acute/dose_check.hpp"
#include "programs/acute/service_records.hpp"

namespace relief::acute {

// `orders`: the patient's orders, active and stopped (each at its current version).
std::vector<GivenDose> delivered_last_24h(const std::vector<OrderRecord>& orders, Instant now);

}  // namespace relief::acute
