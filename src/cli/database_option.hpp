#pragma once
// The --db option every command takes: a SQLite file or a postgresql:// URL, checked before the
// command runs so that a typo is an error that says what to do, never a new empty database.
#include <CLI/CLI.hpp>

namespace relief::cli {

enum class DatabaseUse {
  may_create,       // serve, migrate, demo, user add: a new SQLite file is created and migrated
  existing,         // user list, content load: the database must already be there
  existing_sqlite,  // backup: an existing SQLite file (PostgreSQL has its own tools)
};

CLI::Validator database(DatabaseUse use);

}  // namespace relief::cli
