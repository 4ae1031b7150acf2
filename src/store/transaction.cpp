#include <sodium.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstring>
#include <mutex>
#include <type_traits>

#include "core/errors.hpp"
#include "core/json_conversions.hpp"
#include "core/name_text.hpp"
#include "store/store.hpp"

namespace relief {
namespace {

template <class E>
std::string enum_name(E e) {
  return boost::json::value_from(e).as_string().c_str();
}

const std::string& patient_of(const Patient& p) { return p.meta.id; }
const std::string& patient_of(const Staff&) {
  static const std::string none;
  return none;
}
template <class T>
const std::string& patient_of(const T& record) {
  return record.patient_id;
}

}  // namespace

// A UUIDv7 (RFC 9562 section 5.7) in 32 hex digits: 48 bits of Unix milliseconds, then 74 random
// bits. Ids made close in time sort together, so each write adds to the same few index pages
// instead of dirtying a random page of every id index (a quarter of a create's CPU with fully
// random ids, docs/performance.md). The price: an id tells when its record was created, which
// anyone allowed to read the record sees in meta.lastUpdated of its first version anyway; 74
// random bits still make ids unguessable. De-identified extracts must not carry these ids.
//
// The random bits come from the kernel's generator (libsodium's randombytes_buf, getrandom) in
// blocks of 4 KB per thread rather than one system call per id: the call was 6% of the single
// writer thread's time under the create benchmark. Each byte is used once.
namespace {
void random_bytes(unsigned char* out, std::size_t n) {
  thread_local unsigned char block[4096];
  thread_local std::size_t used = sizeof block;
  if (used + n > sizeof block) {
    randombytes_buf(block, sizeof block);
    used = 0;
  }
  std::memcpy(out, block + used, n);
  sodium_memzero(block + used, n);  // a used byte stays nowhere it could be read again
  used += n;
}
}  // namespace

// Monotonic within the process (RFC 9562 section 6.2, method 2): an id made in the same
// millisecond as the last one takes the last one's 74 bits plus a random step, so ids sort in
// the order they were made. Records are listed newest first by time, then by id; two pain
// assessments saved in one millisecond used to come back in a random order, and the later one
// could be taken as the baseline.
std::string new_record_id() {
  using Bits = unsigned __int128;
  constexpr Bits kTail = (Bits{1} << 74) - 1;
  static std::mutex mutex;
  static std::uint64_t last_ms = 0;
  static Bits last_tail = 0;
  unsigned char fresh[16];
  random_bytes(fresh, sizeof fresh);
  Bits random = 0;
  for (unsigned char c : fresh) random = random << 8 | c;
  auto ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  Bits tail = 0;
  {
    std::lock_guard lock(mutex);
    if (ms <= last_ms) {  // the same millisecond, or the clock stepped back
      ms = last_ms;
      tail = last_tail + 1 + (random & 0xffffffff);
      if (tail > kTail) ++ms, tail = random & (kTail >> 1);  // 2^42 ids in a millisecond: never, but sound
    } else {
      tail = random & (kTail >> 1);  // the top bit clear: room to count up within the millisecond
    }
    last_ms = ms;
    last_tail = tail;
  }
  unsigned char bytes[16];
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<unsigned char>(ms >> (40 - 8 * i));
  const auto a = static_cast<unsigned>(tail >> 62);            // rand_a: 12 bits
  const auto b = static_cast<std::uint64_t>(tail) & ((std::uint64_t{1} << 62) - 1);  // rand_b: 62 bits
  bytes[6] = static_cast<unsigned char>(0x70 | (a >> 8));    // version 7
  bytes[7] = static_cast<unsigned char>(a & 0xff);
  bytes[8] = static_cast<unsigned char>(0x80 | (b >> 56));   // the RFC 9562 variant
  for (int i = 9; i < 16; ++i) bytes[i] = static_cast<unsigned char>(b >> (8 * (15 - i)));
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

std::int64_t Transaction::next_version(const char* type, const std::string& id,
                                       std::optional<std::int64_t> expected) {
  auto rows = db_.query("SELECT MAX(version) FROM resource_versions WHERE type = $1 AND id = $2",
                        {std::string(type), id});
  if (rows.empty() || rows[0].is_null(0)) throw NotFound(std::string(type) + "/" + id + " does not exist");
  std::int64_t current = rows[0].int64(0);
  if (expected && *expected != current) throw VersionConflict(*expected, current);
  return current + 1;
}

void Transaction::insert_version(const char* type, RecordMeta& meta, const std::string& patient_id,
                                 const std::string& body) {
  meta.recorded_at = now();
  meta.recorded_by = actor_.username;
  if (meta.site_id.empty()) meta.site_id = site_id_;
  db_.execute(
      "INSERT INTO resource_versions (type, id, version, site_id, patient_id, body, recorded_at, recorded_by) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {std::string(type), meta.id, meta.version, meta.site_id,
       patient_id.empty() ? SqlValue{} : SqlValue{patient_id}, body, meta.recorded_at.ms, meta.recorded_by});
}

template <class T>
void Transaction::put(T& record, std::optional<std::int64_t> expected_version) {
  const char* type = RecordType<T>::name;
  bool is_new = record.meta.id.empty();
  if (is_new) {
    record.meta.id = new_record_id();
    record.meta.version = 1;
  } else {
    record.meta.version = next_version(type, record.meta.id, expected_version);
  }
  std::string body = boost::json::serialize(boost::json::value_from(record));
  insert_version(type, record.meta, patient_of(record), body);
  try {
    project(record);
  } catch (const SqlConstraintViolation&) {
    // Say which rule was broken in the user's terms, not the database's.
    if constexpr (std::is_same_v<T, Patient>)
      throw DuplicateRecord("a patient with MRN '" + record.mrn + "' is already registered at this site; find them with "
                            "GET /fhir/Patient?identifier=" + record.mrn);
    throw DuplicateRecord(std::string(type) + " conflicts with an existing record");
  }
  append_audit(AuditEntry{0, {}, "", "", patient_of(record), is_new ? "create" : "update", type, record.meta.id, "",
                          "ok"});
}

template void Transaction::put<Patient>(Patient&, std::optional<std::int64_t>);
template void Transaction::put<Staff>(Staff&, std::optional<std::int64_t>);
template void Transaction::put<Observation>(Observation&, std::optional<std::int64_t>);
template void Transaction::put<Episode>(Episode&, std::optional<std::int64_t>);
template void Transaction::put<Encounter>(Encounter&, std::optional<std::int64_t>);
template void Transaction::put<Note>(Note&, std::optional<std::int64_t>);
template void Transaction::put<InstrumentResponse>(InstrumentResponse&, std::optional<std::int64_t>);

void Transaction::project(const Patient& p) {
  db_.execute(
      "INSERT INTO patients (id, version, site_id, mrn, family_norm, names_norm, birth_date, active) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO UPDATE SET version = excluded.version, "
      "site_id = excluded.site_id, mrn = excluded.mrn, family_norm = excluded.family_norm, "
      "names_norm = excluded.names_norm, birth_date = excluded.birth_date, active = excluded.active",
      {p.meta.id, p.meta.version, p.meta.site_id, p.mrn, name_search_key(p.family), names_search_key(p.family, p.given),
       format_date(p.birth_date), std::int64_t{p.active.value_or(true)}});
}

void Transaction::project(const Staff& s) {
  db_.execute(
      "INSERT INTO staff (id, version, site_id, names_norm, discipline, active) VALUES ($1, $2, $3, $4, $5, $6) "
      "ON CONFLICT (id) DO UPDATE SET version = excluded.version, names_norm = excluded.names_norm, "
      "discipline = excluded.discipline, active = excluded.active",
      {s.meta.id, s.meta.version, s.meta.site_id, names_search_key(s.family, s.given), s.discipline,
       std::int64_t{s.active}});
}

void Transaction::project(const Observation& o) {
  db_.execute(
      "INSERT INTO observations (id, version, patient_id, code_system, code, effective_at, status) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE SET version = excluded.version, "
      "patient_id = excluded.patient_id, code_system = excluded.code_system, code = excluded.code, "
      "effective_at = excluded.effective_at, status = excluded.status",
      {o.meta.id, o.meta.version, o.patient_id, o.code.system, o.code.code, o.effective.ms, fhir_code(o.status)});
}

void Transaction::project(const Episode& e) {
  db_.execute(
      "INSERT INTO episodes (id, version, patient_id, program, status, start_date) VALUES ($1, $2, $3, $4, $5, $6) "
      "ON CONFLICT (id) DO UPDATE SET version = excluded.version, program = excluded.program, "
      "status = excluded.status, start_date = excluded.start_date",
      {e.meta.id, e.meta.version, e.patient_id, enum_name(e.program), enum_name(e.status), format_date(e.start)});
}

void Transaction::project(const Encounter& e) {
  db_.execute(
      "INSERT INTO encounters (id, version, patient_id, episode_id, start_at) VALUES ($1, $2, $3, $4, $5) "
      "ON CONFLICT (id) DO UPDATE SET version = excluded.version, episode_id = excluded.episode_id, "
      "start_at = excluded.start_at",
      {e.meta.id, e.meta.version, e.patient_id, e.episode_id, e.start.ms});
}

void Transaction::project(const Note& n) {
  db_.execute(
      "INSERT INTO notes (id, version, patient_id, encounter_id, written_at) VALUES ($1, $2, $3, $4, $5) "
      "ON CONFLICT (id) DO UPDATE SET version = excluded.version, encounter_id = excluded.encounter_id, "
      "written_at = excluded.written_at",
      {n.meta.id, n.meta.version, n.patient_id, n.encounter_id, n.written.ms});
}

void Transaction::project(const InstrumentResponse& r) {
  db_.execute(
      "INSERT INTO questionnaire_responses (id, version, patient_id, instrument, reporter, status, authored_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE SET version = excluded.version, "
      "instrument = excluded.instrument, reporter = excluded.reporter, status = excluded.status, "
      "authored_at = excluded.authored_at",
      {r.meta.id, r.meta.version, r.patient_id, r.instrument, enum_name(r.reporter), enum_name(r.status),
       r.authored.ms});
}

void Transaction::put_program_record(const std::string& type, ProgramRecord& record,
                                     std::optional<std::int64_t> expected_version) {
  bool is_new = record.meta.id.empty();
  if (is_new) {
    record.meta.id = new_record_id();
    record.meta.version = 1;
  } else {
    record.meta.version = next_version(type.c_str(), record.meta.id, expected_version);
  }
  insert_version(type.c_str(), record.meta, record.patient_id, record.body);
  db_.execute(
      "INSERT INTO program_records (type, id, version, patient_id, status, at) VALUES ($1, $2, $3, $4, $5, $6) "
      "ON CONFLICT (type, id) DO UPDATE SET version = excluded.version, patient_id = excluded.patient_id, "
      "status = excluded.status, at = excluded.at",
      {type, record.meta.id, record.meta.version, record.patient_id, record.status, record.at.ms});
  append_audit(AuditEntry{0, {}, "", "", record.patient_id, is_new ? "create" : "update", type, record.meta.id, "",
                           "ok"});
}

void Transaction::put_site(const Site& s) {
  db_.execute(
      "INSERT INTO sites (id, name, time_zone, synthetic) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET "
      "name = excluded.name, time_zone = excluded.time_zone, synthetic = excluded.synthetic",
      {s.id, s.name, s.time_zone, std::int64_t{s.synthetic}});
}

void Transaction::add_user(UserAccount& u) {
  // "ADMIN" beside "admin" would be two accounts a person cannot tell apart in the audit trail.
  // Usernames are ASCII (username_problem), so lower() agrees on both databases.
  auto same = db_.query("SELECT username FROM users WHERE lower(username) = lower($1)", {u.username});
  if (!same.empty()) throw DuplicateRecord("an account named '" + same[0].text(0) + "' already exists");
  if (u.id.empty()) u.id = new_record_id();
  u.created_at = now();
  try {
    db_.execute(
        "INSERT INTO users (id, username, password_hash, role, staff_id, active, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {u.id, u.username, u.password_hash, std::string(to_string(u.role)), u.staff_id, std::int64_t{u.active},
         u.created_at.ms});
  } catch (const SqlConstraintViolation&) {
    throw DuplicateRecord("an account named '" + u.username + "' already exists");
  }
  append_audit(AuditEntry{0, {}, "", "", "", "create", "User", u.username, "", "ok"});
}

