// The acute pain service over HTTP (see docs/api.md, "Acute pain service"):
//   GET  /api/v1/acute/census                     every open consult, with what runs and what is due
//   POST /api/v1/acute/consults                   request a consult
//   POST /api/v1/acute/consults/{id}/accept       accept and assign (prescribers)
//   POST /api/v1/acute/consults/{id}/sign-off     sign off with a follow-up referral (prescribers)
//   POST /api/v1/acute/orders/check               the dose check, nothing saved (prescribers)
//   POST /api/v1/acute/orders                     sign an order, or a change of one (prescribers)
//   POST /api/v1/acute/orders/{id}/stop           stop an order with a reason (prescribers)
//   GET  /api/v1/acute/orders/{id}/history        every version of an order: start, changes, stop
//   GET  /api/v1/acute/formulary                  the drugs an order form offers, by class and route
//   POST /api/v1/acute/assessments                pain, sedation, respiratory rate, SpO2 at the bedside
//   POST /api/v1/acute/alerts/{id}/acknowledge    acknowledge an alert by name
#include <boost/describe.hpp>
#include <boost/json.hpp>
#include <boost/mp11.hpp>
#include <cmath>
#include <type_traits>

#include "core/errors.hpp"
#include "core/json_conversions.hpp"
#include "core/waiting.hpp"
#include "fhir/bundle.hpp"
#include "http/fhir_exchange.hpp"
#include "http/routes.hpp"
#include "programs/acute/acute_service.hpp"
#include "programs/acute/fhir_views.hpp"
#include "programs/acute/order_json.hpp"
#include "programs/acute/pain_scales.hpp"
#include "programs/acute/service_statistics.hpp"

namespace relief::http {
namespace {
namespace json = boost::json;
namespace acute = relief::acute;

std::string text(const json::object& o, const char* key, bool required = false) {
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) {
    if (required) throw ValidationError(key, "is required");
    return {};
  }
  if (!v->is_string()) throw ValidationError(key, "must be a string");
  // Blanks alone say nothing: a required text must say something.
  if (required && v->as_string().find_first_not_of(" \t\r\n") == json::string::npos)
    throw ValidationError(key, "is required");
  return std::string(v->as_string());
}

template <class T>
T typed(const json::object& o, const char* key) {
  auto* v = o.if_contains(key);
  if (!v) throw ValidationError(key, "is required");
  try {
    return json::value_to<T>(*v);
  } catch (const std::exception& e) {
    std::string allowed;
    if constexpr (std::is_enum_v<T>)
      boost::mp11::mp_for_each<boost::describe::describe_enumerators<T>>(
          [&](auto d) { allowed += std::string(allowed.empty() ? "; one of: " : ", ") + d.name; });
    throw ValidationError(key, "is not understood (" + user_message(e) + ")" + allowed + " (see docs/api.md)");
  }
}

acute::ModalityOrder order_of(const json::object& b) {
  auto* v = b.if_contains("order");
  if (!v) throw ValidationError("order", "is required");
  return acute::order_from_json(*v);
}

std::optional<double> number(const json::object& o, const char* key) {
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_number()) throw ValidationError(key, "must be a number");
  return v->to_number<double>();
}

Response dose_check_refusal(const acute::DoseCheckFailed& e) {
  json::object body{{"error", json::object{{"status", 422},
                                           {"code", e.check().refused() ? "dose-refused" : "override-required"},
                                           {"message", e.what()},
                                           {"problems", json::array{}}}},
                    {"dose_check", json::value_from(e.check())}};
  return json_response(422, body);
}

json::value optional_observation(const std::optional<Observation>& o) {
  if (!o) return nullptr;
  json::object out{{"value", o->value ? json::value(*o->value) : json::value(nullptr)},
                   {"code", o->code.code},
                   {"display", o->code.display},
                   {"note", o->note},
                   {"reporter", reporter_code(o->reporter)},
                   {"at", format_instant(o->effective)}};
  return out;
}

// The latest pain with the scale it was scored on ("NIPS", 0-7), so a 7 of NIPS is not read as
// a 7 of 10.
json::value latest_pain(const std::optional<Observation>& o) {
  auto out = optional_observation(o);
  if (const auto* scale = o ? acute::find_pain_scale(o->code.code) : nullptr) {
    out.as_object()["scale"] = scale->name;
    out.as_object()["min"] = scale->min;
    out.as_object()["max"] = scale->max;
  }
  return out;
}

