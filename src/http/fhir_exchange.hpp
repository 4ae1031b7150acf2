#pragma once
// Pieces every FHIR endpoint shares: version headers, paging, and the read audit.
#include <boost/json/object.hpp>
#include <initializer_list>
#include <string_view>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fhir/bundle.hpp"
#include "http/context.hpp"
#include "http/responses.hpp"

namespace relief::http {

// 200/201 with ETag W/"N", Last-Modified, and (for 201) Location .../_history/N.
Response fhir_resource_response(int status, const boost::json::object& resource, const RecordMeta& meta,
                                const std::string& type, const Context& ctx);

// If-Match: W/"3" (or "3"): the version an update changes; nullopt without the header. Throws
// MalformedInput (400) for a value that is not one entity tag (W/3), MissingPrecondition (412)
// for one that names no version (*, W/"abc").
std::optional<std::int64_t> if_match_version(const Request& req);

std::int64_t version_param(const Context& ctx);  // {vid}, a positive integer, else NotFound

// One page of a search: _count (default 50, max 500; 0 asks for no entries), _offset, and the
// request's search parameters that the endpoint understood. Only those appear in the Bundle's
// links: R4 (search.html) has the self link say which parameters the server actually used, so a
// client can tell that an unknown one was ignored. With `Prefer: handling=strict` an unknown
// parameter is refused instead (MalformedInput, 400), and so, always, is what would silently
// widen a search: a modifier or chain, an OR list (a,b), a repeat of a non-date parameter.
struct Paging {
  int count = 50;
  int offset = 0;
  std::vector<std::pair<std::string, std::string>> used;  // in request order, without _offset
};
Paging search_paging(const Request& req, std::initializer_list<std::string_view> understood);
// The patient a search is limited to: subject=Patient/ID, patient=Patient/ID, or a bare ID.
// Both given must name the same patient (MalformedInput otherwise); a reference to another
// type is a ValidationError. Nullopt when the search names no patient.
std::optional<std::string> searched_patient(const Request& req);

// The search's URL at another offset, for Bundle links.
std::string page_url(const Context& ctx, const Paging& paging, int offset);

// Appends one "read"/"search" audit entry per (patient, resource) pair, durably, before the
// data leaves the server.
void audit_reads(const Context& ctx, const std::string& action, const std::string& type,
                 const std::vector<std::pair<std::string, std::string>>& patient_and_resource);

std::string http_date(Instant t);  // IMF-fixdate for Last-Modified

// One page of search results as a searchset Bundle. `found` holds up to paging.count + 1 records
// from paging.offset on (the extra one says a next page exists); each record returned is
// audited as read. to_fhir(record, synthetic) renders a record; patient_of(record) names its patient.
template <class T, class ToFhir, class PatientOf>
Response searchset_response(const Context& ctx, const std::string& type, std::vector<T> found, const Paging& paging,
                            ToFhir to_fhir, PatientOf patient_of) {
  const bool more = static_cast<int>(found.size()) > paging.count;
  if (more) found.resize(paging.count);
  std::vector<std::pair<std::string, std::string>> audited;
  std::vector<fhir::BundleEntry> entries;
  for (const auto& r : found) {
    audited.emplace_back(patient_of(r), r.meta.id);
    entries.push_back({ctx.base_url() + "/fhir/" + type + "/" + r.meta.id, to_fhir(r, ctx.synthetic_site)});
  }
  // A search of one patient's records that finds nothing is still an access to that chart.
  if (audited.empty())
    if (auto patient = searched_patient(ctx.request)) audited.emplace_back(*patient, "");
  audit_reads(ctx, "search", type, audited);
  std::optional<std::string> next, previous;
  // _count=0 asks for no entries, so there is no next page to give (a link to the same URL would
  // send a client paging through the results round in circles).
  if (more && paging.count > 0) next = page_url(ctx, paging, paging.offset + paging.count);
  if (paging.offset > 0 && paging.count > 0) previous = page_url(ctx, paging, std::max(0, paging.offset - paging.count));
  return json_response(200, fhir::searchset(std::move(entries), page_url(ctx, paging, paging.offset), next, previous),
                       kFhirJson);
}

}  // namespace relief::http
