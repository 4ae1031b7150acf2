#pragma once
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/errors.hpp"

namespace relief::fhir {

struct BundleEntry {
  std::string full_url;
  boost::json::object resource;
};

// One version in a history Bundle. R4 (bdl-3, bdl-4, bdl-8): the fullUrl is the resource's plain
// URL, and each entry says how that version came to be (request) and what the server answered
// (response).
struct HistoryEntry {
  std::string full_url;  // [base]/Type/id, never version-specific
  boost::json::object resource;
  std::string type;      // e.g. "Patient"
  std::string id;
  std::int64_t version = 0;
  std::string last_modified;  // instant the version was written
};

// A searchset Bundle with self and (when there is more) next/previous links.
boost::json::object searchset(std::vector<BundleEntry> entries, const std::string& self_url,
                              const std::optional<std::string>& next_url,
                              const std::optional<std::string>& previous_url);
// One page of versions, newest first, as R4's history interaction returns them; `total` counts
// every version, with next/previous links to the other pages. Neither Bundle has an entry
// element when it has no entries: R4 JSON has no empty arrays.
boost::json::object history_bundle(std::vector<HistoryEntry> entries, std::size_t total, const std::string& self_url,
                                   const std::optional<std::string>& next_url,
                                   const std::optional<std::string>& previous_url);

// severity: fatal | error | warning | information; code: from the FHIR issue-type value set.
boost::json::object operation_outcome(std::string_view severity, std::string_view code, std::string_view diagnostics,
                                      const std::vector<Problem>& problems = {});

boost::json::object capability_statement(const std::string& base_url, const std::string& software_version);

}  // namespace relief::fhir
