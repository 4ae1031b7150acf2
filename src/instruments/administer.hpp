#pragma once
// Administering an instrument for a patient: score the answers under the site's definition,
// compare with the patient's baseline (their first administration of the same instrument by the
// same reporter), and chart it all in one durable transaction: the raw answers as a
// QuestionnaireResponse and one Observation per derived score.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/instrument_response.hpp"
#include "instruments/change.hpp"
#include "instruments/scale_recommendation.hpp"
#include "instruments/score_json.hpp"
#include "instruments/scoring.hpp"
#include "instruments/site_instruments.hpp"
#include "store/store.hpp"

namespace relief::instruments {

struct AdministrationRequest {
  std::string patient_id;
  std::string instrument;
  std::string version;  // empty: the newest
  ScoreRequest answers;  // reporter, answers, context; age comes from the patient's birth date
  std::optional<Instant> authored;  // default: now
  std::string encounter_id;
  std::string author_id;
  std::string override_reason;  // why another scale than the recommended one was used
  // What the recommendation table needs besides the age, as the clinician saw it (NICU,
  // ventilated, procedure, cognitive impairment, able to self-report). A self-report implies the
  // child can self-report.
  PatientFacts situation;
};

struct AdministrationOutcome {
  InstrumentResponse response;
  std::vector<Observation> observations;
  ScoreResult score;
  std::vector<ChangeAssessment> changes;  // against the baseline, scale by scale
  std::optional<Recommendation> recommendation;  // for pain scales the decision table covers
};

// What else must happen in the same transaction once the scores are charted (the acute pain
// service's monitoring rules, for one).
using AfterCharting = std::function<void(Transaction&, const AdministrationOutcome&)>;

// Throws NotFound (patient or instrument), ValidationError (answers, reporter, time).
AdministrationOutcome administer(Store& store, const SiteInstruments& site, const Actor& actor,
                                 const AdministrationRequest& request, const AfterCharting& after_charting = {});
// The same inside a transaction the caller owns (the demo site charts many in one).
AdministrationOutcome chart_administration(Transaction& tx, const SiteInstruments& site,
                                           const AdministrationRequest& request);

// Marks an administration entered in error (charted for the wrong child, or scored from the
// wrong answers): a new version of the QuestionnaireResponse and of each Observation derived from
// it, the reason in each Observation's note. Nothing is deleted, and it is no baseline any more.
// Throws NotFound (no such administration of this patient), DuplicateRecord (already marked),
// ValidationError (no reason).
struct Retraction {
  InstrumentResponse response;
  std::vector<Observation> observations;
};
Retraction retract_administration(Transaction& tx, const std::string& patient_id, const std::string& response_id,
                                  const std::string& reason);

// The request body: {"instrument": "flacc", "version"?: "1997", "reporter": "clinician",
// "answers": {...}, "authored"?: "2024-03-01T08:00:00Z", "encounter"?: ID, "override_reason"?: "...",
// "situation"?: {"can_self_report", "in_nicu", "ventilated", "procedural", "cognitive_impairment":
// booleans}, plus the scoring context fields of score_request_from_json}.
AdministrationRequest administration_request_from_json(const std::string& patient_id, const boost::json::value& body);

boost::json::object to_json(const AdministrationOutcome& outcome);

}  // namespace relief::instruments
