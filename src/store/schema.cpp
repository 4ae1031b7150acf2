#include "store/schema.hpp"

#include <algorithm>
#include <functional>

#include "core/name_text.hpp"
#include "core/patient.hpp"
#include "core/record_json.hpp"
#include "core/staff.hpp"
#include "core/time.hpp"

namespace relief {
namespace {

// The schema is written once; these tokens take each engine's spelling:
//   {int64}  64-bit integer column      {strict}  SQLite's type-checked tables
//   {serial} auto-assigned 64-bit key
std::string render(std::string sql, Dialect d) {
  auto replace_all = [&](const std::string& from, const std::string& to) {
    for (std::size_t pos = 0; (pos = sql.find(from, pos)) != std::string::npos; pos += to.size())
      sql.replace(pos, from.size(), to);
  };
  bool lite = d == Dialect::sqlite;
  replace_all("{int64}", lite ? "INTEGER" : "BIGINT");
  replace_all("{strict}", lite ? " STRICT" : "");
  replace_all("{serial}", lite ? "INTEGER PRIMARY KEY" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
  return sql;
}

// Clinical history and the audit log refuse UPDATE and DELETE at the database itself,
// so no code path (or hand-typed SQL) can rewrite them.
std::string append_only(const std::string& table, Dialect d) {
  if (d == Dialect::sqlite)
    return "CREATE TRIGGER " + table + "_no_update BEFORE UPDATE ON " + table +
           " BEGIN SELECT RAISE(ABORT, '" + table + " is append-only'); END;\n"
           "CREATE TRIGGER " + table + "_no_delete BEFORE DELETE ON " + table +
           " BEGIN SELECT RAISE(ABORT, '" + table + " is append-only'); END;\n";
  return "CREATE TRIGGER " + table + "_append_only BEFORE UPDATE OR DELETE ON " + table +
         " FOR EACH ROW EXECUTE FUNCTION relief_append_only();\n";
}

const char* kInitialSchema = R"SQL(
CREATE TABLE sites (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  synthetic INTEGER NOT NULL
){strict};

-- Every version of every clinical record. The body is the record as JSON; the columns beside
-- it say who wrote which version when. Never updated, never deleted.
CREATE TABLE resource_versions (
  type TEXT NOT NULL,
  id TEXT NOT NULL,
  version {int64} NOT NULL,
  site_id TEXT NOT NULL,
  patient_id TEXT,
  body TEXT NOT NULL,
  recorded_at {int64} NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (type, id, version)
){strict};

-- Search projections of the current version of each record (rebuildable from resource_versions).
CREATE TABLE patients (
  id TEXT PRIMARY KEY,
  version {int64} NOT NULL,
  site_id TEXT NOT NULL,
  mrn TEXT NOT NULL,
  family_norm TEXT NOT NULL,
  names_norm TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  active INTEGER NOT NULL
){strict};
CREATE UNIQUE INDEX patients_site_mrn ON patients (site_id, mrn);
CREATE INDEX patients_family ON patients (family_norm);
CREATE INDEX patients_birth_date ON patients (birth_date);

CREATE TABLE observations (
  id TEXT PRIMARY KEY,
  version {int64} NOT NULL,
  patient_id TEXT NOT NULL,
  code_system TEXT NOT NULL,
  code TEXT NOT NULL,
  effective_at {int64} NOT NULL,
  status TEXT NOT NULL
){strict};
CREATE INDEX observations_patient_time ON observations (patient_id, effective_at);
CREATE INDEX observations_patient_code_time ON observations (patient_id, code, effective_at);
CREATE INDEX observations_code_time ON observations (code, effective_at);

CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  version {int64} NOT NULL,
  site_id TEXT NOT NULL,
  names_norm TEXT NOT NULL,
  discipline TEXT NOT NULL,
  active INTEGER NOT NULL
){strict};

CREATE TABLE episodes (
  id TEXT PRIMARY KEY,
  version {int64} NOT NULL,
  patient_id TEXT NOT NULL,
  program TEXT NOT NULL,
  status TEXT NOT NULL,
  start_date TEXT NOT NULL
){strict};
CREATE INDEX episodes_patient ON episodes (patient_id);
CREATE INDEX episodes_program_status ON episodes (program, status);

CREATE TABLE encounters (
  id TEXT PRIMARY KEY,
  version {int64} NOT NULL,
  patient_id TEXT NOT NULL,
  episode_id TEXT NOT NULL,
  start_at {int64} NOT NULL
){strict};
CREATE INDEX encounters_patient_time ON encounters (patient_id, start_at);

CREATE TABLE notes (
  id TEXT PRIMARY KEY,
  version {int64} NOT NULL,
  patient_id TEXT NOT NULL,
  encounter_id TEXT NOT NULL,
  written_at {int64} NOT NULL
){strict};
CREATE INDEX notes_patient_time ON notes (patient_id, written_at);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  active INTEGER NOT NULL,
  created_at {int64} NOT NULL
){strict};

-- Sessions are kept by the hash of their token: a stolen database copy holds no usable token.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  csrf TEXT NOT NULL,
  created_at {int64} NOT NULL,
  expires_at {int64} NOT NULL,
  revoked INTEGER NOT NULL
){strict};

