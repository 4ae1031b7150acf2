#pragma once
// FHIR R4 (4.0.1) JSON representations of Relief's core records, both ways.
// to_fhir never fails; *_from_fhir throws MalformedInput / ValidationError naming the element.
#include <array>
#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "core/episode.hpp"
#include "core/instrument_response.hpp"
#include "core/observation.hpp"
#include "core/patient.hpp"
#include "core/staff.hpp"
#include "fhir/references.hpp"

namespace relief::fhir {

inline constexpr std::string_view kFhirVersion = "4.0.1";
// Views of records that Relief's own APIs write: read and search only, no vread or history
// (the CapabilityStatement says so, and those interactions are answered 405).
inline constexpr std::array<std::string_view, 4> kReadOnlyTypes{"QuestionnaireResponse", "ServiceRequest", "Encounter",
                                                                "MedicationRequest"};
inline constexpr std::string_view kMrnSystem = "https://relief.example.org/fhir/sid/mrn";
inline constexpr std::string_view kReporterExtension = "https://relief.example.org/fhir/StructureDefinition/reporter";
inline constexpr std::string_view kTraineeExtension = "https://relief.example.org/fhir/StructureDefinition/trainee";
inline constexpr std::string_view kDisciplineSystem = "https://relief.example.org/fhir/CodeSystem/discipline";
// Canonical URL prefix of the instrument definitions, as Questionnaires: .../Questionnaire/flacc|1997
inline constexpr std::string_view kQuestionnaireBase = "https://relief.example.org/fhir/Questionnaire/";

// `synthetic` tags the resource as test data (v3-ActReason HTEST) so no one mistakes demo data.
boost::json::object to_fhir(const Patient& p, bool synthetic);
boost::json::object to_fhir(const Observation& o, bool synthetic);
boost::json::object to_fhir(const Staff& s, bool synthetic);
boost::json::object to_fhir(const InstrumentResponse& r, bool synthetic);
// Read-only: a visit or session recorded by Relief's own workflows.
boost::json::object to_fhir(const Encounter& e, bool synthetic);

// `today` bounds the birth date; the returned record has an empty meta (the store fills it).
Patient patient_from_fhir(std::string_view body, Date today);
// `local_bases`: this server's FHIR base URLs, under which an absolute reference is local
// (references.hpp); a reference to any other server is refused, never read as one of ours.
Observation observation_from_fhir(std::string_view body, Instant now, const std::vector<std::string>& local_bases = {});
Staff practitioner_from_fhir(std::string_view body);


// meta element shared by every resource: versionId, lastUpdated, and the synthetic tag.
boost::json::object resource_meta(const RecordMeta& m, bool synthetic);

}  // namespace relief::fhir
