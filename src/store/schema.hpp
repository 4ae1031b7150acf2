#pragma once
// Versioned schema migrations, applied in order and recorded in schema_migrations.
#include <string>
#include <vector>

#include "store/sql_connection.hpp"

namespace relief {

struct Migration {
  int version;
  std::string name;
};

const std::vector<Migration>& migrations();
// Applies every migration not yet recorded; each in its own transaction. Returns how many ran.
int migrate(SqlConnection& db);
int schema_version(SqlConnection& db);

}  // namespace relief
