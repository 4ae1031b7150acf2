#pragma once
// The Store: Relief's one door to its database.
//
// * read(f) lends f a Reader on a pooled read connection. f must not call write() or
//   run_blocking(): on a server fiber those suspend it while it holds the connection, and
//   fibers that wait for a free connection block their network thread, so enough of them
//   could leave no thread to resume the holders.
// * write(f) runs f inside a transaction on the single writer, together with other writers'
//   work (group commit), and returns only once the commit is durable. A failing f is rolled
//   back to its own savepoint and its exception rethrown; the others in the group still commit.
//
// Records are versioned: put() writes version N+1 beside version N and never touches N.
// Every put() also appends an audit entry in the same transaction.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/episode.hpp"
#include "core/instrument_response.hpp"
#include "core/observation.hpp"
#include "core/patient.hpp"
#include "core/staff.hpp"
#include "store/records.hpp"
#include "store/sql_connection.hpp"

namespace relief {

struct PatientQuery {
  std::optional<std::string> id;
  std::optional<std::string> mrn;
  std::optional<std::string> name;    // prefix of any part of the name, case-insensitive
  std::optional<std::string> family;  // prefix of the family name
  std::optional<Date> born_from;    // born on this day or later
  std::optional<Date> born_before;  // born before this day
  int limit = 50;
  int offset = 0;
};

struct ObservationQuery {
  std::optional<std::string> id;
  std::optional<std::string> patient_id;
  std::optional<std::string> code_system;
  std::optional<std::string> code;
  std::optional<Instant> from;  // inclusive
  std::optional<Instant> to;    // exclusive
  bool newest_first = true;
  int limit = 50;
  int offset = 0;
};

struct AuditQuery {
  std::optional<std::string> patient_id;
  int limit = 100;
  std::optional<std::int64_t> before_seq;  // page backwards from here
};

// Record kinds the store keeps, and the type name each has in resource_versions.
template <class T> struct RecordType;
template <> struct RecordType<Patient> { static constexpr const char* name = "Patient"; };
template <> struct RecordType<Staff> { static constexpr const char* name = "Practitioner"; };
template <> struct RecordType<Observation> { static constexpr const char* name = "Observation"; };
template <> struct RecordType<Episode> { static constexpr const char* name = "EpisodeOfCare"; };
template <> struct RecordType<Encounter> { static constexpr const char* name = "Encounter"; };
template <> struct RecordType<Note> { static constexpr const char* name = "Note"; };
template <> struct RecordType<InstrumentResponse> { static constexpr const char* name = "QuestionnaireResponse"; };

// A record of a clinical program (an acute-service consult, an order, an alert ...), versioned
// like every clinical record and found through one index by type, patient, status and time.
// Programs keep their own typed structs; the store sees the JSON body and the index columns.
struct ProgramRecord {
  RecordMeta meta;
  std::string patient_id;
  std::string status;
  Instant at;        // the time the program sorts by (requested, started, raised ...)
  std::string body;  // JSON
};

struct ProgramRecordQuery {
  std::string type;
  std::optional<std::string> patient_id;
  std::optional<std::string> status;
  int limit = 500;
};

class Reader {
 public:
  explicit Reader(SqlConnection& db) : db_(db) {}

  template <class T> std::optional<T> get(const std::string& id);
  template <class T> std::optional<T> get_version(const std::string& id, std::int64_t version);
  template <class T> std::vector<T> history(const std::string& id);  // newest first
  template <class T> bool exists(const std::string& id) { return exists(RecordType<T>::name, id); }
  bool exists(const char* record_type, const std::string& id);
  // The patient a record of that kind is about (any version), if it exists and has one.
  // A patient's current birth date from the search projection, without reading the record:
  // what checking an Observation's subject needs, on every chart write.
  std::optional<Date> patient_birth_date(const std::string& patient_id);
  std::optional<std::string> patient_of_record(const std::string& record_type, const std::string& id);

  std::vector<Patient> find_patients(const PatientQuery& q);
  std::vector<Observation> find_observations(const ObservationQuery& q);
  std::vector<Staff> list_staff(int limit, int offset);
  std::vector<Episode> episodes_of(const std::string& patient_id);
  std::vector<Encounter> encounters_of(const std::string& patient_id, int limit);  // newest first
  std::vector<Note> notes_of(const std::string& patient_id, int limit);            // newest first
  // Newest first; `instrument` empty for all instruments.
  std::vector<InstrumentResponse> responses_of(const std::string& patient_id, const std::string& instrument, int limit);
  std::optional<Observation> latest_observation(const std::string& patient_id, const std::string& code);
  std::int64_t count(const char* record_type);

