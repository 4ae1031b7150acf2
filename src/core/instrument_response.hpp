#pragma once
// One administration of a clinical instrument as charted (FHIR QuestionnaireResponse): the raw
// answers exactly as given, who reported them, the definition version and site settings they were
// scored under, the scale choice, and the Observations that carry each derived score.
#include <boost/describe.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/observation.hpp"
#include "core/record_meta.hpp"

namespace relief {

struct ResponseAnswer {
  std::string item;              // the definition's item id
  std::optional<double> number;  // a numeric response ...
  std::string code;              // ... or a response code ("S" on POSS)
};
BOOST_DESCRIBE_STRUCT(ResponseAnswer, (), (item, number, code))

enum class ResponseStatus { completed, amended, entered_in_error };
BOOST_DESCRIBE_ENUM(ResponseStatus, completed, amended, entered_in_error)

struct InstrumentResponse {
  RecordMeta meta;
  std::string patient_id;
  std::string encounter_id;
  std::string instrument;          // definition id, e.g. "flacc"
  std::string instrument_version;  // the definition version it was scored under
  std::string instrument_name;
  Reporter reporter = Reporter::self;
  std::string author_id;           // Staff id of the clinician who administered it, when known
  Instant authored;
  ResponseStatus status = ResponseStatus::completed;
  std::vector<ResponseAnswer> answers;
  std::map<std::string, std::string> settings;  // site choices in force (bands, thresholds ...)
  std::string recommended;          // the scale the decision table suggested
  bool overridden = false;          // the clinician chose another scale
  std::string choice_reason;        // the rule's reason, or the clinician's for overriding
  std::map<std::string, double> scores;  // scale id -> value, for every scale that was scored
  std::string score_json;           // the full score as computed then (scales, bands, missing data)
};
BOOST_DESCRIBE_STRUCT(InstrumentResponse, (),
                      (patient_id, encounter_id, instrument, instrument_version, instrument_name, reporter, author_id,
                       authored, status, answers, settings, recommended, overridden, choice_reason, scores,
                       score_json))

}  // namespace relief
