#include <boost/json.hpp>
#include <cmath>

#include "fhir/resources.hpp"

namespace relief::fhir {
namespace json = boost::json;

namespace {
std::string_view status_code(ResponseStatus s) {
  switch (s) {
    case ResponseStatus::completed: return "completed";
    case ResponseStatus::amended: return "amended";
    case ResponseStatus::entered_in_error: return "entered-in-error";
  }
  return "completed";
}
}  // namespace

json::object to_fhir(const InstrumentResponse& r, bool synthetic) {
  json::array items;
  for (const auto& a : r.answers) {
    json::object answer;
    if (!a.code.empty() && !a.number) answer["valueCoding"] = json::object{{"code", a.code}};
    else if (a.number && *a.number == std::floor(*a.number)) answer["valueInteger"] = static_cast<std::int64_t>(*a.number);
    else if (a.number) answer["valueDecimal"] = *a.number;
    items.emplace_back(json::object{{"linkId", a.item}, {"answer", json::array{std::move(answer)}}});
  }
  json::object out{
      {"resourceType", "QuestionnaireResponse"},
      {"id", r.meta.id},
      {"meta", resource_meta(r.meta, synthetic)},
      {"questionnaire", std::string(kQuestionnaireBase) + r.instrument + "|" + r.instrument_version},
      {"status", status_code(r.status)},
      {"subject", json::object{{"reference", "Patient/" + r.patient_id}}},
      {"authored", format_instant(r.authored)},
      {"item", std::move(items)},
      {"extension", json::array{json::object{{"url", kReporterExtension},
                                             {"valueCode", json::value_from(r.reporter).as_string()}}}},
  };
  if (!r.author_id.empty()) out["author"] = json::object{{"reference", "Practitioner/" + r.author_id}};
  if (!r.encounter_id.empty()) out["encounter"] = json::object{{"reference", "Encounter/" + r.encounter_id}};
  return out;
}

}  // namespace relief::fhir
