#include <gtest/gtest.h>

#include "core/roles.hpp"

namespace relief {
namespace {

TEST(Roles, ResearchersNeverSeeIdentifiedData) {
  for (auto p : {Permission::read_patient, Permission::read_observation, Permission::write_patient,
                 Permission::write_observation, Permission::read_audit})
    EXPECT_FALSE(allows(Role::researcher, p));
  EXPECT_TRUE(allows(Role::researcher, Permission::read_deidentified));
}

TEST(Roles, BedsideRolesRecordAssessments) {
  for (auto r : {Role::nurse, Role::physician, Role::nurse_practitioner, Role::therapist, Role::acupuncturist,
                 Role::psychologist, Role::trainee})
    EXPECT_TRUE(allows(r, Permission::write_observation)) << to_string(r);
  EXPECT_FALSE(allows(Role::coordinator, Permission::write_observation));
}

TEST(Roles, OnlyAdminsReadTheAuditLogAndManageStaff) {
  for (auto r : all_roles()) {
    bool admin = r == Role::admin;
    EXPECT_EQ(allows(r, Permission::read_audit), admin) << to_string(r);
    EXPECT_EQ(allows(r, Permission::write_staff), admin) << to_string(r);
    EXPECT_EQ(allows(r, Permission::manage_users), admin) << to_string(r);
  }
}

TEST(Roles, OnlyPhysiciansAndNursePractitionersPrescribe) {
  for (auto r : all_roles())
    EXPECT_EQ(allows(r, Permission::prescribe), r == Role::physician || r == Role::nurse_practitioner) << to_string(r);
}

TEST(Roles, NamesRoundTrip) {
  EXPECT_EQ(all_roles().size(), 10u);
  for (auto r : all_roles()) EXPECT_EQ(role_from_string(to_string(r)), r);
  EXPECT_FALSE(role_from_string("superuser"));
}

}  // namespace
}  // namespace relief
