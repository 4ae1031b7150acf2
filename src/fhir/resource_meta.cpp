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

}  // namespace relief::fhir
