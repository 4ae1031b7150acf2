// FHIR searches: GET /fhir/Patient?..., /fhir/Observation?..., /fhir/Practitioner?...
#include <boost/json.hpp>
#include <set>

#include "core/errors.hpp"
#include "fhir/bundle.hpp"
#include "fhir/resources.hpp"
#include "fhir/search_params.hpp"
#include "http/fhir_exchange.hpp"
#include "http/routes.hpp"

namespace relief::http {
namespace {

// Core resources render with fhir::to_fhir.
template <class T>
Response bundle_of(Context& ctx, const char* type, std::vector<T> found, const Paging& paging,
                   const std::function<const std::string&(const T&)>& patient_of) {
  return searchset_response(ctx, type, std::move(found), paging,
                            [](const T& r, bool synthetic) { return fhir::to_fhir(r, synthetic); }, patient_of);
}

Response search_patients(Context& ctx) {
  const auto& req = ctx.request;
  auto paging = search_paging(req, {"_id", "identifier", "name", "family", "birthdate"});
  PatientQuery q;
  q.limit = paging.count + 1;
  q.offset = paging.offset;
  // R4 search.html, token: "value" any system, "system|value" that system, "|value" no system,
  // "system|" any value in that system. Every MRN Relief holds is in kMrnSystem.
  if (auto v = req.query_param("identifier")) {
    auto token = fhir::parse_token(*v);
    if (token.system && *token.system != fhir::kMrnSystem)
      return bundle_of<Patient>(ctx, "Patient", {}, paging, [](const Patient& p) -> const std::string& { return p.meta.id; });
    if (!token.code.empty() || !token.system) q.mrn = token.code;
  }
  if (auto v = req.query_param("name")) q.name = *v;
  if (auto v = req.query_param("family")) q.family = *v;
  std::optional<Instant> from, to;
  for (const auto& v : req.query_params("birthdate"))
    if (!fhir::narrow_date_range(v, from, to))
      throw ValidationError("birthdate", "'" + v + "' is not a date search value (e.g. 2015-04-23, ge2010-01-01 or lt2015)");
  // A birth date is a whole day, and it matches when that day overlaps the range searched.
  if (from) q.born_from = date_of(*from);
  if (to) q.born_before = add_days(date_of(Instant{to->ms - 1}), 1);
  q.id = req.query_param("_id");
  std::vector<Patient> found;
  ctx.store.read([&](Reader& r) { found = r.find_patients(q); });
  return bundle_of<Patient>(ctx, "Patient", std::move(found), paging,
                            [](const Patient& p) -> const std::string& { return p.meta.id; });
}

Response search_observations(Context& ctx) {
  const auto& req = ctx.request;
  auto paging = search_paging(req, {"_id", "subject", "patient", "code", "date", "_sort"});
  ObservationQuery q;
  q.limit = paging.count + 1;
  q.offset = paging.offset;
  q.patient_id = searched_patient(req);
  if (auto v = req.query_param("code")) {
    auto token = fhir::parse_token(*v);
    if (token.code.find(',') != std::string::npos)
      throw ValidationError("code", "search one code at a time");
    // R4 search.html, token: "|code" is a code with no system, "system|" any code of that
    // system; an empty system is stored as "".
    if (!token.code.empty() || !token.system) q.code = token.code;
    if (token.system) q.code_system = *token.system;
  }
  for (const auto& d : req.query_params("date"))
    if (!fhir::narrow_date_range(d, q.from, q.to))
      throw ValidationError("date", "'" + d + "' is not a date search value (e.g. ge2024-03-01, lt2024-03-01T12:00Z or eq2024-03-01T12:00:30Z)");
  if (auto sort = req.query_param("_sort")) {
    if (*sort == "date") q.newest_first = false;
    else if (*sort == "-date") q.newest_first = true;
    else throw ValidationError("_sort", "Observations sort by date or -date");
  }
  q.id = req.query_param("_id");
  std::vector<Observation> found;
  ctx.store.read([&](Reader& r) { found = r.find_observations(q); });
  return bundle_of<Observation>(ctx, "Observation", std::move(found), paging,
                                [](const Observation& o) -> const std::string& { return o.patient_id; });
}

Response search_practitioners(Context& ctx) {
  auto paging = search_paging(ctx.request, {"_id"});
  std::vector<Staff> found;
  ctx.store.read([&](Reader& r) {
    if (auto id = ctx.request.query_param("_id")) {
      if (auto s = r.get<Staff>(*id); s && paging.offset == 0) found.push_back(*s);
    } else {
      found = r.list_staff(paging.count + 1, paging.offset);
    }
  });
  static const std::string none;
  return bundle_of<Staff>(ctx, "Practitioner", std::move(found), paging,
                          [](const Staff&) -> const std::string& { return none; });
}

}  // namespace

void add_fhir_search_routes(Router& router) {
  router.add("GET", "/fhir/Patient", Access::signed_in, Permission::read_patient, search_patients);
  router.add("GET", "/fhir/Observation", Access::signed_in, Permission::read_observation, search_observations);
  router.add("GET", "/fhir/Practitioner", Access::signed_in, Permission::read_staff, search_practitioners);
}

}  // namespace relief::http
