// A visit or session Relief records (a ward round, a clinic visit, an IIPT therapy session, an
// acupuncture session) as a read-only FHIR R4 Encounter: the encounter an Observation names.
#include <boost/json.hpp>

#include "fhir/resources.hpp"

namespace relief::fhir {
namespace json = boost::json;

namespace {

const char* status_code(EncounterStatus s) {
  switch (s) {
    case EncounterStatus::planned: return "planned";
    case EncounterStatus::in_progress: return "in-progress";
    case EncounterStatus::finished: return "finished";
    case EncounterStatus::cancelled: return "cancelled";
    case EncounterStatus::entered_in_error: return "entered-in-error";
  }
  return "unknown";
}

// Rounds and the rehabilitation unit's sessions are inpatient care; clinic and acupuncture
// visits ambulatory (v3 ActCode, the R4 binding for Encounter.class).
json::object encounter_class(const std::string& kind) {
  const bool inpatient = kind == "inpatient-round" || kind == "therapy-session";
  return json::object{{"system", "http://terminology.hl7.org/CodeSystem/v3-ActCode"},
                      {"code", inpatient ? "IMP" : "AMB"},
                      {"display", inpatient ? "inpatient encounter" : "ambulatory"}};
}

}  // namespace

json::object to_fhir(const Encounter& e, bool synthetic) {
  std::string kind_text = e.kind;
  for (auto& c : kind_text)
    if (c == '-') c = ' ';
  json::object period{{"start", format_instant(e.start)}};
  if (e.end) period["end"] = format_instant(*e.end);
  json::object out{
      {"resourceType", "Encounter"},
      {"id", e.meta.id},
      {"meta", resource_meta(e.meta, synthetic)},
      {"status", status_code(e.status)},
      {"class", encounter_class(e.kind)},
      {"type", json::array{json::object{{"text", kind_text}}}},
      {"subject", json::object{{"reference", "Patient/" + e.patient_id}}},
      {"period", std::move(period)},
  };
  if (!e.participant_ids.empty()) {
    json::array participants;
    for (const auto& id : e.participant_ids)
      participants.emplace_back(json::object{{"individual", json::object{{"reference", "Practitioner/" + id}}}});
    out["participant"] = std::move(participants);
  }
  // The room or ward as text, as the acute service's consults carry it: a display-only reference.
  if (!e.location.empty()) out["location"] = json::array{json::object{{"location", json::object{{"display", e.location}}}}};
  return out;
}

}  // namespace relief::fhir
