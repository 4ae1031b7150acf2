#include <CLI/CLI.hpp>
#include <cctype>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/database_option.hpp"
#include "security/password.hpp"
#include "store/store.hpp"

namespace relief::cli {
namespace {
std::string read_password_line() {
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}
}  // namespace

void add_user_commands(CLI::App& app) {
  auto* user = app.add_subcommand("user", "Manage sign-in accounts");
  user->require_subcommand(1);

  auto* add = user->add_subcommand("add", "Create an account; the password is read from standard input");
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
    std::string password = read_password_line();
    if (auto problem = password_problem(password); !problem.empty()) throw std::runtime_error(problem);
    auto store = Store::open(o->db);
    // "ADMIN" beside "admin" is two accounts a person cannot tell apart in the audit trail.
    auto lower = [](std::string s) {
      for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return s;
    };
    store->read([&](Reader& r) {
      for (const auto& u : r.users())
        if (lower(u.username) == lower(o->username))
          throw std::runtime_error("an account named '" + u.username + "' already exists");
    });
    UserAccount account;
    account.username = o->username;
    account.role = *role_from_string(o->role);
    account.staff_id = o->staff_id;
    account.password_hash = hash_password(password);
    store->write(Actor{"cli", Role::admin, "local"}, [&](Transaction& tx) { tx.add_user(account); });
    std::cout << "created user " << account.username << " (" << o->role << ")\n";
  });

  auto* list = user->add_subcommand("list", "List accounts and their roles");
  auto db = std::make_shared<std::string>();
  list->add_option("--db", *db, "SQLite file or postgresql:// URL")->required()->check(database(DatabaseUse::existing));
  list->callback([db] {
    auto store = Store::open(*db);
    store->read([](Reader& r) {
      for (const auto& u : r.users())
        std::cout << u.username << "\t" << to_string(u.role) << "\t" << (u.active ? "active" : "disabled") << "\n";
    });
  });
}

}  // namespace relief::cli
