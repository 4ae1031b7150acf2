#include "core/patient.hpp"

#include "core/errors.hpp"
#include "core/name_text.hpp"

namespace relief {

std::string Patient::display_name() const {
  std::string name;
  for (const auto& g : given) name += g + " ";
  return name + family;
}

std::vector<Problem> validate_patient(const Patient& p, Date today) {
  std::vector<Problem> problems;
  if (p.mrn.empty()) problems.push_back({"identifier", "a medical record number (MRN) is required"});
  if (p.mrn.size() > 64) problems.push_back({"identifier", "the MRN is longer than 64 characters"});
  if (p.family.empty() && p.given.empty()) problems.push_back({"name", "a family or given name is required"});
  if (auto why = name_part_problem(p.family)) problems.push_back({"name.family", "the family name " + *why});
  for (const auto& g : p.given)
    if (auto why = name_part_problem(g)) problems.push_back({"name.given", "a given name " + *why});
  if (p.birth_date > today) problems.push_back({"birthDate", "the birth date is in the future"});
  if (p.birth_date.year < today.year - 130) problems.push_back({"birthDate", "the birth date is too far in the past"});
  if (!p.deceased_time.empty()) {
    auto day = parse_date(p.deceased_time.substr(0, 10));
    if (!day || (p.deceased_time.size() > 10 && !parse_instant(p.deceased_time)))
      problems.push_back({"deceasedDateTime", "must be a date (YYYY-MM-DD) or a date and time with a zone"});
    else if (*day < p.birth_date)
      problems.push_back({"deceasedDateTime", "is before the birth date"});
    else if (today < *day)
      problems.push_back({"deceasedDateTime", "is in the future"});
  }
  return problems;
}

}  // namespace relief
