#pragma once
// Sign-in, sessions and the brakes on password guessing.
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <semaphore>
#include <set>
#include <string>

#include "http/context.hpp"
#include "store/store.hpp"

namespace relief::http {

struct LoginResult {
  std::string token;
  Principal principal;
  Instant expires_at;
  std::string device;  // this browser's device token, to keep as the relief_device cookie
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
  // `device`: the browser's relief_device cookie, if any. A browser that has signed in as this
  // account before has a brake of its own (OWASP's "device cookies"): someone guessing the
  // password elsewhere locks the account for every other client, but not for the browser its
  // owner uses. Its own wrong guesses stop it like any other.
  std::optional<LoginResult> login(const std::string& username, const std::string& password, const std::string& client,
                                   const std::string& device = "");
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
    std::string account_state;  // user keys: the account as the failures found it (see login)
    bool refusal_audited = false;  // its first 429 is in the audit
  };
  int retry_after(const std::string& key, int allowed);
  void record_failure(const std::string& key);
  void take_back_failure(const std::string& key);  // an attempt counted in advance that succeeded
  // Forgets an account's failures once an admin has reset or enabled it since they were counted.
  void new_start_if_reset(const std::string& user_key, const std::string& state);

  Store& store_;
  const AppConfig& config_;
  std::mutex mu_;
  std::map<std::string, CachedSession> sessions_;  // by token hash
  std::map<std::string, Failures> failures_;       // "user:name" (lower case), "client:ADDR", "device:HASH:user:name"
  // Browsers (their device token's hash) and the accounts that have signed in from each ("user:name").
  // In memory: after a restart every browser starts untrusted again, which is today's brake.
  std::map<std::string, std::set<std::string>> devices_;
  std::counting_semaphore<64> hashing_slots_{2};   // argon2id is memory-hungry: two at a time
  std::string dummy_hash_;                         // verified against for unknown users
};

}  // namespace relief::http
