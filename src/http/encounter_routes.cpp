// /fhir/Encounter (read and search by subject, read-only): an acute pain service consult, from
// acceptance to sign-off, and every visit or session Relief records (a ward round, a clinic
// visit, a therapy session). Observations name the latter as their encounter; served as consults
// alone, those references led nowhere (an outside FHIR client's probe).
#include <algorithm>
#include <functional>

#include "core/errors.hpp"
#include "fhir/resources.hpp"
#include "http/fhir_exchange.hpp"
#include "http/routes.hpp"
#include "programs/acute/acute_service.hpp"
#include "programs/acute/fhir_views.hpp"

namespace relief::http {
namespace json = boost::json;

namespace {

// Either kind: what a searchset needs of an entry. Rendered only for the page answered (a
// child's every visit was rendered, then cut to the page).
struct EncounterEntry {
  RecordMeta meta;
  std::string patient_id;
  Instant start;
  std::function<json::object(bool synthetic)> render;
};

EncounterEntry entry_of(const acute::AcuteConsult& c) {
  return {c.meta, c.patient_id, c.accepted_at.value_or(c.requested_at),
          [c](bool synthetic) { return acute::to_fhir_encounter(c, synthetic); }};
}
EncounterEntry entry_of(const Encounter& e) {
  return {e.meta, e.patient_id, e.start, [e](bool synthetic) { return fhir::to_fhir(e, synthetic); }};
}

}  // namespace

void add_encounter_routes(Router& router) {
  router.add("GET", "/fhir/Encounter/{id}", Access::signed_in, Permission::read_patient, [](Context& ctx) {
    std::optional<EncounterEntry> found;
    ctx.store.read([&](Reader& r) {
      if (auto c = acute::get<acute::AcuteConsult>(r, ctx.param("id"))) found = entry_of(*c);
      else if (auto e = r.get<Encounter>(ctx.param("id"))) found = entry_of(*e);
    });
    if (!found) throw NotFound("Encounter/" + ctx.param("id") + " does not exist");
    audit_reads(ctx, "read", "Encounter", {{found->patient_id, found->meta.id}});
    return fhir_resource_response(200, found->render(ctx.synthetic_site), found->meta, "Encounter", ctx);
  });
  router.add("GET", "/fhir/Encounter", Access::signed_in, Permission::read_patient, [](Context& ctx) {
    auto id = searched_patient(ctx.request).value_or("");
    if (id.empty()) throw ValidationError("subject", "search Encounters of one patient: subject=Patient/ID");
    auto paging = search_paging(ctx.request, {"subject", "patient"});
    std::vector<EncounterEntry> found;
    ctx.store.read([&](Reader& r) {
      for (const auto& c : acute::list<acute::AcuteConsult>(r, id, std::nullopt)) found.push_back(entry_of(c));
      for (const auto& e : r.encounters_of(id, 5000)) found.push_back(entry_of(e));
    });
    // Newest first, ties by id, so pages hold still between requests.
    std::sort(found.begin(), found.end(), [](const EncounterEntry& a, const EncounterEntry& b) {
      return b.start < a.start || (a.start == b.start && a.meta.id < b.meta.id);
    });
    found.erase(found.begin(), found.begin() + std::min<std::size_t>(found.size(), paging.offset));
    if (found.size() > static_cast<std::size_t>(paging.count) + 1) found.resize(paging.count + 1);
    return searchset_response(ctx, "Encounter", std::move(found), paging,
                              [](const EncounterEntry& e, bool synthetic) { return e.render(synthetic); },
                              [](const EncounterEntry& e) -> const std::string& { return e.patient_id; });
  });
}

}  // namespace relief::http