  std::optional<ProgramRecord> program_record(const std::string& type, const std::string& id);
  // Whether the patient has a current record of this type and status: one index probe, where
  // program_records() reads and sorts (every pain score asks whether an acute consult is open).
  bool has_program_record(const std::string& type, const std::string& patient_id, const std::string& status);
  std::vector<ProgramRecord> program_records(const ProgramRecordQuery& q);  // newest first
  // Every version of one record, newest first; status and at are the current version's index
  // values (each version's own are in its body).
  std::vector<ProgramRecord> program_record_history(const std::string& type, const std::string& id);

  std::optional<Site> site(const std::string& id);
  std::vector<Site> sites();
  std::optional<UserAccount> user_by_name(const std::string& username);
  std::optional<UserAccount> user_by_id(const std::string& id);
  std::vector<UserAccount> users();
  std::optional<SessionRecord> session(const std::string& token_hash);
  std::vector<AuditEntry> audit(const AuditQuery& q);

  SqlConnection& connection() { return db_; }

 protected:
  std::optional<std::string> body_of(const char* type, const std::string& id, std::optional<std::int64_t> version,
                                     RecordMeta& meta);
  SqlConnection& db_;
};

class Transaction : public Reader {
 public:
  Transaction(SqlConnection& db, const Actor& actor, std::string site_id)
      : Reader(db), actor_(actor), site_id_(std::move(site_id)) {}

  // Writes `record` as a new record (empty meta.id) or as the next version of an existing one.
  // expected_version, when given, must be the current version (If-Match), else VersionConflict.
  // Fills in record.meta and appends a "create" or "update" audit entry.
  template <class T> void put(T& record, std::optional<std::int64_t> expected_version = std::nullopt);

  // New (empty meta.id) or the next version; audited like put().
  void put_program_record(const std::string& type, ProgramRecord& record,
                          std::optional<std::int64_t> expected_version = std::nullopt);

  void put_site(const Site& s);
  // Refuses (DuplicateRecord) a name that differs from an existing one only in case.
  void add_user(UserAccount& u);
  // Disabling also ends every session of the account at once; enabling brings none back.
  void set_user_active(const UserAccount& u, bool active);
  // Ends every session of the account but `keep_session` (a token hash; empty: all): whoever
  // knew the old password must not stay signed in.
  void set_user_password(const UserAccount& u, const std::string& password_hash, const std::string& keep_session = "");
  void put_session(const SessionRecord& s);
  void revoke_session(const std::string& token_hash);
  void append_audit(AuditEntry e);  // fills at/username/role/client from the actor when empty

  const Actor& actor() const { return actor_; }

 private:
  void revoke_sessions_of(const std::string& user_id, const std::string& keep_session);
  std::int64_t next_version(const char* type, const std::string& id, std::optional<std::int64_t> expected);
  void insert_version(const char* type, RecordMeta& meta, const std::string& patient_id, const std::string& body);
  void project(const Patient& p);
  void project(const Staff& s);
  void project(const Observation& o);
  void project(const Episode& e);
  void project(const Encounter& e);
  void project(const Note& n);
  void project(const InstrumentResponse& r);

  Actor actor_;
  std::string site_id_;
};

struct StoreOptions {
  std::string site_id;          // the site whose records this server writes
  int read_connections = 8;
  int max_group = 512;          // most writers in one commit
  // SQLite: the write-ahead log is restarted once it holds more than this, and trimmed back to it
  // (see BackgroundCheckpointer in sql_store.cpp). Under steady writes it otherwise never restarts.
  std::int64_t wal_limit_bytes = 16LL << 20;
};

struct StoreStats {
  std::uint64_t commits = 0;          // durable transactions
  std::uint64_t grouped_writes = 0;   // write() calls those commits carried
  std::uint64_t failed_writes = 0;
  std::uint64_t syncs = 0;            // fsyncs of the write-ahead log by the store (SQLite;
                                      // each covers every commit before it); 0 on PostgreSQL
  bool writes_refused = false;        // an fsync failed: no write is accepted until a restart
};

class Store {
 public:
  // A SQLite path or a postgresql:// URL. Applies pending migrations first.
  static std::unique_ptr<Store> open(const std::string& url, StoreOptions options = {});
  virtual ~Store() = default;

  virtual Dialect dialect() const = 0;
  virtual void read(const std::function<void(Reader&)>& f) = 0;
  virtual void write(const Actor& actor, const std::function<void(Transaction&)>& f) = 0;
  virtual StoreStats stats() const = 0;
  virtual const std::string& site_id() const = 0;
  // Stops the writer after the groups already queued have committed.
  virtual void close() = 0;
};

// A UUIDv7 as 32 hex digits (a valid FHIR id): creation millisecond, then 74 bits, random for
// the millisecond's first id and counting up by random steps after it (ids sort as they were made).
std::string new_record_id();

}  // namespace relief
