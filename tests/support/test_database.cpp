#include "test_database.hpp"

#include <libpq-fe.h>
#include <sodium.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace relief::testing {
namespace {

std::string random_suffix() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium");
  char out[17];
  unsigned char b[8];
  randombytes_buf(b, sizeof b);
  sodium_bin2hex(out, sizeof out, b, sizeof b);
  return out;
}

void admin_exec(const std::string& sql) {
  PGconn* c = PQconnectdb(postgres_admin_url().c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("cannot reach the test PostgreSQL: " + msg);
  }
  PGresult* r = PQexec(c, sql.c_str());
  bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  std::string msg = PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(c);
  if (!ok) throw std::runtime_error("PostgreSQL: " + msg);
}

}  // namespace

std::string backend_name(Backend b) { return b == Backend::sqlite ? "SQLite" : "PostgreSQL"; }

std::string temp_directory(const std::string& prefix) {
  auto dir = std::filesystem::temp_directory_path() / (prefix + "-" + random_suffix());
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string postgres_admin_url() {
  if (const char* url = std::getenv("RELIEF_TEST_PG_URL"); url && *url) return url;
  if (const char* dir = std::getenv("RELIEF_TEST_PG_DIR"); dir && *dir) {
    std::ifstream in(std::string(dir) + "/url");
    std::string url;
    if (std::getline(in, url) && !url.empty()) return url;
    throw std::runtime_error(std::string("no PostgreSQL test server: ") + dir + "/url is missing (run through ctest)");
  }
  throw std::runtime_error("no PostgreSQL test server: set RELIEF_TEST_PG_URL or run through ctest");
}

TestDatabase::TestDatabase(Backend backend) : backend_(backend) {
  if (backend == Backend::sqlite) {
    dir_or_name_ = temp_directory("relief-test");
    url_ = dir_or_name_ + "/relief.db";
  } else {
    dir_or_name_ = "relief_test_" + random_suffix();
    admin_exec("CREATE DATABASE " + dir_or_name_);
    auto admin = postgres_admin_url();
    url_ = admin.substr(0, admin.rfind('/') + 1) + dir_or_name_;
  }
}

TestDatabase::~TestDatabase() {
  try {
    if (backend_ == Backend::sqlite) std::filesystem::remove_all(dir_or_name_);
    else admin_exec("DROP DATABASE IF EXISTS " + dir_or_name_ + " WITH (FORCE)");
  } catch (...) {
  }
}

}  // namespace relief::testing
