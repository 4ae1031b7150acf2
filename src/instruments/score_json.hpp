#pragma once
// The JSON a caller sends to score an administration and the JSON a score is reported in, shared
// by the CLI and (later) the HTTP handlers so both speak the same shape.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <map>
#include <string>

#include "instruments/change.hpp"
#include "instruments/definition.hpp"
#include "instruments/scale_recommendation.hpp"
#include "instruments/scoring.hpp"

namespace relief::instruments {

struct ScoreRequest {
  Administration administration;
  std::map<std::string, double> baseline;  // scale id -> the patient's baseline value
};

// {"answers": {"face": 1, ...}, "age_months": 30, "reporter": "clinician",
//  "gestational_age_weeks": 30, "context": {...}, "individual_descriptors": {"face": ["..."]},
//  "baseline": {"total": 8}}. Throws relief::MalformedInput / relief::ValidationError naming the field.
ScoreRequest score_request_from_json(const boost::json::value& v);

// The answer to a score request (`instrument score`, POST /api/v1/instruments/{id}/score): the
// result, and when a baseline was given, the change from it per scale (reliable change, MCID).
// Throws ValidationError for a baseline of a scale the instrument has not, or outside its range.
boost::json::object score_with_change(const Definition& d, const ScoreRequest& request);

boost::json::object to_json(const ScoreResult& r);
boost::json::object to_json(const ChangeAssessment& c);
boost::json::object to_json(const Recommendation& r);
boost::json::object definition_summary(const Definition& d);  // for `instrument list`
boost::json::object definition_detail(const Definition& d);   // for `instrument show`

}  // namespace relief::instruments
