#pragma once
// Whose chart a refused request was aimed at, so that the attempt is in that patient's access
// history (GET /api/v1/audit?patient=ID) however the request named the patient.
#include <map>
#include <string>

#include "http/message.hpp"
#include "store/store.hpp"

namespace relief::http {

// The patient named by the path (/fhir/Patient/ID, /api/v1/patients/ID), by a record of theirs
// (/fhir/Observation/ID and the other FHIR views), by a search (subject, patient, Patient?_id),
// or by a JSON body ("patient", "subject": {"reference"}). Empty when the request names none.
std::string patient_named_by(const Request& req, const std::map<std::string, std::string>& params, Reader& r);

}  // namespace relief::http
