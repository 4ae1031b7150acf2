#pragma once
// Pieces every FHIR endpoint shares: version headers, paging, and the read audit.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/context.hpp"
#include "http/responses.hpp"

namespace relief::http {

// 200/201 with ETag W/"N", Last-Modified, and (for 201) Location .../_history/N.
Response fhir_resource_response(int status, const boost::json::object& resource, const RecordMeta& meta,
                                const std::string& type, const Context& ctx);

// If-Match: W/"3" (or "3"). Throws MalformedInput for an unreadable header.
std::optional<std::int64_t> if_match_version(const Request& req);

std::int64_t version_param(const Context& ctx);  // {vid}, a positive integer, else NotFound

struct Paging {
  int count;
  int offset;
};
Paging paging_of(const Request& req);  // _count (default 50, max 500), _offset
// The request URL with _offset replaced, for Bundle links.
std::string page_url(const Context& ctx, int offset);

// Appends one "read"/"search" audit entry per (patient, resource) pair, durably, before the
// data leaves the server.
void audit_reads(const Context& ctx, const std::string& action, const std::string& type,
                 const std::vector<std::pair<std::string, std::string>>& patient_and_resource);

std::string http_date(Instant t);  // IMF-fixdate for Last-Modified

}  // namespace relief::http
