#include "cli/database_option.hpp"

#include <filesystem>

#include "store/sql_connection.hpp"

namespace relief::cli {

CLI::Validator database(DatabaseUse use) {
  return CLI::Validator(
      [use](std::string& value) -> std::string {
        if (value.empty()) return "give a SQLite file name or a postgresql:// URL";
        if (is_postgres_url(value)) {
          if (use == DatabaseUse::existing_sqlite)
            return "this takes a SQLite file; for PostgreSQL use pg_dump or pg_basebackup";
          return {};
        }
        // A libpq keyword string ("host=db password=... dbname=relief") became a SQLite file named
        // after it, password and all, printed at start-up and served as an empty site.
        for (const char* key : {"host=", "dbname=", "user=", "password=", "port="})
          if (value.find(key) != std::string::npos && value.find(' ') != std::string::npos)
            return "this looks like a PostgreSQL connection string; give it as a URL: "
                   "postgresql://USER:PASSWORD@HOST:PORT/DBNAME";
        namespace fs = std::filesystem;
        std::error_code ec;
        if (fs::is_directory(value, ec)) return "'" + value + "' is a directory; give the database file inside it";
        if (use != DatabaseUse::may_create) {
          if (!fs::exists(value, ec))
            return "no database at '" + value + "': check the path (relief migrate --db " + value +
                   " creates a new one)";
          return {};
        }
        auto parent = fs::path(value).parent_path();
        if (!parent.empty() && !fs::is_directory(parent, ec))
          return "the directory '" + parent.string() + "' does not exist; create it first";
        return {};
      },
      "DATABASE");
}

}  // namespace relief::cli
