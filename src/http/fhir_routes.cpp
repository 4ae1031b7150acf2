// FHIR create / read / vread / update / history for the core resources. One template serves
// all three; what differs per resource (parsing, reference checks, permissions) is in a spec.
#include <boost/json.hpp>

#include "core/errors.hpp"
#include "core/time.hpp"
#include "fhir/bundle.hpp"
#include "fhir/element_reader.hpp"
#include "fhir/resources.hpp"
#include "http/fhir_exchange.hpp"
#include "http/routes.hpp"
#include "programs/acute/acute_service.hpp"

namespace relief::http {
namespace {

const std::string kNoPatient;

struct PatientSpec {
  using Record = Patient;
  static constexpr const char* type = "Patient";
  static constexpr Permission read = Permission::read_patient;
  static constexpr Permission write = Permission::write_patient;
  static Patient parse(const Context&, const std::string& body) { return fhir::patient_from_fhir(body, date_of(now())); }
  static void check_references(Transaction&, const Patient&) {}
  static void check_update(const Patient&, const Patient&) {}
  static void after_write(Transaction&, const Patient&, const acute::AcuteSettings&) {}
  static const std::string& patient_of(const Patient& p) { return p.meta.id; }
};

struct PractitionerSpec {
  using Record = Staff;
  static constexpr const char* type = "Practitioner";
  static constexpr Permission read = Permission::read_staff;
  static constexpr Permission write = Permission::write_staff;
  static Staff parse(const Context&, const std::string& body) { return fhir::practitioner_from_fhir(body); }
  static void check_references(Transaction&, const Staff&) {}
  static void check_update(const Staff&, const Staff&) {}
  static void after_write(Transaction&, const Staff&, const acute::AcuteSettings&) {}
  static const std::string& patient_of(const Staff&) { return kNoPatient; }
};

struct ObservationSpec {
  using Record = Observation;
  static constexpr const char* type = "Observation";
  static constexpr Permission read = Permission::read_observation;
  static constexpr Permission write = Permission::write_observation;
  static Observation parse(const Context& ctx, const std::string& body) {
    return fhir::observation_from_fhir(body, now(), ctx.fhir_bases());
  }
  // References are checked inside the write, so a patient cannot vanish between check and write.
  static void check_references(Transaction& tx, const Observation& o) {
    std::vector<Problem> problems;
    auto birth_date = tx.patient_birth_date(o.patient_id);
    if (!birth_date) problems.push_back({"subject", "Patient/" + o.patient_id + " does not exist"});
    else if (date_of(o.effective) < *birth_date)
      problems.push_back({"effectiveDateTime", "is before the patient's birth date (" + format_date(*birth_date) + ")"});
    if (!o.performer_id.empty() && !tx.exists<Staff>(o.performer_id))
      problems.push_back({"performer", "Practitioner/" + o.performer_id + " does not exist"});
    if (!o.encounter_id.empty()) {
      // Another child's encounter would file this finding under that child's visit. Either kind
      // /fhir/Encounter serves will do: a recorded visit, or an acute pain service consult.
      std::optional<std::string> whose;
      if (auto visit = tx.get<Encounter>(o.encounter_id)) whose = visit->patient_id;
      else if (auto consult = acute::get<acute::AcuteConsult>(tx, o.encounter_id)) whose = consult->patient_id;
      if (!whose) problems.push_back({"encounter", "Encounter/" + o.encounter_id + " does not exist"});
      else if (*whose != o.patient_id)
        problems.push_back({"encounter", "Encounter/" + o.encounter_id + " is another patient's; give one of Patient/" +
                                             o.patient_id + "'s encounters, or none"});
    }
    if (!o.derived_from.empty() && !tx.exists<InstrumentResponse>(o.derived_from))
      problems.push_back({"derivedFrom", "QuestionnaireResponse/" + o.derived_from + " does not exist"});
    if (!problems.empty()) throw ValidationError(std::move(problems));
  }
  // A score computed from an administration belongs to it: changed alone (a value edited, or
  // marked entered-in-error) it would disagree with the answers it was scored from, and the
  // administration would still count as the child's baseline. The administration is retracted
  // instead, with all its scores.
  // And an update may correct a finding, not what it is about or whether it stands:
  // - a score stays with its child: moved by an update it would vanish from the first child's
  //   chart and audit trail. Charted for the wrong child, it is retracted there and recorded again;
  // - retracting takes a reason, as the chart's Retract does (a note saying why);
  // - a retraction is final: a score withdrawn as wrong does not come back by an edit.
  static void check_update(const Observation& current, const Observation& next) {
    if (!current.derived_from.empty())
      throw ValidationError("derivedFrom", "this score was computed from QuestionnaireResponse/" + current.derived_from +
                                               ": retract that administration with POST /api/v1/patients/" +
                                               current.patient_id + "/administrations/" + current.derived_from +
                                               "/entered-in-error {\"reason\": ...}");
    const std::string retract = "POST /api/v1/patients/" + current.patient_id + "/observations/" + current.meta.id +
                                "/entered-in-error {\"reason\": ...}";
    if (next.patient_id != current.patient_id)
      throw ValidationError("subject", "an observation stays with the patient it was recorded for (Patient/" +
                                           current.patient_id + "): retract it there (" + retract +
                                           ") and record it again for Patient/" + next.patient_id);
    // A correction changes the finding, not what was measured: a pain score edited into a body
    // weight would become the child's dosing weight with a pain score's history.
    if (next.code.system != current.code.system || next.code.code != current.code.code)
      throw ValidationError("code", "an observation stays what it measured (" + current.code.system + "|" +
                                        current.code.code + "): retract it (" + retract +
                                        ") and record the other measure as a new observation");
    if (current.status == ObservationStatus::entered_in_error && next.status != ObservationStatus::entered_in_error)
      throw ValidationError("status", "this observation was withdrawn as entered in error and stays so; record the "
                                      "finding again as a new observation");
    bool blank = next.note.find_first_not_of(" \t\r\n") == std::string::npos;
    if (next.status == ObservationStatus::entered_in_error && current.status != ObservationStatus::entered_in_error &&
        (blank || next.note == current.note))
      throw ValidationError("note", "say why it is in error in a note, or use " + retract);
  }
  // A pain or sedation score charted by any FHIR client alerts like one from the bedside form.
  static void after_write(Transaction& tx, const Observation& o, const acute::AcuteSettings& acute) {
    acute::raise_monitoring_alerts(tx, acute, o.patient_id, o.effective);
    acute::note_assessment(tx, o.patient_id, o.code.code, o.effective);
  }
  static const std::string& patient_of(const Observation& o) { return o.patient_id; }
};

template <class Spec>
void add_crud(Router& router, const acute::AcuteSettings& acute) {
  using T = typename Spec::Record;
  const std::string base = std::string("/fhir/") + Spec::type;

  router.add("POST", base, Access::signed_in, Spec::write, [&acute](Context& ctx) {
    T record = Spec::parse(ctx, ctx.request.body);
    record.meta = {};  // the server assigns id and version on create (FHIR create semantics)
    ctx.store.write(ctx.actor(), [&](Transaction& tx) {
      Spec::check_references(tx, record);
      tx.put(record);
      Spec::after_write(tx, record, acute);
    });
    return fhir_resource_response(201, fhir::to_fhir(record, ctx.synthetic_site), record.meta, Spec::type, ctx);
  });

  router.add("GET", base + "/{id}", Access::signed_in, Spec::read, [](Context& ctx) {
    std::optional<T> record;
    ctx.store.read([&](Reader& r) { record = r.get<T>(ctx.param("id")); });
    if (!record) throw NotFound(std::string(Spec::type) + "/" + ctx.param("id") + " does not exist");
    audit_reads(ctx, "read", Spec::type, {{Spec::patient_of(*record), record->meta.id}});
    return fhir_resource_response(200, fhir::to_fhir(*record, ctx.synthetic_site), record->meta, Spec::type, ctx);
  });

  router.add("GET", base + "/{id}/_history/{vid}", Access::signed_in, Spec::read, [](Context& ctx) {
    auto version = version_param(ctx);
    std::optional<T> record;
    ctx.store.read([&](Reader& r) { record = r.get_version<T>(ctx.param("id"), version); });
    if (!record)
      throw NotFound(std::string(Spec::type) + "/" + ctx.param("id") + " has no version " + std::to_string(version));
    audit_reads(ctx, "read", Spec::type, {{Spec::patient_of(*record), record->meta.id}});
    return fhir_resource_response(200, fhir::to_fhir(*record, ctx.synthetic_site), record->meta, Spec::type, ctx);
  });

  router.add("GET", base + "/{id}/_history", Access::signed_in, Spec::read, [](Context& ctx) {
    std::vector<T> versions;
    ctx.store.read([&](Reader& r) { versions = r.history<T>(ctx.param("id")); });
    if (versions.empty()) throw NotFound(std::string(Spec::type) + "/" + ctx.param("id") + " does not exist");
    // Paged as searches are (R4 http.html: _count limits a history page too): never more than
    // asked for, with links to the rest.
    const auto paging = search_paging(ctx.request, {});
    const std::size_t total = versions.size();
    const std::size_t first = std::min<std::size_t>(paging.offset, total);
    const std::size_t last = std::min<std::size_t>(first + paging.count, total);
    audit_reads(ctx, "history", Spec::type, {{Spec::patient_of(versions.front()), versions.front().meta.id}});
    std::vector<fhir::HistoryEntry> entries;
    for (std::size_t i = first; i < last; ++i) {
      const auto& v = versions[i];
      entries.push_back({ctx.base_url() + "/fhir/" + Spec::type + "/" + v.meta.id, fhir::to_fhir(v, ctx.synthetic_site),
                         Spec::type, v.meta.id, v.meta.version, format_instant(v.meta.recorded_at)});
    }
    std::optional<std::string> next, previous;
    if (last < total && paging.count > 0) next = page_url(ctx, paging, static_cast<int>(last));
    if (paging.offset > 0 && paging.count > 0) previous = page_url(ctx, paging, std::max(0, paging.offset - paging.count));
    return json_response(200, fhir::history_bundle(std::move(entries), total, page_url(ctx, paging, paging.offset), next,
                                                   previous),
                         kFhirJson);
  });

  router.add("PUT", base + "/{id}", Access::signed_in, Spec::write, [&acute](Context& ctx) {
    // Relief assigns ids, so an update cannot create: R4 answers 405 for an id that does not exist.
    bool exists = false;
    ctx.store.read([&](Reader& r) { exists = r.exists<T>(ctx.param("id")); });
    if (!exists) {
      auto r = error_response(true, 405, "not-supported",
                              std::string(Spec::type) + "/" + ctx.param("id") + " does not exist, and updates do not create: POST /fhir/" +
                                  Spec::type + " creates it under an id the server assigns");
      r.header("Allow", "");
      return r;
    }
    // Version-aware updates only: an edit based on a stale read must not overwrite a newer one.
    auto expected = if_match_version(ctx.request);
    // If-None-Match: * asks that nothing exist here (RFC 9110 13.1.2), and an update only ever
    // changes what does: the condition is false.
    if (auto none = ctx.request.header("if-none-match"); none && none->find('*') != std::string::npos)
      throw MissingPrecondition("If-None-Match: * asks that " + std::string(Spec::type) + "/" + ctx.param("id") +
                                " not exist, and an update changes one that does: drop the header, or create with POST");
    T record = Spec::parse(ctx, ctx.request.body);
    // Parsed as Spec::parse did (same depth limit), so what it accepted parses here too.
    const auto body = fhir::parse_resource(ctx.request.body, Spec::type);
    auto* body_id = body.as_object().if_contains("id");
    if (!body_id || !body_id->is_string() || body_id->as_string() != ctx.param("id"))
      throw MalformedInput("the resource's id must be present and equal to the id in the URL");
    if (!expected)
      throw MissingPrecondition("an update must say which version it changes: send If-Match: W/\"N\" with the ETag "
                                "of the version you read");
    record.meta = {};
    record.meta.id = ctx.param("id");
    ctx.store.write(ctx.actor(), [&](Transaction& tx) {
      std::optional<T> current = tx.get<T>(record.meta.id);
      if (!current) throw NotFound(std::string(Spec::type) + "/" + record.meta.id + " does not exist");
      record.meta.site_id = current->meta.site_id;
      Spec::check_update(*current, record);
      Spec::check_references(tx, record);
      tx.put(record, expected);
      Spec::after_write(tx, record, acute);
    });
    return fhir_resource_response(200, fhir::to_fhir(record, ctx.synthetic_site), record.meta, Spec::type, ctx);
  });
}

}  // namespace

void add_fhir_routes(Router& router, const acute::AcuteSettings& acute) {
  add_crud<PatientSpec>(router, acute);
  add_crud<PractitionerSpec>(router, acute);
  add_crud<ObservationSpec>(router, acute);
}

}  // namespace relief::http
