#pragma once
// The acute pain service's records as FHIR R4 resources, for other systems to read:
// a consult is a ServiceRequest (the request to the pain service) and an Encounter (the service's
// care from acceptance to sign-off, same id), a drug-bearing order (topical included) a
// MedicationRequest. Non-drug therapies are not medications and have no FHIR view yet.
#include <boost/json/object.hpp>

#include "programs/acute/service_records.hpp"

namespace relief::acute {

boost::json::object to_fhir_service_request(const AcuteConsult& c, bool synthetic);
boost::json::object to_fhir_encounter(const AcuteConsult& c, bool synthetic);
boost::json::object to_fhir_medication_request(const OrderRecord& o, bool synthetic);

// "PCA morphine 1 mg/mL: demand 0.4 mg, lockout 10 min, 4-h limit 6 mg" - what a nurse reads.
std::string order_summary(const ModalityOrder& o);

}  // namespace relief::acute
