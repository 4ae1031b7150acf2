#pragma once
// Fresh, empty databases for tests: a temporary SQLite file, or a new database on the test
// PostgreSQL server that CTest's fixture started (tests/support/pg-test-server).
#include <string>

namespace relief::testing {

enum class Backend { sqlite, postgres };

class TestDatabase {
 public:
  explicit TestDatabase(Backend backend);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  const std::string& url() const { return url_; }
  Backend backend() const { return backend_; }

 private:
  Backend backend_;
  std::string url_;
  std::string dir_or_name_;
};

// The test server's superuser URL: $RELIEF_TEST_PG_URL, else the url file in $RELIEF_TEST_PG_DIR.
// Throws with a clear message when neither is set (PostgreSQL tests never skip silently).
std::string postgres_admin_url();
std::string backend_name(Backend b);
std::string temp_directory(const std::string& prefix);  // a new empty directory

}  // namespace relief::testing