json::object census_row(const acute::CensusRow& row) {
  json::array orders;
  for (const auto& o : row.orders) {
    auto j = json::value_from(o).as_object();
    j["id"] = o.meta.id;
    j["version"] = o.meta.version;
    j["label"] = acute::modality_label(o.order.kind);
    j["summary"] = acute::order_summary(o.order);
    orders.emplace_back(std::move(j));
  }
  json::array alerts;
  for (const auto& a : row.open_alerts) {
    auto j = json::value_from(a).as_object();
    j["id"] = a.meta.id;
    alerts.emplace_back(std::move(j));
  }
  auto consult = json::value_from(row.consult).as_object();
  consult["id"] = row.consult.meta.id;
  consult["version"] = row.consult.meta.version;
  return json::object{
      {"patient", json::object{{"id", row.patient.meta.id},
                               {"mrn", row.patient.mrn},
                               {"name", row.patient.display_name()},
                               {"age", json::object{{"years", row.age.years}, {"months", row.age.months_past_year()},
                                                    {"totalMonths", row.age.total_months},
                                                    // a newborn's age reads in days and weeks, not "0 months"
                                                    {"days", std::max(0, days_between(row.patient.birth_date, date_of(now())))}}}}},
      {"weight_kg", row.weight_kg ? json::value(*row.weight_kg) : json::value(nullptr)},
      {"weight_recorded", row.weight_recorded ? json::value(format_instant(*row.weight_recorded)) : json::value(nullptr)},
      {"consult", std::move(consult)},
      {"orders", std::move(orders)},
      {"latest_pain", latest_pain(row.latest_pain)},
      {"latest_sedation", optional_observation(row.latest_sedation)},
      {"latest_respiratory_rate", optional_observation(row.latest_respiratory_rate)},
      {"latest_spo2", optional_observation(row.latest_spo2)},
      {"alerts", std::move(alerts)},
      {"due", json::value_from(row.due)},
  };
}

json::object with_id(json::value v, const RecordMeta& meta) {
  auto o = v.as_object();
  o["id"] = meta.id;
  o["version"] = meta.version;
  return o;
}

}  // namespace

