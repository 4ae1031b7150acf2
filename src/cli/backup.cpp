#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/database_option.hpp"
#include "store/sql_connection.hpp"
#include "store/sqlite/sqlite_backup.hpp"

namespace relief::cli {

void add_backup_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("backup", "Copy a SQLite database consistently, even while the server runs");
  auto db = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  cmd->add_option("--db", *db, "SQLite database file")->required()->check(database(DatabaseUse::existing_sqlite));
  cmd->add_option("--out", *out, "backup file to write (must not exist)")->required();
  cmd->callback([db, out] {
    if (std::filesystem::exists(*out)) throw std::runtime_error("'" + *out + "' exists; choose a new file name");
    try {
      sqlite_backup(*db, *out);
    } catch (...) {
      std::error_code ignored;
      std::filesystem::remove(*out, ignored);  // no half-written or empty backup left to be trusted later
      throw;
    }
    std::cout << "backed up " << *db << " to " << *out << " (" << std::filesystem::file_size(*out) << " bytes)\n";
  });
}

}  // namespace relief::cli
