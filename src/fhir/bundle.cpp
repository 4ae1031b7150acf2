#include "fhir/bundle.hpp"

#include <boost/json.hpp>

#include "core/time.hpp"
#include "fhir/resources.hpp"

namespace relief::fhir {
namespace json = boost::json;

namespace {
json::array entries_json(std::vector<BundleEntry>& entries) {
  json::array out;
  for (auto& e : entries)
    out.emplace_back(json::object{
        {"fullUrl", e.full_url}, {"resource", std::move(e.resource)}, {"search", json::object{{"mode", "match"}}}});
  return out;
}
}  // namespace

json::object searchset(std::vector<BundleEntry> entries, const std::string& self_url,
                       const std::optional<std::string>& next_url, const std::optional<std::string>& previous_url) {
  json::array links{json::object{{"relation", "self"}, {"url", self_url}}};
  if (next_url) links.emplace_back(json::object{{"relation", "next"}, {"url", *next_url}});
  if (previous_url) links.emplace_back(json::object{{"relation", "previous"}, {"url", *previous_url}});
  json::object out{{"resourceType", "Bundle"},
                   {"type", "searchset"},
                   {"timestamp", format_instant(now())},
                   {"link", std::move(links)}};
  // R4 json.html: an array is never empty; a search that found nothing has no entry element.
  if (!entries.empty()) out["entry"] = entries_json(entries);
  return out;
}

json::object history_bundle(std::vector<HistoryEntry> entries, std::size_t total, const std::string& self_url,
                            const std::optional<std::string>& next_url, const std::optional<std::string>& previous_url) {
  json::array out;
  for (auto& e : entries) {
    // Relief has no delete: version 1 was a create, every later version an update.
    const bool created = e.version == 1;
    json::object request{{"method", created ? "POST" : "PUT"}, {"url", created ? e.type : e.type + "/" + e.id}};
    json::object response{{"status", created ? "201 Created" : "200 OK"},
                          {"etag", "W/\"" + std::to_string(e.version) + "\""},
                          {"lastModified", e.last_modified}};
    out.emplace_back(json::object{{"fullUrl", e.full_url},
                                  {"resource", std::move(e.resource)},
                                  {"request", std::move(request)},
                                  {"response", std::move(response)}});
  }
  json::array links{json::object{{"relation", "self"}, {"url", self_url}}};
  if (next_url) links.emplace_back(json::object{{"relation", "next"}, {"url", *next_url}});
  if (previous_url) links.emplace_back(json::object{{"relation", "previous"}, {"url", *previous_url}});
  json::object bundle{{"resourceType", "Bundle"}, {"type", "history"}, {"total", total}, {"link", std::move(links)}};
  if (!out.empty()) bundle["entry"] = std::move(out);  // never an empty array (json.html); _count=0 asks for none
  return bundle;
}

json::object operation_outcome(std::string_view severity, std::string_view code, std::string_view diagnostics,
                               const std::vector<Problem>& problems) {
  json::array issues;
  if (problems.empty()) {
    issues.emplace_back(json::object{{"severity", severity}, {"code", code}, {"diagnostics", diagnostics}});
  } else {
    for (const auto& p : problems) {
      json::object issue{{"severity", severity}, {"code", code}, {"diagnostics", p.message}};
      if (!p.field.empty()) issue["expression"] = json::array{json::string(p.field)};
      issues.emplace_back(std::move(issue));
    }
  }
  return json::object{{"resourceType", "OperationOutcome"}, {"issue", std::move(issues)}};
}

json::object capability_statement(const std::string& base_url, const std::string& software_version) {
  auto interactions = [](std::initializer_list<const char*> codes) {
    json::array out;
    for (auto c : codes) out.emplace_back(json::object{{"code", c}});
    return out;
  };
  auto params = [](std::initializer_list<std::pair<const char*, const char*>> list) {
    json::array out;
    for (auto& [name, type] : list) out.emplace_back(json::object{{"name", name}, {"type", type}});
    return out;
  };
  // R4 lets a server not store elements, but it must say so.
  auto resource = [&](const char* type, const char* stored, json::array search) {
    return json::object{{"type", type},
                        {"documentation", std::string("Stored: ") + stored +
                                              ". Other elements are accepted but not kept. Refused (422): "
                                              "modifierExtension, implicitRules, meta.security (labels are "
                                              "neither kept nor enforced), references to other servers."},
                        {"versioning", "versioned-update"},
                        {"readHistory", true},
                        {"updateCreate", false},
                        {"conditionalCreate", false},
                        {"conditionalUpdate", false},
                        {"conditionalDelete", "not-supported"},
                        {"interaction", interactions({"read", "vread", "update", "history-instance", "create",
                                                      "search-type"})},
                        {"searchParam", std::move(search)}};
  };
  json::array resources{
      resource("Patient",
               "identifier (the MRN), name (official or first: family, given), gender, birthDate, active, "
               "deceased[x], communication (preferred language), contact (relationship, name, phone, guardian)",
               params({{"_id", "token"}, {"identifier", "token"}, {"name", "string"}, {"family", "string"},
                                  {"birthdate", "date"}})),
      resource("Practitioner", "name, qualification, active, the trainee extension", params({{"_id", "token"}})),
      resource("Observation",
               "status, code, category, subject, encounter, performer (a Practitioner), effective[x] "
               "(dateTime or instant), valueQuantity or valueInteger, method.text, the first note, derivedFrom, "
               "the reporter extension",
               params({{"_id", "token"}, {"subject", "reference"}, {"patient", "reference"},
                                      {"code", "token"}, {"date", "date"}})),
  };
  // Read-only views of records that Relief's own APIs write (instrument administrations, the
  // acute pain service's consults, as requests and as encounters, and orders).
  for (std::string_view type : kReadOnlyTypes) {
    auto search = params({{"subject", "reference"}, {"patient", "reference"}});
    if (type == "QuestionnaireResponse")
      search.emplace_back(json::object{{"name", "questionnaire"}, {"type", "reference"}});
    resources.emplace_back(json::object{{"type", type},
                                        {"documentation", "Read and search only (written through Relief's own API). "
                                                          "meta.versionId is the current version; vread and history "
                                                          "are not supported (405). Searches are of one patient's "
                                                          "records: subject (or patient) is required."},
                                        {"versioning", "versioned"},
                                        {"readHistory", false},
                                        {"interaction", interactions({"read", "search-type"})},
                                        {"searchParam", std::move(search)}});
  }
  return json::object{
      {"resourceType", "CapabilityStatement"},
      {"status", "active"},
      {"date", format_date(date_of(now()))},
      {"kind", "instance"},
      {"software", json::object{{"name", "Relief"}, {"version", software_version}}},
      {"implementation", json::object{{"description", "Relief pediatric pain and palliative care platform"},
                                      {"url", base_url}}},
      {"fhirVersion", kFhirVersion},
      {"format", json::array{"json", "application/fhir+json"}},
      {"rest", json::array{json::object{
                   {"mode", "server"},
                   {"security", json::object{{"description", "POST /auth/login for a token; send Authorization: "
                                                             "Bearer <token>"}}},
                   {"resource", std::move(resources)}}}},
  };
}

}  // namespace relief::fhir
