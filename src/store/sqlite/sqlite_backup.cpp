#include "store/sqlite/sqlite_backup.hpp"

#include <sqlite3.h>

#include <memory>

#include "store/sql_connection.hpp"

namespace relief {

void sqlite_backup(const std::string& db_path, const std::string& out_path) {
  auto close = [](sqlite3* db) { sqlite3_close(db); };
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::unique_ptr<sqlite3, decltype(close)> guard(raw, close);
    throw SqlError("cannot open '" + db_path + "' to back it up: " + sqlite3_errmsg(raw));
  }
  std::unique_ptr<sqlite3, decltype(close)> src(raw, close);
  sqlite3_busy_timeout(src.get(), 10'000);
  raw = nullptr;
  if (sqlite3_open_v2(out_path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::unique_ptr<sqlite3, decltype(close)> guard(raw, close);
    throw SqlError("cannot create backup file '" + out_path + "': " + sqlite3_errmsg(raw));
  }
  std::unique_ptr<sqlite3, decltype(close)> dst(raw, close);
  sqlite3_backup* backup = sqlite3_backup_init(dst.get(), "main", src.get(), "main");
  if (!backup) throw SqlError(std::string("cannot start backup: ") + sqlite3_errmsg(dst.get()));
  int rc;
  while ((rc = sqlite3_backup_step(backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) throw SqlError(std::string("backup failed: ") + sqlite3_errmsg(dst.get()));
  // The copy is a standalone file: a rollback journal, not WAL, so it can be moved alone.
  sqlite3_exec(dst.get(), "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
}

}  // namespace relief
