#include <sqlite3.h>
#include <unistd.h>

#include <unordered_map>

#include "store/sql_connection.hpp"

namespace relief {
namespace {

// The store writes "$1"; SQLite's "$1" would be a *named* parameter numbered by first
// appearance, so it is rewritten to the explicitly numbered "?1".
std::string to_sqlite_placeholders(std::string_view sql) {
  std::string out(sql);
  for (std::size_t i = 0; i + 1 < out.size(); ++i)
    if (out[i] == '$' && out[i + 1] >= '0' && out[i + 1] <= '9') out[i] = '?';
  return out;
}

// Process-wide settings, made before SQLite opens its first connection (later they are refused).
void configure_sqlite_once() {
  static const bool done = [] {
    // Memory statistics put a global mutex around every allocation SQLite makes; nothing reads
    // them. Under the create benchmark the lock was 2% of the server's instructions.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    // Each write of a group commit runs in its own savepoint, whose undo copy of every page it
    // touches goes to a sub-journal. Up to this size the sub-journal is one block of memory; a
    // write that touches more pages (an import, a migration) spills it to a temporary file,
    // where it stays for the rest of its group. A chart write touches about ten pages.
    // - SQLite's default, 64 KB, spilled about once per group under the create benchmark: 8.7
    //   pwrite calls per create instead of 2.5.
    // - temp_store=MEMORY (never spills) keeps it in a chain of 1 KB blocks instead: four
    //   allocations and frees per page, too large for glibc's thread cache, 12% of a create's
    //   instructions.
    // - Above 128 KB, SQLite 3.40 fails the write that spills with "database or disk is full"
    //   (reproduced with Python's sqlite3 on the same library; the store test
    //   AWriteTouchingAThousandPagesCommits spills on purpose).
    sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 128 * 1024);
    return true;
  }();
  (void)done;
}

class SqliteConnection final : public SqlConnection {
 public:
  SqliteConnection(const std::string& path, bool writer) {
    configure_sqlite_once();
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw SqlError("cannot open SQLite database '" + path + "': " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    // SQLite opens a file it may not write read-only without a word; the server would then
    // start and fail every sign-in. The writer must be able to write, so say so now.
    if (writer && sqlite3_db_readonly(db_, "main") == 1) {
      sqlite3_close(db_);
      throw SqlError("the database file '" + path +
                     "' cannot be written by this user: Relief must write it (check the permissions of the file and "
                     "of its directory)");
    }
    // Wait up to 10 s for a lock, in steps of a quarter millisecond. SQLite's own busy timeout
    // sleeps 1, 2, 5, 10, 15... ms in turn, so a writer held up for 3 ms by a checkpoint would
    // sleep 8; the log's restarts (sql_store.cpp) hold writers up for a few ms at a time.
    sqlite3_busy_handler(
        db_,
        [](void*, int tries) {
          if (tries >= 40'000) return 0;
          ::usleep(250);
          return 1;
        },
        nullptr);
    // WAL lets readers work while the single writer commits. synchronous=FULL makes every
    // commit reach the disk before it returns: a 2xx from the server means the data is on disk.
    // The store's writer then switches to NORMAL and syncs the log itself (defer_commit_sync).
    use_write_ahead_log();
    exec_script("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
    if (!writer) exec_script("PRAGMA query_only=ON;");
  }

  // Switching a new file to WAL needs the file to itself, and SQLite answers BUSY at once rather
  // than through the busy handler: two processes opening a new database together (a server and
  // `relief user add`) failed half the time. Retry as the handler would. Once the file is in WAL
  // mode the setting is kept in it, and the pragma only reads it.
  void use_write_ahead_log() {
    for (int tries = 0;; ++tries) {
      int rc = sqlite3_exec(db_, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
      if (rc == SQLITE_OK) return;
      if ((rc & 0xff) != SQLITE_BUSY || tries >= 40'000) {
        exec_script("PRAGMA journal_mode=WAL");  // once more, throwing with the reason if it fails again
        return;
      }
      ::usleep(250);
    }
  }

  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  // synchronous=NORMAL in WAL mode: a commit writes its frames to the log with no fsync; SQLite
  // still syncs the log before every checkpoint copies it into the database, syncs the database
  // after, and syncs the log header when it starts reusing the file. The store then fsyncs the
  // log itself after each commit and acknowledges only after that (see sql_store.cpp).
  std::string defer_commit_sync() override {
    auto mode = query("PRAGMA journal_mode", {});
    if (mode.empty() || mode[0].text(0) != "wal") return {};
    const char* wal = sqlite3_filename_wal(sqlite3_db_filename(db_, "main"));
    if (!wal || !*wal) return {};
    exec_script("PRAGMA synchronous=NORMAL");
    return wal;
  }

  void exec_script(const std::string& sql) override {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      // Scripts are schema steps, pragmas and transaction control (never patient data): naming
      // the one that failed tells an operator which step of a start-up or migration broke.
      throw SqlError("SQLite: " + msg + " (code " + std::to_string(sqlite3_extended_errcode(db_)) + ", in: " +
                     sql.substr(0, 60) + (sql.size() > 60 ? "..." : "") + ")");
    }
  }

  std::vector<SqlRow> query(std::string_view sql, const std::vector<SqlValue>& params) override {
    sqlite3_stmt* stmt = prepare(sql, params);
    std::vector<SqlRow> rows;
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(stmt, rc);
      int n = sqlite3_column_count(stmt);
      std::vector<SqlValue> values;
      values.reserve(n);
      for (int i = 0; i < n; ++i) {
        switch (sqlite3_column_type(stmt, i)) {
          case SQLITE_INTEGER: values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, i))); break;
          case SQLITE_FLOAT: values.emplace_back(sqlite3_column_double(stmt, i)); break;
          case SQLITE_NULL: values.emplace_back(std::monostate{}); break;
          default:
            values.emplace_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, i)),
                                            sqlite3_column_bytes(stmt, i)));
        }
      }
      rows.emplace_back(std::move(values));
    }
    sqlite3_reset(stmt);
    return rows;
  }

  std::int64_t execute(std::string_view sql, const std::vector<SqlValue>& params) override {
    sqlite3_stmt* stmt = prepare(sql, params);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) fail(stmt, rc);
    sqlite3_reset(stmt);
    return sqlite3_changes64(db_);
  }

 private:
  sqlite3_stmt* prepare(std::string_view sql, const std::vector<SqlValue>& params) {
    auto it = statements_.find(sql);  // looked up by the view: no copy of the text per call
    sqlite3_stmt* stmt;
    if (it == statements_.end()) {
      auto text = to_sqlite_placeholders(sql);
      if (sqlite3_prepare_v3(db_, text.c_str(), static_cast<int>(text.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                             nullptr) != SQLITE_OK)
        throw SqlError(std::string("SQLite cannot prepare: ") + sqlite3_errmsg(db_) + " in: " + std::string(sql));
      statements_.emplace(std::string(sql), stmt);
    } else {
      stmt = it->second;
    }
    sqlite3_clear_bindings(stmt);
    for (std::size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i + 1);
      const auto& p = params[i];
      if (auto v = std::get_if<std::int64_t>(&p)) sqlite3_bind_int64(stmt, idx, *v);
      else if (auto d = std::get_if<double>(&p)) sqlite3_bind_double(stmt, idx, *d);
      else if (auto s = std::get_if<std::string>(&p))
        sqlite3_bind_text(stmt, idx, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
      else sqlite3_bind_null(stmt, idx);
    }
    return stmt;
  }

  [[noreturn]] void fail(sqlite3_stmt* stmt, int rc) {
    std::string msg = sqlite3_errmsg(db_);
    sqlite3_reset(stmt);
    if ((rc & 0xff) == SQLITE_CONSTRAINT) throw SqlConstraintViolation("SQLite: " + msg);
    throw SqlError("SQLite: " + msg);
  }

  sqlite3* db_ = nullptr;
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> statements_;
};

}  // namespace

std::unique_ptr<SqlConnection> open_sqlite(const std::string& path, bool writer) {
  return std::make_unique<SqliteConnection>(path, writer);
}

}  // namespace relief