CREATE TABLE audit_log (
  seq {serial},
  at {int64} NOT NULL,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  patient_id TEXT,
  action TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  client TEXT NOT NULL,
  outcome TEXT NOT NULL
){strict};
CREATE INDEX audit_patient ON audit_log (patient_id, seq);
)SQL";

struct Step {
  Migration migration;
  std::function<std::string(Dialect)> sql;
  // Run after the SQL, in the same transaction: for changes SQL cannot compute, such as search
  // keys made by C++ rules (core/name_text).
  std::function<void(SqlConnection&)> data = {};
};

// Recomputes the name search keys of every patient and staff member from their current version.
void rekey_names(SqlConnection& db) {
  for (const char* type : {"Patient", "Practitioner"}) {
    const bool patient = std::string(type) == "Patient";
    const std::string table = patient ? "patients" : "staff";
    auto rows = db.query("SELECT t.id, r.body FROM " + table + " t JOIN resource_versions r ON r.type = '" + type +
                         "' AND r.id = t.id AND r.version = t.version");
    for (const auto& row : rows) {
      if (patient) {
        auto p = record_from_json<Patient>(row.text(1));
        db.execute("UPDATE patients SET family_norm = $1, names_norm = $2 WHERE id = $3",
                   {name_search_key(p.family), names_search_key(p.family, p.given), row.text(0)});
      } else {
        auto s = record_from_json<Staff>(row.text(1));
        db.execute("UPDATE staff SET names_norm = $1 WHERE id = $2", {names_search_key(s.family, s.given), row.text(0)});
      }
    }
  }
}

const std::vector<Step>& steps() {
  static const std::vector<Step> s{
      {{1, "initial schema: sites, versioned records, projections, users, sessions, audit"},
       [](Dialect d) {
         std::string sql;
         if (d == Dialect::postgres)
           sql += "CREATE FUNCTION relief_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                  "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;\n";
         sql += render(kInitialSchema, d);
         sql += append_only("resource_versions", d);
         sql += append_only("audit_log", d);
         return sql;
       }},
      {{2, "questionnaire responses: instrument administrations"},
       [](Dialect d) {
         return render(R"SQL(
CREATE TABLE questionnaire_responses (
  id TEXT PRIMARY KEY,
  version {int64} NOT NULL,
  patient_id TEXT NOT NULL,
  instrument TEXT NOT NULL,
  reporter TEXT NOT NULL,
  status TEXT NOT NULL,
  authored_at {int64} NOT NULL
){strict};
CREATE INDEX questionnaire_responses_patient ON questionnaire_responses (patient_id, instrument, authored_at);
)SQL",
                       d);
       }},
      {{3, "program records: consults, orders, alerts of the clinical programs"},
       [](Dialect d) {
         return render(R"SQL(
CREATE TABLE program_records (
  type TEXT NOT NULL,
  id TEXT NOT NULL,
  version {int64} NOT NULL,
  patient_id TEXT NOT NULL,
  status TEXT NOT NULL,
  at {int64} NOT NULL,
  PRIMARY KEY (type, id)
){strict};
CREATE INDEX program_records_status ON program_records (type, status, at);
CREATE INDEX program_records_patient ON program_records (type, patient_id, at);
)SQL",
                       d);
       }},
      {{4, "name search keys without accents, and hyphenated parts searchable on their own"},
       [](Dialect) { return std::string(); },
       rekey_names},
      // PostgreSQL's TRUNCATE fires no row trigger: any role allowed to truncate emptied the
      // history and the audit trail past the append-only triggers (an outside probe). SQLite
      // has no TRUNCATE; its DELETE without WHERE still meets the row triggers.
      {{5, "history and audit cannot be truncated"},
       [](Dialect d) {
         if (d != Dialect::postgres) return std::string();
         std::string sql;
         for (const char* table : {"resource_versions", "audit_log"})
           sql += std::string("CREATE TRIGGER ") + table + "_no_truncate BEFORE TRUNCATE ON " + table +
                  " FOR EACH STATEMENT EXECUTE FUNCTION relief_append_only();\n";
         return sql;
       }},
  };
  return s;
}

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> m = [] {
    std::vector<Migration> out;
    for (const auto& s : steps()) out.push_back(s.migration);
    return out;
  }();
  return m;
}

