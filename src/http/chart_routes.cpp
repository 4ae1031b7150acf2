// The patient chart's two views that FHIR does not give in one request:
//   GET /api/v1/patients/{id}/summary   header facts: age in years and months, latest weight,
//                                       program episodes
//   GET /api/v1/patients/{id}/timeline  encounters, observations and notes, newest first
//   POST /api/v1/patients/{id}/observations/{oid}/entered-in-error  {"reason"}: retract a score
#include <charconv>
#include <boost/json.hpp>

#include "core/errors.hpp"
#include "core/json_conversions.hpp"
#include "core/measure_definitions.hpp"
#include "fhir/resources.hpp"
#include "http/fhir_exchange.hpp"
#include "http/routes.hpp"
#include "programs/acute/service_records.hpp"

namespace relief::http {
namespace {
namespace json = boost::json;

template <class E>
json::string name_of(E e) {
  return json::value_from(e).as_string();
}

json::object episode_json(const Episode& e) {
  json::object out{{"id", e.meta.id},          {"program", name_of(e.program)}, {"status", name_of(e.status)},
                   {"start", format_date(e.start)}, {"reason", e.reason}};
  out["end"] = e.end ? json::value(format_date(*e.end)) : json::value(nullptr);
  return out;
}

json::object observation_json(const Observation& o) {
  json::object out{{"id", o.meta.id},
                   {"version", o.meta.version},
                   {"system", o.code.system},
                   {"code", o.code.code},
                   {"display", o.code.display},
                   {"unit", o.unit},
                   {"method", o.method},
                   {"reporter", name_of(o.reporter)},
                   {"status", fhir_code(o.status)},
                   {"effective", format_instant(o.effective)}};
  out["value"] = o.value ? json::value(*o.value) : json::value(nullptr);
  // A scale score computed from an assessment: retracted with that assessment, not alone.
  if (!o.derived_from.empty()) out["derivedFrom"] = o.derived_from;
  return out;
}

Patient load_patient(Context& ctx, Reader& r) {
  auto p = r.get<Patient>(ctx.param("id"));
  if (!p) throw NotFound("Patient/" + ctx.param("id") + " does not exist");
  return *p;
}

Response summary(Context& ctx) {
  std::optional<Patient> patient;
  std::optional<Observation> weight;
  std::vector<Episode> episodes;
  std::optional<acute::AcuteConsult> consult;  // open: requested or accepted
  ctx.store.read([&](Reader& r) {
    patient = load_patient(ctx, r);
    weight = r.latest_observation(patient->meta.id, std::string(kBodyWeightCode));
    episodes = r.episodes_of(patient->meta.id);
    for (const char* status : {"active", "requested"})
      for (auto& c : acute::list<acute::AcuteConsult>(r, patient->meta.id, std::string(status)))
        if (!consult) consult = c;
  });
  audit_reads(ctx, "read-summary", "Patient", {{patient->meta.id, patient->meta.id}});
  Date today = date_of(now());
  Age age = patient->birth_date <= today ? patient->age_on(today) : Age{};
  json::array eps;
  for (const auto& e : episodes) eps.emplace_back(episode_json(e));
  json::object body{{"id", patient->meta.id},
                    {"version", patient->meta.version},
                    {"mrn", patient->mrn},
                    {"name", patient->display_name()},
                    {"family", patient->family},
                    {"birthDate", format_date(patient->birth_date)},
                    {"sex", patient->sex ? json::value(name_of(*patient->sex)) : json::value(nullptr)},  // null: not recorded
                    {"preferredLanguage", patient->preferred_language},
                    {"age", json::object{{"years", age.years}, {"months", age.months_past_year()},
                                         {"totalMonths", age.total_months},
                                         {"days", patient->birth_date <= today ? days_between(patient->birth_date, today) : 0}}},
                    {"episodes", std::move(eps)},
                    {"synthetic", ctx.synthetic_site}};
  // The chart offers a consult request only when none is open (it offered one for a child on
  // the service, then refused it naming an internal id).
  body["acute_consult"] = consult ? json::value(json::object{{"id", consult->meta.id},
                                                             {"status", consult->status == acute::ConsultStatus::active
                                                                            ? "accepted" : "requested"},
                                                             {"location", consult->location}})
                                  : json::value(nullptr);
  body["weight"] = weight ? json::value(json::object{{"value", *weight->value},
                                                     {"unit", weight->unit},
                                                     {"effective", format_instant(weight->effective)}})
                          : json::value(nullptr);
  json::array contacts;
  for (const auto& c : patient->contacts)
    contacts.emplace_back(json::object{{"relationship", c.relationship}, {"name", c.name}, {"phone", c.phone},
                                       {"legalGuardian", c.legal_guardian}});
  body["contacts"] = std::move(contacts);
  return json_response(200, body);
}

Response timeline(Context& ctx) {
  int limit = 200;
  if (auto v = ctx.request.query_param("limit")) {
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), limit);
    if (ec != std::errc{} || end != v->data() + v->size() || limit < 1 || limit > 2000)
      throw ValidationError("limit", "must be a whole number from 1 to 2000");
  }
  std::optional<Patient> patient;
  std::vector<Encounter> encounters;
  std::vector<Observation> observations;
  std::vector<Note> notes;
  std::vector<acute::AlertRecord> alerts;
  ctx.store.read([&](Reader& r) {
    patient = load_patient(ctx, r);
    // One more of each than asked: whether older entries exist beyond the limit.
    encounters = r.encounters_of(patient->meta.id, limit + 1);
    ObservationQuery q;
    q.patient_id = patient->meta.id;
    q.limit = limit + 1;
    observations = r.find_observations(q);
    notes = r.notes_of(patient->meta.id, limit + 1);
    alerts = acute::list<acute::AlertRecord>(r, patient->meta.id, std::nullopt);
  });
  audit_reads(ctx, "read-timeline", "Patient", {{patient->meta.id, patient->meta.id}});
  json::array items;
  for (const auto& e : encounters)
    items.emplace_back(json::object{{"kind", "encounter"},
                                    {"id", e.meta.id},
                                    {"at", format_instant(e.start)},
                                    {"type", e.kind},
                                    {"status", name_of(e.status)},
                                    {"location", e.location}});
  for (const auto& o : observations) {
    auto j = observation_json(o);
    j["kind"] = "observation";
    j["at"] = j["effective"];
    j["recorded_by"] = o.meta.recorded_by;  // the account that charted it: who, not only "a nurse"
    items.emplace_back(std::move(j));
  }
  for (const auto& n : notes)
    items.emplace_back(json::object{{"kind", "note"},
                                    {"id", n.meta.id},
                                    {"at", format_instant(n.written)},
                                    {"type", n.kind},
                                    {"status", name_of(n.status)},
                                    {"text", n.text},
                                    {"recorded_by", n.meta.recorded_by}});
  // The acute service's alerts, and who acknowledged each with what was done: an acknowledged
  // alert left the census and was seen nowhere else.
  for (const auto& a : alerts) {
    json::object item{{"kind", "alert"},
                      {"id", a.meta.id},
                      {"at", format_instant(a.alert.observed_at)},
                      {"type", a.alert.rule},
                      {"status", a.status == acute::AlertStatus::acknowledged ? "acknowledged" : "open"},
                      {"text", a.alert.message}};
    if (a.status == acute::AlertStatus::acknowledged) {
      item["acknowledged_by"] = a.acknowledged_by;
      if (a.acknowledged_at) item["acknowledged_at"] = format_instant(*a.acknowledged_at);
      item["action_taken"] = a.action_taken;
    }
    items.emplace_back(std::move(item));
  }
  // ISO-8601 UTC strings of one fixed format sort as time.
  std::sort(items.begin(), items.end(), [](const json::value& a, const json::value& b) {
    return a.at("at").as_string() > b.at("at").as_string();
  });
  // Each kind's newest `limit`, merged: the newest `limit` of all, and whether older ones exist
  // (it answered up to three times `limit` items and said nothing of what was left out).
  const bool more = items.size() > static_cast<std::size_t>(limit);
  if (more) items.resize(limit);
  return json_response(200, json::object{{"patient", patient->meta.id}, {"items", std::move(items)}, {"more", more}});
}

