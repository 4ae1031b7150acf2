#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "store/sql_connection.hpp"
#include "store/sqlite/sqlite_backup.hpp"

namespace relief::cli {

void add_backup_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("backup", "Copy a SQLite database consistently, even while the server runs");
  auto db = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  cmd->add_option("--db", *db, "SQLite database file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--out", *out, "backup file to write (must not exist)")->required();
  cmd->callback([db, out] {
    if (is_postgres_url(*db)) throw std::runtime_error("for PostgreSQL use pg_dump or pg_basebackup");
    if (std::filesystem::exists(*out)) throw std::runtime_error("'" + *out + "' exists; choose a new file name");
    sqlite_backup(*db, *out);
    std::cout << "backed up " << *db << " to " << *out << " (" << std::filesystem::file_size(*out) << " bytes)\n";
  });
}

}  // namespace relief::cli
