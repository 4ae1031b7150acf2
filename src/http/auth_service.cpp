#include "http/auth_service.hpp"

#include <cctype>

#include "core/errors.hpp"
#include "core/waiting.hpp"
#include "security/password.hpp"
#include "security/tokens.hpp"

namespace relief::http {
namespace {
constexpr auto kFailureWindow = std::chrono::minutes(15);
constexpr std::size_t kMostDevices = 100'000;

// One of the few argon2id hashes allowed at once, given back however the hash ends.
class HashingSlot {
 public:
  explicit HashingSlot(std::counting_semaphore<64>& slots) : slots_(slots) { slots_.acquire(); }
  ~HashingSlot() { slots_.release(); }
  HashingSlot(const HashingSlot&) = delete;
  HashingSlot& operator=(const HashingSlot&) = delete;

 private:
  std::counting_semaphore<64>& slots_;
};
// Names are unique regardless of case and sign in regardless of case, so the brake must count
// "Admin" and "ADMIN" as the same account.
std::string brake_key(const std::string& username) {
  std::string key = "user:";
  for (char c : username) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}
}  // namespace

AuthService::AuthService(Store& store, const AppConfig& config)
    : store_(store), config_(config), dummy_hash_(hash_password(random_token())) {}

int AuthService::retry_after(const std::string& key, int allowed) {
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  auto elapsed = std::chrono::steady_clock::now() - it->second.window_start;
  if (elapsed > kFailureWindow) {
    failures_.erase(it);
    return 0;
  }
  if (it->second.count < allowed) return 0;
  return static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(kFailureWindow - elapsed).count()) + 1;
}

void AuthService::record_failure(const std::string& key) {
  auto& f = failures_[key];
  if (f.count == 0) f.window_start = std::chrono::steady_clock::now();
  ++f.count;
}

void AuthService::take_back_failure(const std::string& key) {
  auto it = failures_.find(key);
  if (it != failures_.end() && --it->second.count <= 0) failures_.erase(it);
}

namespace {
// What an admin changes to give an account a new start: its password (a new salt even for the same
// text) and whether it is enabled. Compared with what the brake saw, it notices a reset made by
// another process (relief user set-password) as well as one made through this server.
std::string account_state(const std::optional<UserAccount>& user) {
  return user ? user->password_hash + (user->active ? "+" : "-") : "";
}
}  // namespace

void AuthService::new_start_if_reset(const std::string& user_key, const std::string& state) {
  auto it = failures_.find(user_key);
  if (it != failures_.end() && it->second.account_state != state) failures_.erase(it);
}

std::optional<LoginResult> AuthService::login(const std::string& username, const std::string& password,
                                              const std::string& client, const std::string& device) {
  const std::string user_key = brake_key(username), client_key = "client:" + client;
  const std::string device_hash = device.empty() || device.size() > 200 ? "" : token_hash(device);
  const std::string device_key = "device:" + device_hash + ":" + user_key;
  std::optional<UserAccount> user;
  store_.read([&](Reader& r) { user = r.user_by_name(username); });
  bool trusted = false;  // this browser has signed in as this account before
  // The attempt is counted as a failure before the slow hash, and taken back if it succeeds:
  // counted after, a hundred guesses sent at once all passed the check (an outside probe).
  std::vector<std::string> counted;
  // A name with no account is kept in the audit only when it could be a username: a password
  // typed into the username box ("Winter!2026") would otherwise stay in the append-only log for
  // good, shown to every admin (an outside probe).
  const std::string who = user                                   ? user->username
                          : username_problem(username).empty() ? username
                                                                 : "(not a username, " + std::to_string(username.size()) +
                                                                       " characters)";
  Actor actor{who, user ? user->role : Role::nurse, client};
  int wait = 0;
  bool first_refusal = false;  // the brake engaged just now: audited once, not every refused guess
  {
    std::lock_guard lock(mu_);
    new_start_if_reset(user_key, account_state(user));
    auto known = devices_.find(device_hash);
    trusted = !device_hash.empty() && known != devices_.end() && known->second.count(user_key) > 0;
    const int by_user = retry_after(user_key, config_.login_failures_allowed);
    const int by_client = retry_after(client_key, config_.client_failures_allowed);
    wait = trusted ? retry_after(device_key, config_.login_failures_allowed) : std::max(by_user, by_client);
    if (wait > 0) {
      auto& braked = failures_[trusted ? device_key : by_user > 0 ? user_key : client_key];
      first_refusal = !braked.refusal_audited;
      braked.refusal_audited = true;
    }
    if (wait == 0) {
      counted = trusted ? std::vector<std::string>{device_key} : std::vector<std::string>{user_key, client_key};
      for (auto& key : counted) record_failure(key);
      if (!trusted) failures_[user_key].account_state = account_state(user);
    }
  }
  if (wait > 0) {
    // Who was braked, from where and when: an admin sees a guessing attack in the audit, at the
    // cost of one write per brake, not one per refused guess.
    if (first_refusal)
      store_.write(actor, [&](Transaction& tx) {
        tx.append_audit(AuditEntry{0, {}, "", user ? "" : "no-account", "", "login-throttled", "Session", "", "", "429"});
      });
    throw TooManyAttempts(wait);
  }
  auto take_back = [&] {
    std::lock_guard lock(mu_);
    for (auto& key : counted) take_back_failure(key);
  };

  bool verified = false;
  // Hashing takes tens of milliseconds of CPU: on a worker, never on a network thread.
  run_blocking([&] {
    HashingSlot slot(hashing_slots_);
    // An unknown user costs the same hash as a known one, so timing does not reveal usernames.
    verified = verify_password(password, user ? user->password_hash : dummy_hash_) && user;
  });
  // Only someone who knows the password learns that the account is disabled: they need to hear
  // it, or they retype a right password and lock themselves out by the brake.
  if (verified && !user->active) {
    take_back();
    store_.write(actor, [&](Transaction& tx) {
      tx.append_audit(AuditEntry{0, {}, "", "", "", "login-failed", "Session", "", "", "disabled"});
    });
    throw AccountDisabled();
  }
  if (!verified) {
    store_.write(actor, [&](Transaction& tx) {
      // A name with no account has no role: say so, rather than the placeholder the actor needs.
      tx.append_audit(AuditEntry{0, {}, "", user ? "" : "no-account", "", "login-failed", "Session", "", "", "401"});
    });
    return std::nullopt;
  }
  take_back();
  LoginResult result;
  {
    std::lock_guard lock(mu_);
    failures_.erase(user_key);
    failures_.erase(device_key);
    // A browser the server knows keeps its token (a shared workstation, several accounts); any
    // other gets a new one, never a value the client chose.
    const bool known = !device_hash.empty() && devices_.count(device_hash) > 0;
    result.device = known ? device : random_token();
    if (devices_.size() >= kMostDevices) devices_.clear();  // a bound on memory; all start untrusted again
    devices_[known ? device_hash : token_hash(result.device)].insert(user_key);
  }

  result.token = random_token();
  result.principal = Principal{user->id, user->username, user->role, random_token(), token_hash(result.token), false};
  result.expires_at = Instant{now().ms + config_.session_hours * 3'600'000LL};
  SessionRecord session{result.principal.token_hash, user->id, result.principal.csrf, now(), result.expires_at, false};
  store_.write(actor, [&](Transaction& tx) {
    tx.put_session(session);
    tx.append_audit(AuditEntry{0, {}, "", "", "", "login", "Session", "", "", "ok"});
  });
  std::lock_guard lock(mu_);
  sessions_[session.token_hash] = CachedSession{result.principal, result.expires_at, std::chrono::steady_clock::now()};
  return result;
}