// A score charted in error (the wrong child, a slip of the finger) is retracted, not deleted: a
// new version marked entered-in-error with the reason in its note, so it leaves the chart, the
// pain chart and the census's latest pain, and its history shows what was charted and who
// retracted it and why.
Response retract_observation(Context& ctx) {
  auto body = json_body(ctx.request);
  const auto* reason = body.is_object() ? body.as_object().if_contains("reason") : nullptr;
  if (!reason || !reason->is_string() ||
      std::string_view(reason->as_string()).find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw ValidationError("reason", "say why the score is in error (e.g. charted for the wrong child), as text");
  Observation retracted;
  ctx.store.write(ctx.actor(), [&](Transaction& tx) {
    auto o = tx.get<Observation>(ctx.param("oid"));
    if (!o || o->patient_id != ctx.param("id"))
      throw NotFound("Patient/" + ctx.param("id") + " has no observation " + ctx.param("oid"));
    if (!o->derived_from.empty())
      throw ValidationError("observation", "this score was computed from the assessment " + o->derived_from +
                                               ": retract that assessment, and its scores go with it");
    if (o->status == ObservationStatus::entered_in_error)
      throw DuplicateRecord("observation " + o->meta.id + " is already marked entered in error");
    mark_entered_in_error(*o, std::string(reason->as_string()));
    tx.put(*o, o->meta.version);
    retracted = std::move(*o);
  });
  return json_response(200, observation_json(retracted));
}

}  // namespace

void add_chart_routes(Router& router) {
  router.add("GET", "/api/v1/patients/{id}/summary", Access::signed_in, Permission::read_patient, summary);
  router.add("GET", "/api/v1/patients/{id}/timeline", Access::signed_in, Permission::read_patient, timeline);
  router.add("POST", "/api/v1/patients/{id}/observations/{oid}/entered-in-error", Access::signed_in,
             Permission::write_observation, retract_observation);
}

}  // namespace relief::http
