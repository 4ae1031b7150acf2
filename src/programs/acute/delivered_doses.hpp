#pragma once
// What the service's own orders have already delivered in the last 24 hours, as the dose check's
// "given doses": catheter infusions at their rate for the hours they ran, blocks when given, and
// scheduled doses at every interval since they started (the daily maximum must survive every
// allowed dose). Without this, a new block after a day-long epidural would be checked against the
// epidural's future alone.
//
// This is inferred from the orders, not read from a medication administration record: boluses
// given and doses skipped are not known to Relief yet.
#include <map>
#include <string>
#include <vector>

#include "programs/acute/dose_check.hpp"
#include "programs/acute/service_records.hpp"

namespace relief::acute {

// `orders`: the patient's orders, active and stopped (each at its current version).
std::vector<GivenDose> delivered_last_24h(const std::vector<OrderRecord>& orders, Instant now);

// When each drug's current course began: its orders' runs (start to stop, or now) joined where
// the next starts within 24 hours of the last one ending, and the latest run kept if it is still
// going or ended less than 24 hours ago. A changed order keeps its first start. Drugs without a
// current course are absent.
std::map<std::string, Instant> course_starts(const std::vector<OrderRecord>& orders, Instant now);

// A running order whose drug limits the length of a course (ketorolac) falls due for review when
// its course (facts.course_started) reaches the strictest applicable course_hours limit;
// overdue once that has passed. One item per such order, for the census.
std::vector<DueAssessment> course_reviews(const Formulary& formulary, const PatientFacts& facts,
                                          const std::vector<OrderRecord>& running, Instant now);

}  // namespace relief::acute
