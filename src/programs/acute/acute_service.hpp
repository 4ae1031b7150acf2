#pragma once
// The acute pain service's use cases: consults from request to sign-off, modality orders signed
// against the dose check, bedside assessments that raise alerts, alerts acknowledged by name,
// and the census the night fellow reads at 3 a.m. Every write is one durable, audited transaction.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "programs/acute/formulary.hpp"
#include "programs/acute/service_records.hpp"

namespace relief::acute {

struct AcuteSettings {
  Formulary formulary;
  MonitoringSettings monitoring;
  // formulary_dir empty: data/formulary found like the instrument definitions; settings_file
  // empty: every limit and rule at its reference default.
  static AcuteSettings load(const std::string& formulary_dir, const std::string& settings_file);
};

// An order the dose check refuses, or that passes a soft limit without an override reason.
class DoseCheckFailed : public std::runtime_error {
 public:
  explicit DoseCheckFailed(DoseCheck check);
  const DoseCheck& check() const { return check_; }

 private:
  DoseCheck check_;
};

AcuteConsult request_consult(Store& store, const Actor& actor, AcuteConsult consult);
AcuteConsult accept_consult(Store& store, const Actor& actor, const std::string& consult_id,
                            const std::string& assigned_id, const std::string& location);
AcuteConsult sign_off(Store& store, const Actor& actor, const std::string& consult_id, const std::string& follow_up);
// The day's rounding note on an open consult, charted as a Note ("daily-round") on the patient.
Note round_note(Store& store, const Actor& actor, const std::string& consult_id, const std::string& text,
                const std::string& author_id = "");

// What the dose check says about an order for this patient now, without saving anything.
DoseCheck preview_order(Store& store, const AcuteSettings& settings, const std::string& patient_id,
                        const ModalityOrder& order, const std::string& replaces_order_id = "");
// Which version of a running order a change is made to: the one on the prescriber's screen.
struct OrderChange {
  std::string order_id;      // empty: a new order
  std::int64_t version = 0;  // must still be the current version (StaleOrder otherwise)
  std::string reason = "start";
};

// A change made to a version of an order that another change has since replaced: signing it
// would silently undo the colleague's change (409).
class StaleOrder : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Signs an order (a new one, or the next version of a running one): refused orders and
// unexplained soft-limit passes throw DoseCheckFailed; an override reason is kept and audited.
OrderRecord place_order(Store& store, const AcuteSettings& settings, const Actor& actor, const std::string& patient_id,
                        const std::string& consult_id, const ModalityOrder& order, const std::string& override_reason,
                        const OrderChange& change = {});
OrderRecord stop_order(Store& store, const Actor& actor, const std::string& order_id, const std::string& reason);

struct AssessmentInput {
  std::optional<double> pain;        // 0-10
  std::string pain_code = "72514-3";  // the LOINC code of the pain scale used
  std::optional<std::string> sedation_level;  // POSS "S","1".."4"; UMSS "0".."4"; RASS "-5".."+4"
  SedationScale sedation_scale = SedationScale::poss;
  std::optional<double> respiratory_rate;
  std::optional<double> spo2;
  std::optional<Instant> at;
  Reporter reporter = Reporter::clinician;
};

struct AssessmentOutcome {
  std::vector<Observation> observations;
  std::vector<AlertRecord> raised;  // alerts opened by this assessment
  MonitoringState state;            // all current alerts and reassessments due
};
// The observations one bedside assessment charts (pain, sedation, respiratory rate, SpO2), not
// yet validated or written: what record_assessment writes, and how the demo charts past nights.
std::vector<Observation> assessment_observations(const Patient& p, const AssessmentInput& input, Instant at);
AssessmentOutcome record_assessment(Store& store, const AcuteSettings& settings, const Actor& actor,
                                    const std::string& patient_id, const AssessmentInput& input);

// The monitoring rules run on a chart just written to, inside the same transaction: the alerts
// the observations made at `at` call for are opened (once each) and returned. Every path that
// charts pain or sedation calls this, so a UMSS of 4 alerts the same whether it came from the
// bedside form, an instrument administration or a FHIR client. Only children on the acute pain
// service (an accepted, not signed-off consult) are monitored; for others it returns nothing.
std::vector<AlertRecord> raise_monitoring_alerts(Transaction& tx, const AcuteSettings& settings,
                                                 const std::string& patient_id, Instant at);

// A pain or sedation score charted by any path (`code`: what it was charted under) is the
// service's first assessment of an accepted consult that has none yet: the service statistics'
// time from acceptance to first assessment counted only the bedside form's.
void note_assessment(Transaction& tx, const std::string& patient_id, const std::string& code, Instant at);

AlertRecord acknowledge_alert(Store& store, const Actor& actor, const std::string& alert_id,
                              const std::string& action_taken);

struct CensusRow {
  Patient patient;
  Age age;
  std::optional<double> weight_kg;
  std::optional<Instant> weight_recorded;
  AcuteConsult consult;
  std::vector<OrderRecord> orders;                 // active
  std::optional<Observation> latest_pain;
  std::optional<Observation> latest_sedation;
  std::optional<Observation> latest_respiratory_rate;
  std::optional<Observation> latest_spo2;  // charted SpO2 was seen nowhere on the board
  std::vector<AlertRecord> open_alerts;
  std::vector<DueAssessment> due;                  // reassessments due or overdue
};
// Every active or requested consult, newest request first.
std::vector<CensusRow> census(Store& store, const AcuteSettings& settings, Instant now);

}  // namespace relief::acute