void Transaction::set_user_active(const UserAccount& u, bool active) {
  if (db_.execute("UPDATE users SET active = $1 WHERE id = $2", {std::int64_t{active}, u.id}) == 0)
    throw NotFound("no account named " + u.username);
  if (!active) revoke_sessions_of(u.id, "");
  append_audit(AuditEntry{0, {}, "", "", "", active ? "enable" : "disable", "User", u.username, "", "ok"});
}

void Transaction::set_user_password(const UserAccount& u, const std::string& password_hash,
                                    const std::string& keep_session) {
  if (db_.execute("UPDATE users SET password_hash = $1 WHERE id = $2", {password_hash, u.id}) == 0)
    throw NotFound("no account named " + u.username);
  revoke_sessions_of(u.id, keep_session);
  append_audit(AuditEntry{0, {}, "", "", "", "set-password", "User", u.username, "", "ok"});
}

void Transaction::revoke_sessions_of(const std::string& user_id, const std::string& keep_session) {
  db_.execute("UPDATE sessions SET revoked = 1 WHERE user_id = $1 AND token_hash <> $2 AND revoked = 0",
              {user_id, keep_session});
}

void Transaction::put_session(const SessionRecord& s) {
  db_.execute(
      "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at, revoked) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {s.token_hash, s.user_id, s.csrf, s.created_at.ms, s.expires_at.ms, std::int64_t{s.revoked}});
}

void Transaction::revoke_session(const std::string& token_hash) {
  db_.execute("UPDATE sessions SET revoked = 1 WHERE token_hash = $1", {token_hash});
}

void Transaction::append_audit(AuditEntry e) {
  if (e.at.ms == 0) e.at = now();
  if (e.username.empty()) e.username = actor_.username;
  if (e.role.empty()) e.role = std::string(to_string(actor_.role));
  if (e.client.empty()) e.client = actor_.client;
  db_.execute(
      "INSERT INTO audit_log (at, username, role, patient_id, action, resource_type, resource_id, client, outcome) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {e.at.ms, e.username, e.role, e.patient_id.empty() ? SqlValue{} : SqlValue{e.patient_id}, e.action,
       e.resource_type, e.resource_id, e.client, e.outcome});
}

}  // namespace relief
