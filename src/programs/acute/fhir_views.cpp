#include "programs/acute/fhir_views.hpp"

#include <boost/json.hpp>

#include "fhir/resources.hpp"

namespace relief::acute {
namespace {
namespace json = boost::json;

constexpr std::string_view kModalityExtension = "https://relief.example.org/fhir/StructureDefinition/acute-modality";

std::string_view service_request_status(ConsultStatus s) {
  switch (s) {
    case ConsultStatus::requested: return "active";  // requested of the pain service, not yet accepted
    case ConsultStatus::active: return "active";
    case ConsultStatus::signed_off: return "completed";
    case ConsultStatus::cancelled: return "revoked";
  }
  return "unknown";
}

std::string_view priority(Urgency u) {
  switch (u) {
    case Urgency::routine: return "routine";
    case Urgency::urgent: return "urgent";
    case Urgency::emergent: return "stat";
  }
  return "routine";
}

// R4 Encounter.status (required binding): the consult's care, from request to sign-off.
std::string_view encounter_status(ConsultStatus s) {
  switch (s) {
    case ConsultStatus::requested: return "planned";
    case ConsultStatus::active: return "in-progress";
    case ConsultStatus::signed_off: return "finished";
    case ConsultStatus::cancelled: return "cancelled";
  }
  return "unknown";
}

// v3 ActPriority, the code system R4 suggests for Encounter.priority.
std::string_view act_priority(Urgency u) {
  switch (u) {
    case Urgency::routine: return "R";
    case Urgency::urgent: return "UR";
    case Urgency::emergent: return "EM";
  }
  return "R";
}

template <class E>
std::string name_of(E e) {
  std::string s = json::value_from(e).as_string().c_str();
  for (auto& ch : s)
    if (ch == '_') ch = ' ';
  return s;
}

}  // namespace

std::string order_summary(const ModalityOrder& o) {
  std::string s = modality_label(o.kind);
  if (o.pca) {
    s += " " + o.pca->drug + " " + format(o.pca->concentration) + ": demand " + format(o.pca->demand_dose) +
         ", lockout " + std::to_string(o.pca->lockout_min) + " min";
    if (o.pca->basal_rate_per_h && o.pca->basal_rate_per_h->value > 0)
      s += ", basal " + format(*o.pca->basal_rate_per_h) + "/h";
    if (o.pca->limit_1h) s += ", 1-h limit " + format(*o.pca->limit_1h);
    if (o.pca->limit_4h) s += ", 4-h limit " + format(*o.pca->limit_4h);
    if (o.pca->controller != PcaController::patient) s += "; " + name_of(o.pca->controller) + "-controlled";
  } else if (o.catheter) {
    s += " (" + o.catheter->site + ") " + o.catheter->drug + " " + format(o.catheter->concentration);
    for (const auto& a : o.catheter->additives) s += " + " + a.drug + " " + format(a.concentration);
    s += " at " + format_number(o.catheter->rate_ml_h) + " mL/h";
    if (const auto& b = o.catheter->clinician_bolus)
      s += "; bolus " + format_number(b->volume_ml) + " mL, at least " + std::to_string(b->min_interval_min) +
           " min apart, at most " + std::to_string(b->max_per_4h) + " in 4 h";
  } else if (o.block) {
    s += " (" + o.block->site + ", " + route_label(o.block->route) + ") " + o.block->drug + " " +
         format(o.block->concentration) + " " + format_number(o.block->volume_ml) + " mL";
    for (const auto& a : o.block->additives) s += " + " + a.drug + " " + format(a.concentration);
    if (o.block->with_adrenaline) s += " with adrenaline";
  } else if (o.scheduled) {
    s += " " + o.scheduled->drug + " " + format(o.scheduled->dose) + " " + route_label(o.scheduled->route) +
         " every " + format_number(o.scheduled->interval_h) + " h" + (o.scheduled->as_needed ? " as needed" : "");
    if (o.scheduled->max_doses_per_24h)
      s += ", at most " + std::to_string(*o.scheduled->max_doses_per_24h) + " doses in 24 h";
  } else if (o.topical) {
    s += " " + o.topical->product + " to " + o.topical->application_site;
    if (!o.topical->amount.empty()) s += ", " + o.topical->amount;
    if (!o.topical->frequency.empty()) s += ", " + o.topical->frequency;
  } else if (o.non_drug) {
    s += ": " + name_of(o.non_drug->kind);
    if (!o.non_drug->description.empty()) s += " (" + o.non_drug->description + ")";
    if (!o.non_drug->frequency.empty()) s += ", " + o.non_drug->frequency;
  }
  return s;
}

json::object to_fhir_service_request(const AcuteConsult& c, bool synthetic) {
  json::object out{
      {"resourceType", "ServiceRequest"},
      {"id", c.meta.id},
      {"meta", fhir::resource_meta(c.meta, synthetic)},
      {"status", service_request_status(c.status)},
      {"intent", "order"},
      {"priority", priority(c.urgency)},
      {"code", json::object{{"text", "Acute pain service consult"}}},
      {"subject", json::object{{"reference", "Patient/" + c.patient_id}}},
      {"authoredOn", format_instant(c.requested_at)},
      {"reasonCode", json::array{json::object{{"text", name_of(c.reason) + (c.detail.empty() ? "" : ": " + c.detail)}}}},
  };
  if (!c.assigned_id.empty()) out["performer"] = json::array{json::object{{"reference", "Practitioner/" + c.assigned_id}}};
  json::array notes;
  if (!c.requesting_service.empty()) notes.emplace_back(json::object{{"text", "Requested by " + c.requesting_service}});
  if (c.oncology) notes.emplace_back(json::object{{"text", "Oncology patient"}});
  if (!c.location.empty()) notes.emplace_back(json::object{{"text", "Location: " + c.location}});
  if (!c.follow_up.empty()) notes.emplace_back(json::object{{"text", "Follow-up: " + c.follow_up}});
  if (!notes.empty()) out["note"] = std::move(notes);
  return out;
}

json::object to_fhir_encounter(const AcuteConsult& c, bool synthetic) {
  json::object out{
      {"resourceType", "Encounter"},
      {"id", c.meta.id},
      {"meta", fhir::resource_meta(c.meta, synthetic)},
      {"status", encounter_status(c.status)},
      // The service sees inpatients; R4 makes class 1..1 (v3 ActCode, extensible).
      {"class", json::object{{"system", "http://terminology.hl7.org/CodeSystem/v3-ActCode"},
                             {"code", "IMP"},
                             {"display", "inpatient encounter"}}},
      {"serviceType", json::object{{"text", "Acute pain service"}}},
      {"priority", json::object{{"coding", json::array{json::object{
                                              {"system", "http://terminology.hl7.org/CodeSystem/v3-ActPriority"},
                                              {"code", act_priority(c.urgency)}}}},
                                {"text", priority(c.urgency)}}},
      {"subject", json::object{{"reference", "Patient/" + c.patient_id}}},
      {"basedOn", json::array{json::object{{"reference", "ServiceRequest/" + c.meta.id}}}},
      {"reasonCode", json::array{json::object{{"text", name_of(c.reason) + (c.detail.empty() ? "" : ": " + c.detail)}}}},
  };
  // The service's care runs from acceptance to sign-off; a consult not yet accepted has no period.
  if (c.accepted_at) {
    json::object period{{"start", format_instant(*c.accepted_at)}};
    if (c.signed_off_at) period["end"] = format_instant(*c.signed_off_at);
    out["period"] = std::move(period);
  }
  if (!c.assigned_id.empty())
    out["participant"] =
        json::array{json::object{{"individual", json::object{{"reference", "Practitioner/" + c.assigned_id}}}}};
  // Relief keeps the ward and bed as text, not as Location resources: a display-only reference.
  if (!c.location.empty())
    out["location"] = json::array{json::object{{"location", json::object{{"display", c.location}}}}};
  return out;
}

json::object to_fhir_medication_request(const OrderRecord& o, bool synthetic) {
  std::string drug = o.order.topical ? o.order.topical->product : primary_drug(o.order);
  json::object out{
      {"resourceType", "MedicationRequest"},
      {"id", o.meta.id},
      {"meta", fhir::resource_meta(o.meta, synthetic)},
      {"status", o.status == OrderStatus::active ? "active" : "stopped"},
      {"intent", "order"},
      {"medicationCodeableConcept", json::object{{"text", drug.empty() ? modality_label(o.order.kind) : drug}}},
      {"subject", json::object{{"reference", "Patient/" + o.patient_id}}},
      {"authoredOn", format_instant(o.meta.recorded_at)},
      {"dosageInstruction", json::array{json::object{{"text", order_summary(o.order)}}}},
      {"extension", json::array{json::object{{"url", kModalityExtension},
                                             {"valueCode", json::value_from(o.order.kind).as_string()}}}},
  };
  if (!o.order.indication.empty()) out["reasonCode"] = json::array{json::object{{"text", o.order.indication}}};
  json::array notes{json::object{{"text", "Signed by " + o.prescriber + " (" + o.change_reason + ")"}}};
  if (!o.override_reason.empty()) notes.emplace_back(json::object{{"text", "Dose warning overridden: " + o.override_reason}});
  out["note"] = std::move(notes);
  if (o.stopped) out["statusReason"] = json::object{{"text", o.change_reason}};
  return out;
}

}  // namespace relief::acute
