#pragma once
// Sign-in, sessions and the brakes on password guessing.
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>

#include "http/context.hpp"
#include "store/store.hpp"

namespace relief::http {

struct LoginResult {
  std::string token;
  Principal principal;
  Instant expires_at;
};

class TooManyAttempts : public std::runtime_error {
 public:
  TooManyAttempts(int retry_after_seconds)
      : std::runtime_error("too many failed sign-ins; wait and try again"), retry_after(retry_after_seconds) {}
  int retry_after;
};

// The right password for an account that an admin has disabled.
class AccountDisabled : public std::runtime_error {
 public:
  AccountDisabled() : std::runtime_error("this account is disabled: ask an administrator to enable it") {}
};

class AuthService {
 public:
  AuthService(Store& store, const AppConfig& config);

  // nullopt for a wrong username or password (the caller cannot tell which).
  // Throws TooManyAttempts after repeated failures from one client or for one username, and
  // AccountDisabled for the right password of a disabled account.
  std::optional<LoginResult> login(const std::string& username, const std::string& password, const std::string& client);
  // The signed-in principal for a token, or nullopt when unknown, revoked or expired.
  std::optional<Principal> authenticate(const std::string& token);
  void logout(const Principal& p, const std::string& client);

  // argon2id on a worker thread, at most two at a time (the same brake as sign-in).
  std::string hash_off_network(const std::string& password);
  // For a change of one's own password: throws ValidationError (current_password) when
  // `password` is not the account's current one, and TooManyAttempts after as many wrong
  // guesses as sign-in allows. A wrong guess counts against the same brake and is audited:
  // a workstation left signed in must not become a way to guess the password.
  void check_current_password(const Principal& p, const std::string& password, const std::string& client);
  // A new start for an account's sign-in brake: after an admin enables it or resets its password.
  void forget_failures(const std::string& username);
  // Drops the account's sessions from the cache, after the store has revoked them, so a disabled
  // account or a reset password takes effect at once on this server.
  void forget_sessions_of(const std::string& user_id);

 private:
  struct CachedSession {
    Principal principal;
    Instant expires_at;
    // Another process (relief user disable) may revoke a session in the store: a cached one is
    // read again once it is older than AppConfig::session_recheck_seconds.
    std::chrono::steady_clock::time_point checked;
  };
  struct Failures {
    int count = 0;
    std::chrono::steady_clock::time_point window_start;
  };
  int retry_after(const std::string& key, int allowed);
  void record_failure(const std::string& key);

  Store& store_;
  const AppConfig& config_;
  std::mutex mu_;
  std::map<std::string, CachedSession> sessions_;  // by token hash
  std::map<std::string, Failures> failures_;       // "user:name" (lower case) and "client:ADDR"
  std::counting_semaphore<64> hashing_slots_{2};   // argon2id is memory-hungry: two at a time
  std::string dummy_hash_;                         // verified against for unknown users
};

}  // namespace relief::http
