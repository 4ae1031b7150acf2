#include <boost/json.hpp>
#include <cmath>

#include "core/measure_definitions.hpp"
#include "fhir/element_reader.hpp"
#include "fhir/resources.hpp"

namespace relief::fhir {
namespace {
namespace json = boost::json;

constexpr std::string_view kCategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";

}  // namespace

json::object to_fhir(const Observation& o, bool synthetic) {
  json::object coding{{"system", o.code.system}, {"code", o.code.code}};
  if (!o.code.display.empty()) coding["display"] = o.code.display;
  json::object out{
      {"resourceType", "Observation"},
      {"id", o.meta.id},
      {"meta", resource_meta(o.meta, synthetic)},
      {"status", fhir_code(o.status)},
      {"code", json::object{{"coding", json::array{std::move(coding)}}}},
      {"subject", json::object{{"reference", "Patient/" + o.patient_id}}},
      {"effectiveDateTime", o.effective_text.empty() ? format_instant(o.effective) : o.effective_text},
      {"extension", json::array{json::object{{"url", kReporterExtension}, {"valueCode", reporter_code(o.reporter)}}}},
  };
  if (!o.category.empty())
    out["category"] = json::array{json::object{
        {"coding", json::array{json::object{{"system", kCategorySystem}, {"code", o.category}}}}}};
  if (!o.encounter_id.empty()) out["encounter"] = json::object{{"reference", "Encounter/" + o.encounter_id}};
  if (!o.performer_id.empty())
    out["performer"] = json::array{json::object{{"reference", "Practitioner/" + o.performer_id}}};
  if (o.value) {
    // Whole numbers go out as JSON integers ("6", not "6E0"): what people and validators expect.
    double v = *o.value;
    json::object q;
    if (v == std::floor(v) && std::abs(v) < 1e15) q["value"] = static_cast<std::int64_t>(v);
    else q["value"] = v;
    if (!o.unit.empty()) {
      q["unit"] = o.unit;
      q["system"] = kUcum;
      q["code"] = o.unit;
    }
    out["valueQuantity"] = std::move(q);
  }
  if (!o.method.empty()) out["method"] = json::object{{"text", o.method}};
  if (!o.note.empty()) out["note"] = json::array{json::object{{"text", o.note}}};
  if (!o.derived_from.empty())
    out["derivedFrom"] = json::array{json::object{{"reference", "QuestionnaireResponse/" + o.derived_from}}};
  return out;
}

Observation observation_from_fhir(std::string_view body, Instant now, const std::vector<std::string>& local_bases) {
  auto value = parse_resource(body, "Observation");
  std::vector<Problem> problems;
  ElementReader r(value, "", problems);
  Observation o;

  if (auto s = r.string("status", true)) {
    if (auto status = observation_status_from_fhir(*s)) o.status = *status;
    else r.problem("status", "'" + *s + "' is not an Observation status (final, amended, entered-in-error ...)");
  }

  auto code = r.child("code");
  auto codings = code.array("coding");
  if (!r.has("code") || codings.empty()) problems.push_back({"code.coding", "a coded observation type is required"});
  // The first coding Relief knows wins (a client may send its local code beside LOINC).
  for (auto& c : codings) {
    Coding coding{c.string("system").value_or(""), c.string("code").value_or(""), c.string("display").value_or("")};
    if (coding.code.empty()) continue;
    bool known = find_measure(coding.system, coding.code) != nullptr;
    if (o.code.code.empty() || known) o.code = coding;
    if (known) break;
  }
  if (auto def = find_measure(o.code.system, o.code.code)) {
    if (o.code.system.empty()) o.code.system = std::string(def->system);
    if (o.code.display.empty()) o.code.display = std::string(def->display);
    o.category = std::string(def->category);
    o.unit = std::string(def->unit);
  }
  for (auto& cat : r.array("category"))
    for (auto& coding : cat.array("coding"))
      if (auto c = coding.string("code"); c && o.category.empty()) o.category = *c;

  // Every reference must name a record here: one on another server is refused, not read as
  // the local record that happens to share its id.
  auto local = [&](const ElementReader& holder, const std::string& ref, std::string_view type) {
    auto found = local_reference(ref, type, local_bases);
    if (found.foreign)
      holder.problem("reference", "'" + ref + "' names a resource on another server; Relief's records refer only to "
                                  "its own resources: give " + std::string(type) + "/ID or this server's URL for it");
    else if (found.id.empty())
      holder.problem("reference", "must refer to a " + std::string(type) + " (\"" + std::string(type) + "/ID\")");
    return found.id;
  };
  auto subject = r.child("subject");
  if (auto ref = subject.string("reference", true)) o.patient_id = local(subject, *ref, "Patient");
  auto encounter = r.child("encounter");
  if (auto ref = encounter.string("reference")) o.encounter_id = local(encounter, *ref, "Encounter");
  for (auto& perf : r.array("performer"))
    if (auto ref = perf.string("reference")) {
      // Other performers (an Organization, a RelatedPerson) are not kept; another server's never.
      auto found = local_reference(*ref, "Practitioner", local_bases);
      if (found.foreign) local(perf, *ref, "Practitioner");
      if (!found.id.empty() && o.performer_id.empty()) o.performer_id = found.id;
    }

  // effective[x] is one element (0..1): a second time beside the first would be dropped unseen.
  int times = 0;
  for (const char* e : {"effectiveDateTime", "effectiveInstant", "effectivePeriod", "effectiveTiming"}) times += r.has(e);
  if (times > 1) problems.push_back({"effective[x]", "give one time: effectiveDateTime, not several"});
  std::optional<std::string> when = r.string("effectiveDateTime");
  if (!when) when = r.string("effectiveInstant");
  if (!when) problems.push_back({"effectiveDateTime", "when the observation was made is required"});
  else if (auto t = parse_instant(*when)) o.effective = *t, o.effective_text = *when;
  else problems.push_back({"effectiveDateTime", "must be a date and time with seconds and a zone, e.g. 2024-03-01T08:15:00Z"});

  // value[x] is one element of several types: two of them is not a resource (FHIR R4 choice types).
  int values = 0;
  for (const char* v : {"valueQuantity", "valueCodeableConcept", "valueString", "valueBoolean", "valueInteger",
                        "valueRange", "valueRatio", "valueSampledData", "valueTime", "valueDateTime", "valuePeriod"})
    values += r.has(v);
  if (values > 1) problems.push_back({"value[x]", "give one value: valueQuantity or valueInteger, not several"});
  // obs-6: a value and a reason it is absent contradict each other; keeping either would guess.
  if (values > 0 && r.has("dataAbsentReason"))
    problems.push_back({"dataAbsentReason", "an observation with a value has no dataAbsentReason (obs-6): send one or the other"});
  if (r.has("valueQuantity")) {
    auto q = r.child("valueQuantity");
    o.value = q.number("value", true);
    // A modifier element (FHIR R4 Quantity.comparator): "< 18 kg" stored as 18 kg would dose on it.
    if (q.has("comparator"))
      q.problem("comparator", "Relief records exact values: a value given as <, <=, >= or > is refused rather than "
                              "kept as exact");
    auto unit_code = q.string("code");
    auto unit = unit_code ? unit_code : q.string("unit");
    if (unit) o.unit = *unit;
  } else if (r.has("valueInteger")) {
    if (auto v = r.integer("valueInteger")) o.value = static_cast<double>(*v);
  } else if (r.has("valueString") || r.has("valueCodeableConcept") || r.has("valueBoolean")) {
    problems.push_back({"value[x]", "Relief records numeric observations: use valueQuantity or valueInteger"});
  }

  for (auto& d : r.array("derivedFrom"))
    if (auto ref = d.string("reference"); ref && o.derived_from.empty()) {
      auto found = local_reference(*ref, "QuestionnaireResponse", local_bases);
      if (found.foreign) local(d, *ref, "QuestionnaireResponse");
      o.derived_from = found.id;
    }
  if (auto m = r.child("method").string("text")) o.method = *m;
  for (auto& n : r.array("note"))
    if (auto t = n.string("text"); t && o.note.empty()) o.note = *t;
  for (auto& ext : r.array("extension")) {
    auto url = ext.string("url");
    if (!url) ext.problem("url", "an extension names what it is by its url (required)");
    if (url && *url == kReporterExtension) {
      auto code = ext.string("valueCode");
      if (auto rep = code ? reporter_from_string(*code) : std::nullopt) o.reporter = *rep;
      else ext.problem("valueCode", "the reporter is one of self, parent, clinician, other");
    }
  }

  if (problems.empty()) {
    auto rule_problems = validate_observation(o, now);
    problems.insert(problems.end(), rule_problems.begin(), rule_problems.end());
  }
  if (!problems.empty()) throw ValidationError(std::move(problems));
  return o;
}

}  // namespace relief::fhir