std::optional<Principal> AuthService::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 200) return std::nullopt;
  const std::string hash = token_hash(token);
  {
    std::lock_guard lock(mu_);
    auto it = sessions_.find(hash);
    if (it != sessions_.end()) {
      if (it->second.expires_at < now()) {
        sessions_.erase(it);
        return std::nullopt;
      }
      if (std::chrono::steady_clock::now() - it->second.checked < std::chrono::seconds(config_.session_recheck_seconds))
        return it->second.principal;
      sessions_.erase(it);
    }
  }
  // Not cached (e.g. after a restart, or due for a check): sessions outlive the process because
  // they are stored, and are revoked there.
  std::optional<SessionRecord> session;
  std::optional<UserAccount> user;
  store_.read([&](Reader& r) {
    session = r.session(hash);
    if (session) user = r.user_by_id(session->user_id);
  });
  if (!session || session->revoked || session->expires_at < now() || !user || !user->active) return std::nullopt;
  Principal p{user->id, user->username, user->role, session->csrf, hash, false};
  std::lock_guard lock(mu_);
  sessions_[hash] = CachedSession{p, session->expires_at, std::chrono::steady_clock::now()};
  return p;
}

void AuthService::logout(const Principal& p, const std::string& client) {
  store_.write(Actor{p.username, p.role, client}, [&](Transaction& tx) {
    tx.revoke_session(p.token_hash);
    tx.append_audit(AuditEntry{0, {}, "", "", "", "logout", "Session", "", "", "ok"});
  });
  std::lock_guard lock(mu_);
  sessions_.erase(p.token_hash);
}

std::string AuthService::hash_off_network(const std::string& password) {
  std::string hash;
  run_blocking([&] {
    HashingSlot slot(hashing_slots_);
    hash = hash_password(password);
  });
  return hash;
}

void AuthService::check_current_password(const Principal& p, const std::string& password, const std::string& client) {
  const std::string user_key = brake_key(p.username);
  std::optional<UserAccount> user;
  store_.read([&](Reader& r) { user = r.user_by_id(p.user_id); });
  {
    // Counted before the hash, as at sign-in, so guesses sent at once cannot pass together.
    std::lock_guard lock(mu_);
    new_start_if_reset(user_key, account_state(user));
    if (int wait = retry_after(user_key, config_.login_failures_allowed); wait > 0) throw TooManyAttempts(wait);
    record_failure(user_key);
    failures_[user_key].account_state = account_state(user);
  }
  bool ok = false;
  run_blocking([&] {
    HashingSlot slot(hashing_slots_);
    ok = user && verify_password(password, user->password_hash);
  });
  if (ok) {
    std::lock_guard lock(mu_);
    take_back_failure(user_key);
    return;
  }
  store_.write(Actor{p.username, p.role, client}, [&](Transaction& tx) {
    tx.append_audit(AuditEntry{0, {}, "", "", "", "set-password", "User", p.username, "", "wrong-current-password"});
  });
  throw ValidationError("current_password", "is not your current password");
}

void AuthService::forget_failures(const std::string& username) {
  std::lock_guard lock(mu_);
  failures_.erase(brake_key(username));
}

void AuthService::forget_sessions_of(const std::string& user_id) {
  std::lock_guard lock(mu_);
  std::erase_if(sessions_, [&](const auto& entry) { return entry.second.principal.user_id == user_id; });
}

}  // namespace relief::http
