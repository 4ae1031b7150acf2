#include <boost/json.hpp>

#include "fhir/resources.hpp"

namespace relief::fhir {

boost::json::object resource_meta(const RecordMeta& m, bool synthetic) {
  boost::json::object meta{{"versionId", std::to_string(m.version)}, {"lastUpdated", format_instant(m.recorded_at)}};
  if (synthetic)
    meta["tag"] = boost::json::array{boost::json::object{{"system", "http://terminology.hl7.org/CodeSystem/v3-ActReason"},
                                                         {"code", "HTEST"},
                                                         {"display", "test health data"}}};
  return meta;
}

std::string reference_id(std::string_view reference, std::string_view type) {
  auto slash = reference.rfind('/');
  if (slash == std::string_view::npos || slash == 0) return {};
  auto id = reference.substr(slash + 1);
  auto before = reference.substr(0, slash);
  auto type_start = before.rfind('/');
  auto ref_type = type_start == std::string_view::npos ? before : before.substr(type_start + 1);
  if (ref_type != type || id.empty()) return {};
  return std::string(id);
}

}  // namespace relief::fhir
