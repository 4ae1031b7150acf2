#pragma once
// The acute pain service's records, versioned in the store as program records:
//   AcuteConsult  (FHIR ServiceRequest + Encounter): the request, acceptance, daily care, sign-off
//   OrderRecord   (FHIR MedicationRequest): one modality order, its dose check and lifecycle
//   AlertRecord   (FHIR Flag): a monitoring alert until someone acknowledges it by name
#include <boost/describe.hpp>
#include <optional>
#include <string>
#include <vector>

#include "programs/acute/dose_check.hpp"
#include "programs/acute/modality_order.hpp"
#include "programs/acute/sedation_rules.hpp"
#include "store/store.hpp"

namespace relief::acute {

// The seed's consult reasons (shared/seeds/000: "The MAGIK acute pain service cares for ...").
enum class ConsultReason {
  surgery,
  trauma_or_injury,
  acute_exacerbation_of_chronic_pain,
  specific_illness,
  headache,
  acute_abdominal_pain,
  limited_mobility,
  complication_of_treatment,
};
BOOST_DESCRIBE_ENUM(ConsultReason, surgery, trauma_or_injury, acute_exacerbation_of_chronic_pain, specific_illness,
                    headache, acute_abdominal_pain, limited_mobility, complication_of_treatment)

enum class Urgency { routine, urgent, emergent };
BOOST_DESCRIBE_ENUM(Urgency, routine, urgent, emergent)

enum class ConsultStatus { requested, active, signed_off, cancelled };
BOOST_DESCRIBE_ENUM(ConsultStatus, requested, active, signed_off, cancelled)

struct AcuteConsult {
  RecordMeta meta;
  std::string patient_id;
  ConsultReason reason = ConsultReason::surgery;
  std::string detail;             // "posterior spinal fusion T4-L1"
  bool oncology = false;
  std::string requesting_service;  // "orthopaedics"
  Urgency urgency = Urgency::routine;
  ConsultStatus status = ConsultStatus::requested;
  std::string location;            // ward and bed: what the night fellow walks to
  std::string assigned_id;         // Staff id of the responsible pain physician / NP
  Instant requested_at;
  std::optional<Instant> accepted_at;
  std::optional<Instant> first_assessed_at;
  std::optional<Instant> signed_off_at;
  std::string follow_up;           // the referral on sign-off ("pain clinic in 2 weeks")
};
BOOST_DESCRIBE_STRUCT(AcuteConsult, (),
                      (patient_id, reason, detail, oncology, requesting_service, urgency, status, location, assigned_id,
                       requested_at, accepted_at, first_assessed_at, signed_off_at, follow_up))

enum class OrderStatus { active, stopped };
BOOST_DESCRIBE_ENUM(OrderStatus, active, stopped)

struct OrderRecord {
  RecordMeta meta;
  std::string patient_id;
  std::string consult_id;
  ModalityOrder order;
  OrderStatus status = OrderStatus::active;
  Instant started;
  std::optional<Instant> stopped;
  std::string change_reason;    // why this version exists (start, change, stop)
  std::string override_reason;  // why a soft limit was passed; audited
  std::vector<Finding> findings;  // the dose check this version was signed against
  std::string prescriber;       // username
};
BOOST_DESCRIBE_STRUCT(OrderRecord, (),
                      (patient_id, consult_id, order, status, started, stopped, change_reason, override_reason, findings,
                       prescriber))

enum class AlertStatus { open, acknowledged };
BOOST_DESCRIBE_ENUM(AlertStatus, open, acknowledged)

struct AlertRecord {
  RecordMeta meta;
  std::string patient_id;
  Alert alert;
  AlertStatus status = AlertStatus::open;
  std::string acknowledged_by;  // the name of whoever acknowledged it
  std::optional<Instant> acknowledged_at;
  std::string action_taken;     // "opioid held, Dr Lee notified"
};
BOOST_DESCRIBE_STRUCT(AlertRecord, (), (patient_id, alert, status, acknowledged_by, acknowledged_at, action_taken))

// Typed access to the program records above (type names: AcuteConsult, AcuteOrder, AcuteAlert).
void put(Transaction& tx, AcuteConsult& c, std::optional<std::int64_t> expected_version = std::nullopt);
void put(Transaction& tx, OrderRecord& o, std::optional<std::int64_t> expected_version = std::nullopt);
void put(Transaction& tx, AlertRecord& a, std::optional<std::int64_t> expected_version = std::nullopt);

template <class T>
std::optional<T> get(Reader& r, const std::string& id);
template <class T>
std::vector<T> history(Reader& r, const std::string& id);  // every version, newest first (orders)
template <class T>
std::vector<T> list(Reader& r, std::optional<std::string> patient_id, std::optional<std::string> status);
// Whether the patient is on the acute pain service now (an active consult).
bool has_active_consult(Reader& r, const std::string& patient_id);

}  // namespace relief::acute
