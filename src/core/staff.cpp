#include "core/staff.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "core/name_text.hpp"

namespace relief {

std::string Staff::display_name() const {
  std::string name;
  for (const auto& g : given) name += g + " ";
  return name + family;
}

const std::vector<std::string>& known_disciplines() {
  static const std::vector<std::string> d{
      "pain physician",   "anesthesiologist",     "nurse practitioner", "nurse",
      "psychologist",     "psychiatrist",         "social worker",      "physical therapist",
      "occupational therapist", "recreational therapist", "child life specialist", "teacher",
      "acupuncturist",    "massage therapist",    "yoga instructor",    "music therapist",
      "art therapist",    "dietician",            "program coordinator", "program director",
      "researcher",       "chaplain",
  };
  return d;
}

std::vector<Problem> validate_staff(const Staff& s) {
  std::vector<Problem> problems;
  if (s.family.empty() && s.given.empty()) problems.push_back({"name", "a family or given name is required"});
  if (auto why = name_part_problem(s.family)) problems.push_back({"name.family", "the family name " + *why});
  for (const auto& g : s.given)
    if (auto why = name_part_problem(g)) problems.push_back({"name.given", "a given name " + *why});
  const auto& known = known_disciplines();
  if (std::find(known.begin(), known.end(), s.discipline) == known.end()) {
    std::string list;
    for (const auto& d : known) list += (list.empty() ? "" : ", ") + d;
    problems.push_back({"qualification", (s.discipline.empty() ? std::string("a discipline is required")
                                                               : "unknown discipline '" + s.discipline + "'") +
                                             "; it is one of: " + list});
  }
  return problems;
}

}  // namespace relief
