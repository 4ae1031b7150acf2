#pragma once
// The narrow waist between Relief's store and a database engine. The store speaks one SQL text
// (numbered parameters $1, $2 ...) through this interface; SQLite and PostgreSQL each implement it.
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace relief {

enum class Dialect { sqlite, postgres };

using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;

class SqlRow {
 public:
  explicit SqlRow(std::vector<SqlValue> values) : values_(std::move(values)) {}
  bool is_null(std::size_t i) const { return std::holds_alternative<std::monostate>(values_.at(i)); }
  std::int64_t int64(std::size_t i) const;
  double real(std::size_t i) const;
  std::string text(std::size_t i) const;  // NULL reads as ""
  std::size_t size() const { return values_.size(); }

 private:
  std::vector<SqlValue> values_;
};

class SqlError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A UNIQUE / NOT NULL / CHECK constraint refused the statement.
class SqlConstraintViolation : public SqlError {
 public:
  using SqlError::SqlError;
};

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual Dialect dialect() const = 0;
  // Several statements, no parameters (schema migrations, BEGIN/COMMIT).
  virtual void exec_script(const std::string& sql) = 0;
  // One statement with $1..$N parameters; returns its rows (none for most writes).
  virtual std::vector<SqlRow> query(std::string_view sql, const std::vector<SqlValue>& params = {}) = 0;
  // One statement; returns the number of rows it changed.
  virtual std::int64_t execute(std::string_view sql, const std::vector<SqlValue>& params = {}) = 0;
  // Pipelined group commit (SQLite in WAL mode only): from now on COMMIT on this connection
  // appends to the write-ahead log without waiting for the disk, and the caller takes over
  // making each commit durable by syncing the returned log file itself before it acknowledges
  // anything. Returns "" (and changes nothing) where that is not possible: other journal modes,
  // in-memory databases, PostgreSQL.
  virtual std::string defer_commit_sync() { return {}; }
};

// "postgresql://..." / "postgres://..." opens PostgreSQL; anything else is a SQLite file path.
bool is_postgres_url(std::string_view url);

std::unique_ptr<SqlConnection> open_sqlite(const std::string& path, bool writer);
std::unique_ptr<SqlConnection> open_postgres(const std::string& url);

}  // namespace relief
