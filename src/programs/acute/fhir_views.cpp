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
    if (o.pca->basal_rate_per_h) s += ", basal " + format(*o.pca->basal_rate_per_h) + "/h";
    if (o.pca->limit_1h) s += ", 1-h limit " + format(*o.pca->limit_1h);
    if (o.pca->limit_4h) s += ", 4-h limit " + format(*o.pca->limit_4h);
  } else if (o.catheter) {
    s += " (" + o.catheter->site + ") " + o.catheter->drug + " " + format(o.catheter->concentration);
    for (const auto& a : o.catheter->additives) s += " + " + a.drug + " " + format(a.concentration);
    s += " at " + format_number(o.catheter->rate_ml_h) + " mL/h";
  } else if (o.block) {
    s += " (" + o.block->site + ") " + o.block->drug + " " + format(o.block->concentration) + " " +
         format_number(o.block->volume_ml) + " mL";
  } else if (o.scheduled) {
    s += " " + o.scheduled->drug + " " + format(o.scheduled->dose) + " " + to_string(o.scheduled->route) + " every " +
         format_number(o.scheduled->interval_h) + " h" + (o.scheduled->as_needed ? " as needed" : "");
  } else if (o.topical) {
    s += " " + o.topical->product + " to " + o.topical->application_site;
  } else if (o.non_drug) {
    s += ": " + (o.non_drug->description.empty() ? name_of(o.non_drug->kind) : o.non_drug->description);
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

json::object to_fhir_medication_request(const OrderRecord& o, bool synthetic) {
  std::string drug = primary_drug(o.order);
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
