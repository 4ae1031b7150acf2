#include <libpq-fe.h>

#include <cstdio>
#include <cstring>
#include <unordered_map>

#include "store/sql_connection.hpp"

namespace relief {
namespace {

class PostgresConnection final : public SqlConnection {
 public:
  explicit PostgresConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw SqlError("cannot connect to PostgreSQL: " + msg);
    }
    // Quiet NOTICEs (e.g. "relation already exists, skipping") instead of printing to stderr.
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    exec_script("SET client_min_messages = warning; SET synchronous_commit = on;");
  }

  ~PostgresConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::postgres; }

  void exec_script(const std::string& sql) override {
    PGresult* res = PQexec(conn_, sql.c_str());
    check(res, sql);
    PQclear(res);
  }

  std::vector<SqlRow> query(std::string_view sql, const std::vector<SqlValue>& params) override {
    PGresult* res = run(sql, params);
    std::vector<SqlRow> rows;
    int n = PQntuples(res), cols = PQnfields(res);
    rows.reserve(n);
    for (int r = 0; r < n; ++r) {
      std::vector<SqlValue> values;
      values.reserve(cols);
      for (int c = 0; c < cols; ++c) {
        if (PQgetisnull(res, r, c)) values.emplace_back(std::monostate{});
        else values.emplace_back(std::string(PQgetvalue(res, r, c), PQgetlength(res, r, c)));
      }
      rows.emplace_back(std::move(values));
    }
    PQclear(res);
    return rows;
  }

  std::int64_t execute(std::string_view sql, const std::vector<SqlValue>& params) override {
    PGresult* res = run(sql, params);
    const char* affected = PQcmdTuples(res);
    std::int64_t n = *affected ? std::stoll(affected) : 0;
    PQclear(res);
    return n;
  }

 private:
  // Each distinct statement is prepared once per connection and then executed by name.
  PGresult* run(std::string_view sql, const std::vector<SqlValue>& params) {
    std::string key(sql);
    auto it = prepared_.find(key);
    if (it == prepared_.end()) {
      std::string name = "s" + std::to_string(prepared_.size());
      PGresult* res = PQprepare(conn_, name.c_str(), key.c_str(), 0, nullptr);
      check(res, key);
      PQclear(res);
      it = prepared_.emplace(key, name).first;
    }
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      const auto& p = params[i];
      if (auto v = std::get_if<std::int64_t>(&p)) text[i] = std::to_string(*v);
      else if (auto d = std::get_if<double>(&p)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", *d);
        text[i] = buf;
      } else if (auto s = std::get_if<std::string>(&p)) text[i] = *s;
      values[i] = std::holds_alternative<std::monostate>(p) ? nullptr : text[i].c_str();
    }
    PGresult* res = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()), values.data(), nullptr,
                                   nullptr, 0);
    check(res, key);
    return res;
  }

  void check(PGresult* res, std::string_view sql) {
    auto status = PQresultStatus(res);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    std::string msg = PQresultErrorMessage(res);
    const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    bool constraint = state && std::strncmp(state, "23", 2) == 0;  // class 23: integrity constraint violation
    PQclear(res);
    if (PQstatus(conn_) != CONNECTION_OK) PQreset(conn_), prepared_.clear();
    if (constraint) throw SqlConstraintViolation("PostgreSQL: " + msg);
    throw SqlError("PostgreSQL: " + msg + " in: " + std::string(sql.substr(0, 200)));
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;
};

}  // namespace

std::unique_ptr<SqlConnection> open_postgres(const std::string& url) { return std::make_unique<PostgresConnection>(url); }

}  // namespace relief
