#include <boost/json.hpp>

#include "fhir/element_reader.hpp"
#include "fhir/resources.hpp"

namespace relief::fhir {
namespace {
namespace json = boost::json;

std::string_view gender_code(Sex s) {
  switch (s) {
    case Sex::female: return "female";
    case Sex::male: return "male";
    case Sex::other: return "other";
    case Sex::unknown: return "unknown";
  }
  return "unknown";
}

std::optional<Sex> sex_from(std::string_view code) {
  if (code == "female") return Sex::female;
  if (code == "male") return Sex::male;
  if (code == "other") return Sex::other;
  if (code == "unknown") return Sex::unknown;
  return std::nullopt;
}

constexpr std::string_view kGuardianSystem = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
}  // namespace

json::object to_fhir(const Patient& p, bool synthetic) {
  json::array given;
  for (const auto& g : p.given) given.emplace_back(g);
  json::object name{{"use", "official"}, {"family", p.family}};
  if (!given.empty()) name["given"] = std::move(given);
  json::object out{
      {"resourceType", "Patient"},
      {"id", p.meta.id},
      {"meta", resource_meta(p.meta, synthetic)},
      {"identifier",
       json::array{json::object{
           {"use", "usual"},
           {"type", json::object{{"coding", json::array{json::object{
                                                {"system", "http://terminology.hl7.org/CodeSystem/v2-0203"},
                                                {"code", "MR"}}}}}},
           {"system", kMrnSystem},
           {"value", p.mrn}}}},
      {"name", json::array{std::move(name)}},
      {"birthDate", format_date(p.birth_date)},
  };
  // Only what someone recorded: an absent gender or active stays absent.
  if (p.active) out["active"] = *p.active;
  if (p.sex) out["gender"] = gender_code(*p.sex);
  // Only a language someone recorded: a default would put words in the family's mouth.
  if (!p.preferred_language.empty())
    out["communication"] = json::array{json::object{
        {"language", json::object{{"coding", json::array{json::object{{"system", "urn:ietf:bcp:47"},
                                                                      {"code", p.preferred_language}}}}}},
        {"preferred", true}}};
  if (!p.deceased_time.empty()) out["deceasedDateTime"] = p.deceased_time;
  else if (p.deceased) out["deceasedBoolean"] = true;
  if (!p.contacts.empty()) {
    json::array contacts;
    for (const auto& c : p.contacts) {
      json::array relationship{json::object{{"text", c.relationship}}};
      if (c.legal_guardian)
        relationship.emplace_back(json::object{
            {"coding", json::array{json::object{{"system", kGuardianSystem}, {"code", "GUARD"}, {"display", "guardian"}}}}});
      json::object contact{{"relationship", std::move(relationship)}, {"name", json::object{{"text", c.name}}}};
      if (!c.phone.empty())
        contact["telecom"] = json::array{json::object{{"system", "phone"}, {"value", c.phone}}};
      contacts.emplace_back(std::move(contact));
    }
    out["contact"] = std::move(contacts);
  }
  return out;
}

Patient patient_from_fhir(std::string_view body, Date today) {
  auto value = parse_resource(body, "Patient");
  std::vector<Problem> problems;
  ElementReader r(value, "", problems);
  Patient p;

  for (auto& id : r.array("identifier")) {
    auto system = id.string("system");
    auto v = id.string("value");
    if (!v || (system && *system != kMrnSystem)) continue;  // other systems' identifiers are not kept
    if (p.mrn.empty()) p.mrn = *v;
    else if (*v != p.mrn) id.problem("value", "a second MRN (" + *v + " besides " + p.mrn + "): Relief keeps one per patient");
  }
  if (p.mrn.empty() && problems.empty())
    problems.push_back({"identifier", "an identifier with system " + std::string(kMrnSystem) + " (the MRN) is required"});

  auto names = r.array("name");
  if (names.empty()) problems.push_back({"name", "at least one name is required"});
  if (!names.empty()) {
    // The first official name, else the first name.
    const ElementReader* chosen = &names.front();
    for (auto& n : names)
      if (n.is_object() && n.has("use") && n.value().as_object().at("use") == "official") {
        chosen = &n;
        break;
      }
    if (auto f = chosen->string("family")) p.family = *f;
    if (chosen->has("given")) {
      const auto& g = chosen->value().as_object().at("given");
      if (!g.is_array()) chosen->problem("given", "must be an array of strings");
      else
        for (const auto& part : g.as_array()) {
          if (part.is_string() && !part.as_string().empty()) p.given.emplace_back(part.as_string());
          else chosen->problem("given", "must be an array of non-empty strings");
        }
    }
  }

  if (auto g = r.string("gender")) {
    if (auto s = sex_from(*g)) p.sex = *s;
    else r.problem("gender", "must be one of male, female, other, unknown");
  }
  if (auto b = r.string("birthDate", true)) {
    if (auto d = parse_date(*b)) p.birth_date = *d;
    else r.problem("birthDate", "must be a full date YYYY-MM-DD");
  }
  if (auto a = r.boolean("active")) p.active = *a;
  if (auto d = r.boolean("deceasedBoolean")) p.deceased = *d;
  if (auto t = r.string("deceasedDateTime")) {
    p.deceased = true;
    p.deceased_time = *t;
  }

  for (auto& comm : r.array("communication")) {
    auto language = comm.child("language");
    for (auto& coding : language.array("coding"))
      if (auto code = coding.string("code")) {
        p.preferred_language = *code;
        break;
      }
  }

  for (auto& c : r.array("contact")) {
    Contact contact;
    for (auto& rel : c.array("relationship")) {
      if (auto text = rel.string("text"); text && contact.relationship.empty()) contact.relationship = *text;
      for (auto& coding : rel.array("coding")) {
        auto code = coding.string("code");
        if (code && *code == "GUARD") contact.legal_guardian = true;
        else if (auto display = coding.string("display"); display && contact.relationship.empty())
          contact.relationship = *display;
      }
    }
    auto name = c.child("name");
    if (auto text = name.string("text")) contact.name = *text;
    else if (auto family = name.string("family")) contact.name = *family;
    for (auto& t : c.array("telecom"))
      if (auto v = t.string("value"); v && contact.phone.empty()) contact.phone = *v;
    p.contacts.push_back(std::move(contact));
  }

  if (problems.empty()) {
    auto rule_problems = validate_patient(p, today);
    problems.insert(problems.end(), rule_problems.begin(), rule_problems.end());
  }
  if (!problems.empty()) throw ValidationError(std::move(problems));
  return p;
}

}  // namespace relief::fhir
