// Clinical instruments over HTTP:
//   GET  /api/v1/instruments                       definitions (what a form needs)
//   GET  /api/v1/instruments/{id}[?version=V]
//   POST /api/v1/instruments/{id}/score            live scoring while a form is filled; stores nothing
//   GET  /api/v1/patients/{id}/recommendation      the pain scale the site's table suggests for this child
//   POST /api/v1/patients/{id}/administrations     score and chart an administration
//   GET  /api/v1/patients/{id}/administrations[?instrument=ID]
//   POST /api/v1/patients/{id}/administrations/{rid}/entered-in-error   {"reason"}: retract it
//   GET  /fhir/QuestionnaireResponse/{id}, /fhir/QuestionnaireResponse?subject=Patient/ID
#include <boost/json.hpp>
#include <set>
#include <limits>

#include "core/errors.hpp"
#include "core/json_conversions.hpp"
#include "fhir/bundle.hpp"
#include "fhir/resources.hpp"
#include "fhir/search_params.hpp"
#include "http/fhir_exchange.hpp"
#include "http/routes.hpp"
#include "instruments/administer.hpp"
#include "programs/acute/acute_service.hpp"
#include "instruments/content_pack.hpp"

namespace relief::http {
namespace {
namespace json = boost::json;
namespace ins = relief::instruments;

json::object response_summary(const InstrumentResponse& r) {
  json::object scores;
  for (const auto& [scale, value] : r.scores) scores[scale] = value;
  boost::system::error_code ec;
  auto score = json::parse(r.score_json, ec);
  return json::object{{"id", r.meta.id},
                      {"version", r.meta.version},
                      {"instrument", r.instrument},
                      {"instrument_version", r.instrument_version},
                      {"name", r.instrument_name},
                      {"reporter", json::value_from(r.reporter)},
                      {"status", json::value_from(r.status)},
                      {"authored", format_instant(r.authored)},
                      {"scores", std::move(scores)},
                      {"score", ec ? json::value(nullptr) : score},
                      {"recommended", r.recommended},
                      {"overridden", r.overridden},
                      {"choice_reason", r.choice_reason}};
}

}  // namespace

void add_instrument_routes(Router& router, const ins::SiteInstruments& site, const acute::AcuteSettings& acute) {
  router.add("GET", "/api/v1/instruments", Access::signed_in, std::nullopt, [&site](Context&) {
    json::array list;
    for (const auto* d : site.library.all()) list.emplace_back(ins::definition_summary(*d));
    return json_response(200, json::object{{"instruments", std::move(list)}});
  });

  router.add("GET", "/api/v1/instruments/{id}", Access::signed_in, std::nullopt, [&site](Context& ctx) {
    auto version = ctx.request.query_param("version").value_or("");
    const auto& definition = site.library.get(ctx.param("id"), version);
    auto detail = ins::definition_detail(definition);
    // Licensed wording a site has loaded (relief content load) goes on the items.
    std::optional<ins::ContentPack> pack;
    ctx.store.read([&](Reader& r) {
      pack = ins::content_for(r, definition.id, definition.version, ctx.request.query_param("language").value_or("en"));
    });
    if (pack) ins::apply_content(detail, *pack);
    return json_response(200, detail);
  });

  router.add("POST", "/api/v1/instruments/{id}/score", Access::signed_in, std::nullopt, [&site](Context& ctx) {
    auto version = ctx.request.query_param("version").value_or("");
    const auto& definition = site.library.get(ctx.param("id"), version);
    return json_response(200, ins::score_with_change(definition, ins::score_request_from_json(json_body(ctx.request))));
  });

  router.add("GET", "/api/v1/patients/{id}/recommendation", Access::signed_in, Permission::read_patient,
             [&site](Context& ctx) {
               // The situation, named as in an administration's "situation" (in_nicu, not nicu,
               // which is still read as the same). A value that is not a boolean is refused:
               // reading "yes" as false would recommend a scale for a child in another situation.
               ins::PatientFacts facts;
               std::vector<Problem> problems;
               auto flag = [&](const std::string& name) -> std::optional<bool> {
                 auto v = ctx.request.query_param(name);
                 if (!v) return std::nullopt;
                 if (*v == "true" || *v == "1") return true;
                 if (*v == "false" || *v == "0") return false;
                 problems.push_back({name, "must be true or false (or 1 or 0), not '" + *v + "'"});
                 return std::nullopt;
               };
               auto in_nicu = flag("in_nicu");
               if (auto old_name = flag("nicu")) {
                 if (in_nicu && *in_nicu != *old_name)
                   problems.push_back({"in_nicu", "in_nicu and nicu (its old name) disagree; send in_nicu alone"});
                 in_nicu = in_nicu.value_or(*old_name);
               }
               facts.in_nicu = in_nicu.value_or(false);
               facts.ventilated = flag("ventilated").value_or(false);
               facts.procedural = flag("procedural").value_or(false);
               facts.cognitive_impairment = flag("cognitive_impairment").value_or(false);
               facts.can_self_report = flag("can_self_report");
               // A misspelt fact would be ignored as surely as a misread one.
               for (const auto& [name, value] : ctx.request.query)
                 if (name != "in_nicu" && name != "nicu" && name != "ventilated" && name != "procedural" &&
                     name != "cognitive_impairment" && name != "can_self_report")
                   problems.push_back({name, "unknown (can_self_report, in_nicu, ventilated, procedural, "
                                             "cognitive_impairment: true or false)"});
               if (!problems.empty()) throw ValidationError(std::move(problems));
               std::optional<Patient> patient;
               ctx.store.read([&](Reader& r) { patient = r.get<Patient>(ctx.param("id")); });
               if (!patient) throw NotFound("Patient/" + ctx.param("id") + " does not exist");
               audit_reads(ctx, "read-recommendation", "Patient", {{patient->meta.id, patient->meta.id}});
               Date today = date_of(now());
               facts.age_months = patient->birth_date <= today ? patient->age_on(today).total_months : 0;
               auto out = ins::to_json(ins::recommend_scale(site.rules, facts));
               out["age_months"] = facts.age_months;
               // The scales the site's table chooses among: choosing another of them instead of
               // the recommended one is an override; a questionnaire is not.
               std::set<std::string> covered;
               for (const auto* d : site.library.all())
                 if (ins::covered_by_recommendation(site.rules, d->id)) covered.insert(d->id);
               json::array covers(covered.begin(), covered.end());
               out["covers"] = std::move(covers);
               return json_response(200, out);
             });

  router.add("POST", "/api/v1/patients/{id}/administrations", Access::signed_in, Permission::write_observation,
             [&site, &acute](Context& ctx) {
               auto request = ins::administration_request_from_json(ctx.param("id"), json_body(ctx.request));
               // A sedation or pain score from an instrument alerts like one from the bedside form.
               std::vector<acute::AlertRecord> raised;
               auto outcome = ins::administer(ctx.store, site, ctx.actor(), request,
                                              [&](Transaction& tx, const ins::AdministrationOutcome& charted) {
                                                raised = acute::raise_monitoring_alerts(tx, acute, request.patient_id,
                                                                                        charted.response.authored);
                                                for (const auto& o : charted.observations)
                                                  acute::note_assessment(tx, request.patient_id, o.code.code,
                                                                         charted.response.authored);
                                              });
               auto body = ins::to_json(outcome);
               json::array alerts;
               for (const auto& a : raised) {
                 auto alert = json::value_from(a).as_object();
                 alert["id"] = a.meta.id;
                 alerts.emplace_back(std::move(alert));
               }
               body["alerts_raised"] = std::move(alerts);
               auto r = json_response(201, body);
               r.header("Location", ctx.base_url() + "/fhir/QuestionnaireResponse/" + outcome.response.meta.id);
               return r;
             });

  router.add("GET", "/api/v1/patients/{id}/administrations", Access::signed_in, Permission::read_observation,
             [](Context& ctx) {
               auto instrument = ctx.request.query_param("instrument").value_or("");
               std::vector<InstrumentResponse> responses;
               bool known = false;
               ctx.store.read([&](Reader& r) {
                 known = r.exists<Patient>(ctx.param("id"));
                 if (known) responses = r.responses_of(ctx.param("id"), instrument, 500);
               });
               if (!known) throw NotFound("Patient/" + ctx.param("id") + " does not exist");
               audit_reads(ctx, "search", "QuestionnaireResponse", {{ctx.param("id"), ""}});
               json::array list;
               for (const auto& r : responses) list.emplace_back(response_summary(r));
               return json_response(200, json::object{{"patient", ctx.param("id")}, {"administrations", std::move(list)}});
             });

  // An administration charted in error (the wrong child, the wrong answers) is retracted with its
  // scores, not deleted: new versions marked entered-in-error, so it leaves the chart and is no
  // baseline, and the history still shows what was charted and who retracted it.
  router.add("POST", "/api/v1/patients/{id}/administrations/{rid}/entered-in-error", Access::signed_in,
             Permission::write_observation, [](Context& ctx) {
               auto body = json_body(ctx.request);
               const auto* reason = body.is_object() ? body.as_object().if_contains("reason") : nullptr;
               if (!reason || !reason->is_string())
                 throw ValidationError("reason", "say why the administration is in error, as text");
               ins::Retraction done;
               ctx.store.write(ctx.actor(), [&](Transaction& tx) {
                 done = ins::retract_administration(tx, ctx.param("id"), ctx.param("rid"), std::string(reason->as_string()));
               });
               json::array observations;
               for (const auto& o : done.observations) observations.emplace_back(o.meta.id);
               auto out = response_summary(done.response);
               out["observations_retracted"] = std::move(observations);
               return json_response(200, out);
             });

  router.add("GET", "/fhir/QuestionnaireResponse/{id}", Access::signed_in, Permission::read_observation,
             [](Context& ctx) {
               std::optional<InstrumentResponse> r;
               ctx.store.read([&](Reader& reader) { r = reader.get<InstrumentResponse>(ctx.param("id")); });
               if (!r) throw NotFound("QuestionnaireResponse/" + ctx.param("id") + " does not exist");
               audit_reads(ctx, "read", "QuestionnaireResponse", {{r->patient_id, r->meta.id}});
               return fhir_resource_response(200, fhir::to_fhir(*r, ctx.synthetic_site), r->meta, "QuestionnaireResponse",
                                             ctx);
             });

  router.add("GET", "/fhir/QuestionnaireResponse", Access::signed_in, Permission::read_observation,
             [](Context& ctx) {
               auto id = searched_patient(ctx.request).value_or("");
               if (id.empty()) throw ValidationError("subject", "search QuestionnaireResponses of one patient: subject=Patient/ID");
               auto paging = search_paging(ctx.request, {"subject", "patient", "questionnaire"});
               std::vector<InstrumentResponse> found;
               std::optional<fhir::QuestionnaireWanted> wanted;
               if (auto q = ctx.request.query_param("questionnaire")) wanted = fhir::questionnaire_wanted(*q);
               const bool answerable = !ctx.request.query_param("questionnaire") || wanted;
               if (answerable)
                 ctx.store.read([&](Reader& r) {
                   // A version is kept in the response's body, not a column: read the patient's
                   // responses to that instrument, then keep the version's (one chart's worth).
                   const int limit = wanted && wanted->version ? std::numeric_limits<int>::max()
                                                               : paging.offset + paging.count + 1;
                   found = r.responses_of(id, wanted ? wanted->instrument : "", limit);
                 });
               if (wanted && wanted->version)
                 std::erase_if(found, [&](const InstrumentResponse& r) { return r.instrument_version != *wanted->version; });
               found.erase(found.begin(), found.begin() + std::min<std::size_t>(found.size(), paging.offset));
               return searchset_response(
                   ctx, "QuestionnaireResponse", std::move(found), paging,
                   [](const InstrumentResponse& r, bool synthetic) { return fhir::to_fhir(r, synthetic); },
                   [](const InstrumentResponse& r) -> const std::string& { return r.patient_id; });
             });
}

}  // namespace relief::http
