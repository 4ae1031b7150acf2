#include "http/refused_access.hpp"

#include <boost/json.hpp>
#include <utility>

namespace relief::http {
namespace {
std::string last_segment(const std::string& reference) { return reference.substr(reference.rfind('/') + 1); }

// The kinds of stored record a FHIR type of that name is a view of.
const std::map<std::string, std::vector<std::string>>& stored_kinds() {
  static const std::map<std::string, std::vector<std::string>> kinds{
      {"Observation", {"Observation"}},
      {"QuestionnaireResponse", {"QuestionnaireResponse"}},
      {"ServiceRequest", {"AcuteConsult"}},
      {"Encounter", {"AcuteConsult", "Encounter"}},
      {"MedicationRequest", {"AcuteOrder"}},
  };
  return kinds;
}
}  // namespace

std::string patient_named_by(const Request& req, const std::map<std::string, std::string>& params, Reader& r) {
  auto id = params.find("id");
  if (id != params.end()) {
    if (req.path.starts_with("/fhir/Patient/") || req.path.starts_with("/api/v1/patients/")) return id->second;
    if (req.path.starts_with("/fhir/")) {
      const std::string type = req.path.substr(6, req.path.find('/', 6) - 6);
      if (auto kinds = stored_kinds().find(type); kinds != stored_kinds().end())
        for (const auto& kind : kinds->second)
          if (auto patient = r.patient_of_record(kind, id->second)) return *patient;
    }
  }
  for (const char* name : {"subject", "patient"})
    if (auto v = req.query_param(name)) return last_segment(*v);
  if (req.path == "/fhir/Patient")
    if (auto v = req.query_param("_id")) return *v;
  // A write names its patient in the body.
  boost::system::error_code ec;
  auto body = boost::json::parse(req.body, ec);
  if (ec || !body.is_object()) return "";
  const auto& o = body.as_object();
  if (auto* p = o.if_contains("patient"); p && p->is_string()) return std::string(p->as_string());
  if (auto* s = o.if_contains("subject"); s && s->is_object())
    if (auto* ref = s->as_object().if_contains("reference"); ref && ref->is_string())
      return last_segment(std::string(ref->as_string()));
  return "";
}

}  // namespace relief::http
