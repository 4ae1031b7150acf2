#pragma once
#include <boost/describe.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/age.hpp"
#include "core/record_meta.hpp"

namespace relief {

enum class Sex { female, male, other, unknown };
BOOST_DESCRIBE_ENUM(Sex, female, male, other, unknown)

// A guardian or other contact: who to call and who may consent.
struct Contact {
  std::string relationship;  // "mother", "father", "guardian", "grandparent" ...
  std::string name;
  std::string phone;
  bool legal_guardian = false;
};
BOOST_DESCRIBE_STRUCT(Contact, (), (relationship, name, phone, legal_guardian))

struct Patient {
  RecordMeta meta;
  std::string mrn;  // the hospital's medical record number, unique within a site
  std::string family;
  std::vector<std::string> given;
  Date birth_date;
  // Absent when nobody recorded it: "unknown" is a statement someone makes (R4 administrative-gender),
  // not what a server may invent.
  std::optional<Sex> sex;
  std::string preferred_language;  // BCP 47; empty when nobody recorded one
  std::vector<Contact> contacts;
  std::optional<bool> active;  // absent when the record's sender did not say
  // Palliative care outlives some of its patients: the chart must say so (FHIR deceased[x]).
  bool deceased = false;
  std::string deceased_time;  // when known: a FHIR date or dateTime as given, e.g. "2026-03-01T04:10:00Z"

  Age age_on(Date d) const { return relief::age_on(birth_date, d); }
  std::string display_name() const;
};
BOOST_DESCRIBE_STRUCT(Patient, (), (mrn, family, given, birth_date, sex, preferred_language, contacts, active, deceased,
                                    deceased_time))

// Field-level rules for a patient record; `today` is the site's current date.
std::vector<struct Problem> validate_patient(const Patient& p, Date today);

}  // namespace relief
