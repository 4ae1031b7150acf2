#include <boost/json.hpp>

#include "fhir/element_reader.hpp"
#include "fhir/resources.hpp"

namespace relief::fhir {
namespace json = boost::json;

json::object to_fhir(const Staff& s, bool synthetic) {
  json::array given;
  for (const auto& g : s.given) given.emplace_back(g);
  json::array qualifications{json::object{
      {"code", json::object{{"coding", json::array{json::object{{"system", kDisciplineSystem}, {"code", s.discipline}}}},
                            {"text", s.discipline}}}}};
  for (const auto& c : s.credentials) qualifications.emplace_back(json::object{{"code", json::object{{"text", c}}}});
  json::object name{{"family", s.family}};
  if (!given.empty()) name["given"] = std::move(given);
  return json::object{
      {"resourceType", "Practitioner"},
      {"id", s.meta.id},
      {"meta", resource_meta(s.meta, synthetic)},
      {"active", s.active},
      {"name", json::array{std::move(name)}},
      {"qualification", std::move(qualifications)},
      {"extension", json::array{json::object{{"url", kTraineeExtension}, {"valueBoolean", s.trainee}}}},
  };
}

Staff practitioner_from_fhir(std::string_view body) {
  auto value = parse_resource(body, "Practitioner");
  std::vector<Problem> problems;
  ElementReader r(value, "", problems);
  Staff s;
  auto names = r.array("name");
  if (names.empty()) problems.push_back({"name", "at least one name is required"});
  else {
    if (auto f = names.front().string("family")) s.family = *f;
    if (names.front().has("given") && names.front().value().as_object().at("given").is_array())
      for (const auto& g : names.front().value().as_object().at("given").as_array())
        if (g.is_string()) s.given.emplace_back(g.as_string());
  }
  for (auto& q : r.array("qualification")) {
    auto code = q.child("code");
    bool is_discipline = false;
    for (auto& coding : code.array("coding")) {
      auto system = coding.string("system");
      auto c = coding.string("code");
      if (system && *system == kDisciplineSystem && c) {
        s.discipline = *c;
        is_discipline = true;
      }
    }
    if (!is_discipline)
      if (auto text = code.string("text")) s.credentials.push_back(*text);
  }
  if (auto a = r.boolean("active")) s.active = *a;
  for (auto& ext : r.array("extension"))
    if (auto url = ext.string("url"); url && *url == kTraineeExtension) s.trainee = ext.boolean("valueBoolean").value_or(false);
  if (s.discipline.empty())
    problems.push_back({"qualification", "one qualification must name the discipline: code.coding with system " +
                                             std::string(kDisciplineSystem) + " and a code such as 'nurse' or 'physical therapist'"});
  if (problems.empty()) {
    auto rule_problems = validate_staff(s);
    problems.insert(problems.end(), rule_problems.begin(), rule_problems.end());
  }
  if (!problems.empty()) throw ValidationError(std::move(problems));
  return s;
}

}  // namespace relief::fhir
