#pragma once
// Who may do what. Every endpoint asks `allows(role, permission)`; nothing else decides access.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relief {

enum class Role {
  admin,
  physician,
  nurse_practitioner,
  nurse,
  psychologist,
  therapist,  // PT, OT, recreational therapy, child life, music, art, massage, yoga ...
  acupuncturist,
  trainee,
  coordinator,
  researcher,
};

enum class Permission {
  read_patient,        // identified demographics and the chart
  write_patient,       // register or correct a patient
  read_observation,
  write_observation,   // record an assessment (pain score, weight ...)
  read_staff,
  write_staff,
  read_audit,
  manage_users,
  read_deidentified,   // research extracts without identifiers
  prescribe,           // sign medication and regional-analgesia orders; accept and sign off consults
};

std::string_view to_string(Role r);
std::optional<Role> role_from_string(std::string_view s);
const std::vector<Role>& all_roles();
bool allows(Role role, Permission permission);
std::string_view to_string(Permission p);  // "write_observation": what /auth/me lists
// Every permission `role` has: the UI offers only what the server would allow.
std::vector<Permission> permissions_of(Role role);

}  // namespace relief
