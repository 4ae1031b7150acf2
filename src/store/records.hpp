#pragma once
// Accounts, sessions, sites and audit entries: the store's non-clinical records.
#include <cstdint>
#include <optional>
#include <string>

#include "core/roles.hpp"
#include "core/time.hpp"

namespace relief {

struct Site {
  std::string id;
  std::string name;
  std::string time_zone = "UTC";
  bool synthetic = false;  // a demo site: every screen says the data is made up
};

struct UserAccount {
  std::string id;
  std::string username;
  std::string password_hash;  // argon2id, libsodium's encoded form
  Role role = Role::nurse;
  std::string staff_id;       // optional link to the Staff record
  bool active = true;
  Instant created_at;
};

struct SessionRecord {
  std::string token_hash;
  std::string user_id;
  std::string csrf;
  Instant created_at;
  Instant expires_at;
  bool revoked = false;
};

// Who is acting, for the audit log.
struct Actor {
  std::string username;
  Role role = Role::admin;
  std::string client;  // remote address
};

struct AuditEntry {
  std::int64_t seq = 0;
  Instant at;
  std::string username;
  std::string role;
  std::string patient_id;     // empty when no patient is involved
  std::string action;         // read, search, create, update, login, login-failed, logout ...
  std::string resource_type;  // Patient, Observation ...
  std::string resource_id;
  std::string client;
  std::string outcome;        // "ok" or an HTTP status such as "403"
};

}  // namespace relief
