// relief user add | list | disable | enable | set-password: what a hospital's IT team does to
// accounts from a shell, also when no admin can sign in.
#include <pwd.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/database_option.hpp"
#include "security/password.hpp"
#include "store/store.hpp"

namespace relief::cli {
namespace {

// Who the audit trail names for a change made from a shell: the person behind sudo, or the
// system account running the command ("cli:jsmith"), never just "cli".
Actor command_line_actor() {
  std::string who;
  if (const char* sudo_user = std::getenv("SUDO_USER"); sudo_user && *sudo_user) who = sudo_user;
  else if (const passwd* pw = ::getpwuid(::geteuid())) who = pw->pw_name;
  else who = "uid " + std::to_string(::geteuid());
  return Actor{"cli:" + who, Role::admin, "local"};
}

std::string read_password_line(const std::string& username) {
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (auto problem = password_problem(password, username); !problem.empty()) throw std::runtime_error(problem);
  return password;
}

UserAccount existing_account(Store& store, const std::string& username) {
  std::optional<UserAccount> account;
  store.read([&](Reader& r) { account = r.user_by_name(username); });
  if (!account) throw std::runtime_error("there is no account named '" + username + "' (see: relief user list)");
  return *account;
}

struct AccountOptions {
  std::string db, username;
};

// --db and --username, for the commands that change one existing account.
CLI::App* account_command(CLI::App& user, const char* name, const char* about, std::shared_ptr<AccountOptions> o) {
  auto* cmd = user.add_subcommand(name, about);
  cmd->add_option("--db", o->db, "SQLite file or postgresql:// URL")->required()->check(database(DatabaseUse::existing));
  cmd->add_option("--username", o->username, "the account's sign-in name")->required();
  return cmd;
}

void add_add_command(CLI::App& user) {
  auto* add = user.add_subcommand("add", "Create an account; the password is read from standard input");
  struct Options {
    std::string db, username, role, staff_id;
    bool password_stdin = false;
  };
  auto o = std::make_shared<Options>();
  std::vector<std::string> role_names;
  for (auto r : all_roles()) role_names.emplace_back(to_string(r));
  add->add_option("--db", o->db, "SQLite file or postgresql:// URL (a new file is created)")->required()->check(database(DatabaseUse::may_create));
  add->add_option("--username", o->username, "sign-in name")->required();
  add->add_option("--role", o->role, "what the account may do")->required()->check(CLI::IsMember(role_names));
  add->add_option("--staff-id", o->staff_id, "the Practitioner this account belongs to");
  add->add_flag("--password-stdin", o->password_stdin,
                "read the password from the first line of standard input (required; at least 10 characters)")
      ->required();
  add->callback([o] {
    if (auto problem = username_problem(o->username); !problem.empty()) throw std::runtime_error(problem);
    std::string password = read_password_line(o->username);
    auto store = Store::open(o->db);
    UserAccount account;
    account.username = o->username;
    account.role = *role_from_string(o->role);
    account.staff_id = o->staff_id;
    account.password_hash = hash_password(password);
    store->write(command_line_actor(), [&](Transaction& tx) { tx.add_user(account); });
    std::cout << "created user " << account.username << " (" << o->role << ")\n";
  });
}

}  // namespace

void add_user_commands(CLI::App& app) {
  auto* user = app.add_subcommand("user", "Manage sign-in accounts");
  user->require_subcommand(1);

  add_add_command(*user);

  auto* list = user->add_subcommand("list", "List accounts, their roles and whether they may sign in");
  auto db = std::make_shared<std::string>();
  list->add_option("--db", *db, "SQLite file or postgresql:// URL")->required()->check(database(DatabaseUse::existing));
  list->callback([db] {
    auto store = Store::open(*db);
    store->read([](Reader& r) {
      for (const auto& u : r.users())
        std::cout << u.username << "\t" << to_string(u.role) << "\t" << (u.active ? "active" : "disabled") << "\n";
    });
  });

  for (bool active : {false, true}) {
    auto o = std::make_shared<AccountOptions>();
    auto* cmd = active ? account_command(*user, "enable", "Let a disabled account sign in again", o)
                       : account_command(*user, "disable",
                                         "Stop an account signing in and end its sessions (a running server "
                                         "notices within seconds); its audit trail stays",
                                         o);
    cmd->callback([o, active] {
      auto store = Store::open(o->db);
      auto account = existing_account(*store, o->username);
      store->write(command_line_actor(), [&](Transaction& tx) { tx.set_user_active(account, active); });
      std::cout << (active ? "enabled " : "disabled ") << account.username << "\n";
    });
  }

  auto o = std::make_shared<AccountOptions>();
  auto* reset = account_command(*user, "set-password",
                                "Give an account a new password, read from standard input; its sessions end", o);
  auto password_stdin = std::make_shared<bool>(false);
  reset->add_flag("--password-stdin", *password_stdin, "read the new password from the first line of standard input (required)")
      ->required();
  reset->callback([o, password_stdin] {  // holds the flag's storage: CLI11 writes it while parsing
    auto store = Store::open(o->db);
    auto account = existing_account(*store, o->username);
    auto hash = hash_password(read_password_line(account.username));
    store->write(command_line_actor(), [&](Transaction& tx) { tx.set_user_password(account, hash); });
    std::cout << "set a new password for " << account.username << "; their sessions have ended\n";
  });
}

}  // namespace relief::cli