namespace {
void ensure_migrations_table(SqlConnection& db) {
  db.exec_script(render("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                        "applied_at {int64} NOT NULL){strict};",
                        db.dialect()));
}
int schema_version_unlocked(SqlConnection& db) {
  auto rows = db.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  return static_cast<int>(rows.at(0).int64(0));
}
}  // namespace

int schema_version(SqlConnection& db) {
  ensure_migrations_table(db);
  return schema_version_unlocked(db);
}

namespace {
// PostgreSQL: two servers (or `relief migrate` runs) starting at once must not both migrate.
// Locking schema_migrations is not enough, because both may try to create it first, and two
// concurrent CREATE TABLE IF NOT EXISTS collide in PostgreSQL's catalogue ("duplicate key ...
// pg_type_typname_nsp_index"). A session advisory lock taken before anything else serialises
// the whole migration. SQLite serialises it with BEGIN IMMEDIATE below.
class MigrationLock {
 public:
  explicit MigrationLock(SqlConnection& db) : db_(db) {
    if (db_.dialect() == Dialect::postgres) db_.query("SELECT pg_advisory_lock(7261546372)");  // "relief" in digits
  }
  ~MigrationLock() {
    try {
      if (db_.dialect() == Dialect::postgres) db_.query("SELECT pg_advisory_unlock(7261546372)");
    } catch (...) {
      // The session's end releases it anyway.
    }
  }

 private:
  SqlConnection& db_;
};
}  // namespace

namespace {
// A database that already holds another program's tables is not Relief's to migrate: `relief
// user list --db invoices.db` (a mistyped path) added Relief's thirteen tables to it. An empty
// database, or one Relief has migrated before, is fine.
void refuse_a_foreign_database(SqlConnection& db) {
  const char* tables = db.dialect() == Dialect::sqlite
                           ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
                           : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                             "ORDER BY table_name";
  std::vector<std::string> names;
  for (const auto& row : db.query(tables)) names.push_back(row.text(0));
  if (names.empty() || std::find(names.begin(), names.end(), "schema_migrations") != names.end()) return;
  std::string some;
  for (std::size_t i = 0; i < names.size() && i < 3; ++i) some += (i ? ", " : "") + names[i];
  throw SqlError("this database holds another program's tables (" + some + (names.size() > 3 ? ", ..." : "") +
                 ") and is not a Relief database; check the path, or give Relief a new file or an empty database");
}
}  // namespace

int migrate(SqlConnection& db) {
  MigrationLock lock(db);
  refuse_a_foreign_database(db);
  ensure_migrations_table(db);
  // Two servers starting at once on one database must not both migrate: the lock serialises them.
  int applied = 0;
  for (const auto& step : steps()) {
    db.exec_script(db.dialect() == Dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN; LOCK TABLE schema_migrations");
    try {
      // Applied or not, version by version: a database with a gap gets what it lacks.
      if (db.query("SELECT COUNT(*) FROM schema_migrations WHERE version = $1", {std::int64_t{step.migration.version}})
              .at(0)
              .int64(0) > 0) {
        db.exec_script("COMMIT");
        continue;
      }
      if (auto sql = step.sql(db.dialect()); !sql.empty()) db.exec_script(sql);
      if (step.data) step.data(db);
      db.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                 {std::int64_t{step.migration.version}, step.migration.name, now().ms});
      db.exec_script("COMMIT");
      ++applied;
    } catch (...) {
      db.exec_script("ROLLBACK");
      throw;
    }
  }
  return applied;
}

}  // namespace relief
