#pragma once
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/errors.hpp"

namespace relief::fhir {

struct BundleEntry {
  std::string full_url;
  boost::json::object resource;
};

// A searchset Bundle with self and (when there is more) next/previous links.
boost::json::object searchset(std::vector<BundleEntry> entries, const std::string& self_url,
                              const std::optional<std::string>& next_url,
                              const std::optional<std::string>& previous_url);
boost::json::object history_bundle(std::vector<BundleEntry> entries, const std::string& self_url);

// severity: fatal | error | warning | information; code: from the FHIR issue-type value set.
boost::json::object operation_outcome(std::string_view severity, std::string_view code, std::string_view diagnostics,
                                      const std::vector<Problem>& problems = {});

boost::json::object capability_statement(const std::string& base_url, const std::string& software_version);

}  // namespace relief::fhir
