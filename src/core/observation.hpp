#pragma once
#include <boost/describe.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/record_meta.hpp"

namespace relief {

enum class ObservationStatus { registered, preliminary, final, amended, corrected, cancelled, entered_in_error, unknown };
BOOST_DESCRIBE_ENUM(ObservationStatus, registered, preliminary, final, amended, corrected, cancelled,
                    entered_in_error, unknown)
std::string fhir_code(ObservationStatus s);  // "entered-in-error" ...
std::optional<ObservationStatus> observation_status_from_fhir(std::string_view code);

// Whose report a value is. Pain is what the child says it is; a parent's or nurse's
// rating of the same moment is a different observation and is charted apart.
enum class Reporter { self, parent, clinician, other };
BOOST_DESCRIBE_ENUM(Reporter, self, parent, clinician, other)
std::optional<Reporter> reporter_from_string(std::string_view s);
std::string_view reporter_code(Reporter r);  // "self", "parent", "clinician", "other"

struct Coding {
  std::string system;
  std::string code;
  std::string display;
  bool operator==(const Coding&) const = default;
};
BOOST_DESCRIBE_STRUCT(Coding, (), (system, code, display))

struct Observation {
  RecordMeta meta;
  std::string patient_id;
  std::string encounter_id;         // optional
  std::string category;             // FHIR observation-category code: "survey", "vital-signs" ...
  Coding code;                      // what was measured (LOINC where one exists, else a local code)
  std::optional<double> value;      // numeric result
  std::string unit;                 // UCUM, "{score}" for scale scores
  std::string method;               // scale or method used, e.g. "FLACC" when not implied by the code
  Reporter reporter = Reporter::clinician;
  std::string performer_id;         // Staff id of who recorded it (optional for self-report kiosks)
  Instant effective;                // when it was true of the patient
  // The same moment as a FHIR client wrote it ("2026-11-20T08:15:00+02:00"), given back as it came:
  // its zone offset and precision are the client's. Empty: written here, in UTC.
  std::string effective_text;
  ObservationStatus status = ObservationStatus::final;
  std::string note;
  std::string derived_from;         // the QuestionnaireResponse a scale score was computed from
};
BOOST_DESCRIBE_STRUCT(Observation, (),
                      (patient_id, encounter_id, category, code, value, unit, method, reporter, performer_id,
                       effective, effective_text, status, note, derived_from))

// A record charted in error is withdrawn, never erased: the caller writes this as a new version.
// The reason goes into the note, so the history says why.
void mark_entered_in_error(Observation& o, const std::string& reason);

}  // namespace relief
