#pragma once
#include <boost/describe.hpp>
#include <string>
#include <vector>

#include "core/record_meta.hpp"

namespace relief {

// A member of the program's staff. Discipline says what they do on the team; their login
// account (if any) carries the role that limits what Relief lets them see.
struct Staff {
  RecordMeta meta;
  std::string family;
  std::vector<std::string> given;
  std::string discipline;   // e.g. "pain physician", "physical therapist" (see core/disciplines)
  std::vector<std::string> credentials;  // "MD", "RN", "DPT", "LAc" ...
  bool trainee = false;      // works under supervision
  bool active = true;

  std::string display_name() const;
};
BOOST_DESCRIBE_STRUCT(Staff, (), (family, given, discipline, credentials, trainee, active))

// The disciplines of a pediatric pain and palliative care program (PRODUCT.md).
const std::vector<std::string>& known_disciplines();
std::vector<struct Problem> validate_staff(const Staff& s);

}  // namespace relief
