#include "core/roles.hpp"

#include <array>
#include <utility>

namespace relief {
namespace {
constexpr std::array<std::pair<Role, std::string_view>, 10> kNames{{
    {Role::admin, "admin"},
    {Role::physician, "physician"},
    {Role::nurse_practitioner, "nurse_practitioner"},
    {Role::nurse, "nurse"},
    {Role::psychologist, "psychologist"},
    {Role::therapist, "therapist"},
    {Role::acupuncturist, "acupuncturist"},
    {Role::trainee, "trainee"},
    {Role::coordinator, "coordinator"},
    {Role::researcher, "researcher"},
}};
constexpr std::array<std::pair<Permission, std::string_view>, 10> kPermissionNames{{
    {Permission::read_patient, "read_patient"},
    {Permission::write_patient, "write_patient"},
    {Permission::read_observation, "read_observation"},
    {Permission::write_observation, "write_observation"},
    {Permission::read_staff, "read_staff"},
    {Permission::write_staff, "write_staff"},
    {Permission::read_audit, "read_audit"},
    {Permission::manage_users, "manage_users"},
    {Permission::read_deidentified, "read_deidentified"},
    {Permission::prescribe, "prescribe"},
}};
}  // namespace

std::string_view to_string(Permission p) {
  for (auto& [permission, name] : kPermissionNames)
    if (permission == p) return name;
  return "unknown";
}

std::vector<Permission> permissions_of(Role role) {
  std::vector<Permission> out;
  for (auto& [permission, name] : kPermissionNames)
    if (allows(role, permission)) out.push_back(permission);
  return out;
}

std::string_view to_string(Role r) {
  for (auto& [role, name] : kNames)
    if (role == r) return name;
  return "unknown";
}

std::optional<Role> role_from_string(std::string_view s) {
  for (auto& [role, name] : kNames)
    if (name == s) return role;
  return std::nullopt;
}

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> v;
    for (auto& entry : kNames) v.push_back(entry.first);
    return v;
  }();
  return roles;
}

bool allows(Role role, Permission p) {
  using P = Permission;
  // Researchers only ever see de-identified data: no identified permission below includes them.
  if (role == Role::researcher) return p == P::read_deidentified || p == P::read_staff;
  switch (p) {
    case P::read_patient:
    case P::read_observation:
    case P::read_staff:
      return true;  // every clinical and administrative role works from the chart
    case P::write_observation:
      // Assessments are recorded by whoever is at the bedside or in the session;
      // coordinators schedule and administer but do not chart clinical findings.
      return role != Role::coordinator;
    case P::write_patient:
      return role == Role::admin || role == Role::coordinator || role == Role::physician ||
             role == Role::nurse_practitioner || role == Role::nurse;
    case P::write_staff:
    case P::read_audit:
    case P::manage_users:
      return role == Role::admin;
    case P::read_deidentified:
      return role == Role::admin;
    case P::prescribe:
      // Prescribers only: an administrator manages the system, not the medication.
      return role == Role::physician || role == Role::nurse_practitioner;
  }
  return false;
}

}  // namespace relief