void add_acute_routes(Router& router, const acute::AcuteSettings& settings) {
  router.add("GET", "/api/v1/acute/census", Access::signed_in, Permission::read_patient, [&settings](Context& ctx) {
    auto rows = acute::census(ctx.store, settings, now());
    std::vector<std::pair<std::string, std::string>> audited;
    json::array list;
    for (const auto& row : rows) {
      audited.emplace_back(row.patient.meta.id, row.consult.meta.id);
      list.emplace_back(census_row(row));
    }
    audit_reads(ctx, "read-census", "AcuteConsult", audited);
    const auto& m = settings.monitoring;
    return json_response(200, json::object{{"generated", format_instant(now())},
                                           {"notice", settings.formulary.notice()},
                                           // What the bedside form asks for: the ward's sedation scale.
                                           {"monitoring", json::object{{"sedation_scale", json::value_from(m.ward_scale)},
                                                                       {"severe_pain_at", m.severe_pain_at},
                                                                       {"reassess_within_min", m.reassess_within_min},
                                                                       // null: no SpO2 alert until the site sets one
                                                                       {"spo2_minimum", m.spo2_minimum ? json::value(*m.spo2_minimum)
                                                                                                       : json::value(nullptr)}}},
                                           {"patients", std::move(list)}});
  });

  // FHIR views: consults as ServiceRequest, drug orders as MedicationRequest (read and
  // search by subject). `shown` leaves out records the resource type cannot honestly carry.
  auto add_fhir_view = [&router]<class T>(const char* fhir_type, auto to_fhir, auto shown) {
    const std::string base = std::string("/fhir/") + fhir_type;
    router.add("GET", base + "/{id}", Access::signed_in, Permission::read_patient, [fhir_type, to_fhir, shown](Context& ctx) {
      std::optional<T> record;
      ctx.store.read([&](Reader& r) { record = acute::get<T>(r, ctx.param("id")); });
      if (!record || !shown(*record)) throw NotFound(std::string(fhir_type) + "/" + ctx.param("id") + " does not exist");
      audit_reads(ctx, "read", fhir_type, {{record->patient_id, record->meta.id}});
      return fhir_resource_response(200, to_fhir(*record, ctx.synthetic_site), record->meta, fhir_type, ctx);
    });
    router.add("GET", base, Access::signed_in, Permission::read_patient, [fhir_type, to_fhir, shown](Context& ctx) {
      auto id = searched_patient(ctx.request).value_or("");
      if (id.empty()) throw ValidationError("subject", std::string("search ") + fhir_type + "s of one patient: subject=Patient/ID");
      auto paging = search_paging(ctx.request, {"subject", "patient"});
      std::vector<T> found;
      ctx.store.read([&](Reader& r) { found = acute::list<T>(r, id, std::nullopt); });
      std::erase_if(found, [&](const T& rec) { return !shown(rec); });
      found.erase(found.begin(), found.begin() + std::min<std::size_t>(found.size(), paging.offset));
      if (found.size() > static_cast<std::size_t>(paging.count) + 1) found.resize(paging.count + 1);
      return searchset_response(ctx, fhir_type, std::move(found), paging, to_fhir,
                                [](const T& rec) -> const std::string& { return rec.patient_id; });
    });
  };
  auto every = [](const auto&) { return true; };
  add_fhir_view.operator()<acute::AcuteConsult>("ServiceRequest", acute::to_fhir_service_request, every);
  // A non-drug therapy (a therapy dog, TENS) is not a medication: it stays out of MedicationRequest.
  add_fhir_view.operator()<acute::OrderRecord>("MedicationRequest", acute::to_fhir_medication_request,
                                               [](const acute::OrderRecord& o) { return o.order.kind != acute::Modality::non_drug; });

  // GET /api/v1/acute/statistics?from=2026-01-01&to=2026-12-01 (dates; default: the last 12 months)
  router.add("GET", "/api/v1/acute/statistics", Access::signed_in, Permission::read_patient, [](Context& ctx) {
    auto date_param = [&](const char* name, Date fallback) {
      auto v = ctx.request.query_param(name);
      if (!v) return fallback;
      auto d = parse_date(*v);
      if (!d) throw ValidationError(name, "a date, YYYY-MM-DD");
      return *d;
    };
    Date today = date_of(now());
    Date to = date_param("to", add_days(today, 1));
    Date from = date_param("from", add_days(to, -365));
    if (!(from < to)) throw ValidationError("from", "must be before to");
    acute::ServiceStatistics s;
    // A year of the service's records: 60-100 ms on the demo site, too long for a network thread.
    run_blocking([&] {
      ctx.store.read([&](Reader& r) { s = acute::service_statistics(r, start_of_day(from), start_of_day(to)); });
    });
    json::object by_month;
    for (const auto& [month, reasons] : s.consults_by_month) {
      json::object counts;
      for (const auto& [reason, n] : reasons) counts[reason] = n;
      by_month[month] = std::move(counts);
    }
    json::object modality_days, alerts_by_kind;
    for (const auto& [m, d] : s.modality_days) modality_days[m] = std::round(d * 10) / 10;
    for (const auto& [k, n] : s.alerts_by_kind) alerts_by_kind[k] = n;
    auto optional = [](const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); };
    return json_response(200, json::object{
                                  {"from", format_date(from)},
                                  {"to", format_date(to)},
                                  {"consults_by_month", std::move(by_month)},
                                  {"modality_days", std::move(modality_days)},
                                  {"alerts", s.alerts},
                                  {"alerts_by_kind", std::move(alerts_by_kind)},
                                  {"alerts_acknowledged", s.alerts_acknowledged},
                                  {"median_minutes_to_acknowledge", optional(s.median_minutes_to_acknowledge)},
                                  {"consults_assessed", s.consults_assessed},
                                  {"median_minutes_to_first_assessment", optional(s.median_minutes_to_first_assessment)},
                              });
  });

  router.add("POST", "/api/v1/acute/consults", Access::signed_in, Permission::write_observation, [](Context& ctx) {
    auto b = json_object_body(ctx.request);
    acute::AcuteConsult c;
    c.patient_id = text(b, "patient", true);
    c.reason = typed<acute::ConsultReason>(b, "reason");
    c.detail = text(b, "detail");
    c.requesting_service = text(b, "requesting_service");
    c.location = text(b, "location");
    // The service goes to the bedside: a consult without a place is a call nobody can answer.
    if (c.location.find_first_not_of(" \t") == std::string::npos)
      throw ValidationError("location", "say where the child is: ward and bed, e.g. \"Ward 5 bed 12\"");
    if (b.contains("urgency")) c.urgency = typed<acute::Urgency>(b, "urgency");
    if (auto* o = b.if_contains("oncology")) {
      if (!o->is_bool()) throw ValidationError("oncology", "true or false");
      c.oncology = o->as_bool();
    }
    c = acute::request_consult(ctx.store, ctx.actor(), c);
    return json_response(201, with_id(json::value_from(c), c.meta));
  });

  router.add("POST", "/api/v1/acute/consults/{id}/accept", Access::signed_in, Permission::prescribe, [](Context& ctx) {
    auto b = json_object_body(ctx.request);
    auto c = acute::accept_consult(ctx.store, ctx.actor(), ctx.param("id"), text(b, "assigned"), text(b, "location"));
    return json_response(200, with_id(json::value_from(c), c.meta));
  });

  router.add("POST", "/api/v1/acute/consults/{id}/sign-off", Access::signed_in, Permission::prescribe,
             [](Context& ctx) {
               auto b = json_object_body(ctx.request);
               auto c = acute::sign_off(ctx.store, ctx.actor(), ctx.param("id"), text(b, "follow_up"));  // blank: sign_off says what to write
               return json_response(200, with_id(json::value_from(c), c.meta));
             });

  router.add("POST", "/api/v1/acute/consults/{id}/notes", Access::signed_in, Permission::write_observation,
             [](Context& ctx) {
               auto b = json_object_body(ctx.request);
               auto note = acute::round_note(ctx.store, ctx.actor(), ctx.param("id"), text(b, "text", true));
               return json_response(201, json::object{{"id", note.meta.id},
                                                      {"patient", note.patient_id},
                                                      {"kind", note.kind},
                                                      {"written", format_instant(note.written)},
                                                      {"text", note.text}});
             });

  router.add("POST", "/api/v1/acute/orders/check", Access::signed_in, Permission::prescribe, [&settings](Context& ctx) {
    auto b = json_object_body(ctx.request);
    auto check = acute::preview_order(ctx.store, settings, text(b, "patient", true),
                                      order_of(b), text(b, "replaces"));
    audit_reads(ctx, "dose-check", "AcuteOrder", {{text(b, "patient"), ""}});
    return json_response(200, json::value_from(check));
  });

  router.add("POST", "/api/v1/acute/orders", Access::signed_in, Permission::prescribe, [&settings](Context& ctx) {
    auto b = json_object_body(ctx.request);
    try {
      acute::OrderChange change;
      change.order_id = text(b, "replaces");
      if (!change.order_id.empty()) {
        auto version = number(b, "replaces_version");
        if (!version || *version != std::floor(*version) || *version < 1)
          throw ValidationError("replaces_version", "is required with replaces: the version of the order being changed, "
                                                    "as the census shows it");
        change.version = static_cast<std::int64_t>(*version);
        if (auto reason = text(b, "change_reason"); !reason.empty()) change.reason = reason;
      }
      auto record = acute::place_order(ctx.store, settings, ctx.actor(), text(b, "patient", true), text(b, "consult"),
                                       order_of(b), text(b, "override_reason"), change);
      return json_response(201, with_id(json::value_from(record), record.meta));
    } catch (const acute::StaleOrder& e) {
      return error_response(false, 409, "conflict", e.what());
    } catch (const acute::DoseCheckFailed& e) {
      // The refusal shows the child's weight and doses: a read of the chart, audited like the
      // check itself (the refused order is not written, so no other entry records it).
      audit_reads(ctx, "dose-refused", "AcuteOrder", {{text(b, "patient"), ""}});
      return dose_check_refusal(e);
    }
  });

  router.add("POST", "/api/v1/acute/orders/{id}/stop", Access::signed_in, Permission::prescribe, [](Context& ctx) {
    auto b = json_object_body(ctx.request);
    auto record = acute::stop_order(ctx.store, ctx.actor(), ctx.param("id"), text(b, "reason", true));
    return json_response(200, with_id(json::value_from(record), record.meta));
  });

  router.add("GET", "/api/v1/acute/orders/{id}/history", Access::signed_in, Permission::read_patient,
             [](Context& ctx) {
               std::vector<acute::OrderRecord> versions;
               ctx.store.read([&](Reader& r) { versions = acute::history<acute::OrderRecord>(r, ctx.param("id")); });
               if (versions.empty()) throw NotFound("order " + ctx.param("id") + " does not exist");
               audit_reads(ctx, "read-history", "AcuteOrder", {{versions.front().patient_id, ctx.param("id")}});
               json::array list;
               for (const auto& v : versions) {
                 auto j = with_id(json::value_from(v), v.meta);
                 j["summary"] = acute::order_summary(v.order);
                 j["recorded_at"] = format_instant(v.meta.recorded_at);
                 list.emplace_back(std::move(j));
               }
               return json_response(200, json::object{{"versions", std::move(list)}});
             });

  // What an order form may offer; the dose check itself stays on the server.
  router.add("GET", "/api/v1/acute/formulary", Access::signed_in, Permission::read_patient, [&settings](Context&) {
    json::array drugs;
    for (const auto* d : settings.formulary.drugs()) {
      json::array routes;
      for (auto r : d->routes) routes.emplace_back(acute::to_string(r));
      json::object drug{
          {"id", d->id}, {"name", d->name}, {"class", acute::to_string(d->drug_class)}, {"routes", std::move(routes)}};
      // From what age the dose check expects a child to work the PCA button (the site's limit,
      // ages in months; none of its rules depends on more than the age): the form offers a
      // nurse-controlled PCA to younger children instead of copying the number.
      acute::LimitContext any_child;
      any_child.routes = d->routes;
      for (const auto& limit : settings.formulary.applicable(*d, acute::Measure::pca_patient_min_age, any_child))
        drug["pca_patient_controlled_from_months"] =
            std::max(limit.value, drug.contains("pca_patient_controlled_from_months")
                                      ? drug["pca_patient_controlled_from_months"].to_number<double>()
                                      : 0.0);
      drugs.emplace_back(std::move(drug));
    }
    return json_response(200, json::object{{"notice", settings.formulary.notice()}, {"drugs", std::move(drugs)}});
  });

  router.add("POST", "/api/v1/acute/assessments", Access::signed_in, Permission::write_observation,
             [&settings](Context& ctx) {
               auto b = json_object_body(ctx.request);
               acute::AssessmentInput in;
               in.pain = number(b, "pain");
               if (auto code = text(b, "pain_code"); !code.empty()) in.pain_code = code;
               if (auto* s = b.if_contains("sedation"); s && !s->is_null()) {
                 if (!s->is_object())
                   throw ValidationError("sedation", "must be an object with a scale and a level, e.g. "
                                                     "{\"scale\": \"poss\", \"level\": \"2\"}");
                 const auto& sedation = s->as_object();
                 if (!sedation.contains("scale")) throw ValidationError("sedation.scale", "is required (poss, umss or rass)");
                 in.sedation_scale = typed<acute::SedationScale>(sedation, "scale");
                 // UMSS and RASS are integer scales: 3 and "3" are the same level; POSS also has "S".
                 auto* level = sedation.if_contains("level");
                 if (level && level->is_int64())
                   in.sedation_level = std::to_string(level->as_int64());
                 else if (level && level->is_string() && !level->as_string().empty())
                   in.sedation_level = std::string(level->as_string());
                 else
                   throw ValidationError("sedation.level", "is required: a level of the scale (POSS S or 1-4, UMSS 0-4, RASS -5 to +4)");
               }
               in.respiratory_rate = number(b, "respiratory_rate");
               in.spo2 = number(b, "spo2");
               if (auto at = text(b, "at"); !at.empty()) {
                 in.at = parse_instant(at);
                 if (!in.at) throw ValidationError("at", "a date and time with a zone");
               }
               if (b.contains("reporter")) {
                 auto r = reporter_from_string(text(b, "reporter"));
                 if (!r) throw ValidationError("reporter", "self, parent, clinician or other");
                 in.reporter = *r;
               }
               auto out = acute::record_assessment(ctx.store, settings, ctx.actor(), text(b, "patient", true), in);
               json::array raised;
               for (const auto& a : out.raised) raised.emplace_back(with_id(json::value_from(a), a.meta));
               json::array observations;
               for (const auto& o : out.observations) observations.emplace_back(o.meta.id);
               return json_response(201, json::object{{"observations", std::move(observations)},
                                                      {"raised", std::move(raised)},
                                                      {"alerts", json::value_from(out.state.alerts)},
                                                      {"due", json::value_from(out.state.due)}});
             });

  router.add("POST", "/api/v1/acute/alerts/{id}/acknowledge", Access::signed_in, Permission::write_observation,
             [](Context& ctx) {
               auto b = json_object_body(ctx.request);
               auto a = acute::acknowledge_alert(ctx.store, ctx.actor(), ctx.param("id"), text(b, "action_taken", true));
               return json_response(200, with_id(json::value_from(a), a.meta));
             });
}

}  // namespace relief::http
