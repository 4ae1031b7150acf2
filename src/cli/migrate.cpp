#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/database_option.hpp"
#include "store/schema.hpp"
#include "store/sql_connection.hpp"

namespace relief::cli {

void add_migrate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("migrate", "Apply pending schema migrations (the server also does this at start)");
  auto db = std::make_shared<std::string>();
  cmd->add_option("--db", *db, "SQLite file or postgresql:// URL")->required()->check(database(DatabaseUse::may_create));
  cmd->callback([db] {
    auto conn = is_postgres_url(*db) ? open_postgres(*db) : open_sqlite(*db, true);
    // Read after migrating, under its lock: another server may migrate at the same moment.
    int applied = migrate(*conn);
    int after = schema_version(*conn);
    std::cout << "schema version " << after - applied << " -> " << after << " (" << applied
              << " migration(s) applied)\n";
  });
}

}  // namespace relief::cli
