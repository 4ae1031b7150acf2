#include <boost/json.hpp>
#include <sstream>

#include "core/name_text.hpp"
#include "core/record_json.hpp"
#include "store/store.hpp"

namespace relief {
namespace {

template <class T>
T from_body(const std::string& body, RecordMeta meta) {
  T record = record_from_json<T>(body);
  record.meta = std::move(meta);
  return record;
}

// Columns every record query selects, in this order, from resource_versions aliased r.
constexpr const char* kVersionColumns = "r.id, r.version, r.site_id, r.recorded_at, r.recorded_by, r.body";

template <class T>
std::vector<T> records_from(const std::vector<SqlRow>& rows) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const auto& row : rows)
    out.push_back(from_body<T>(row.text(5), RecordMeta{row.text(0), row.int64(1), row.text(2),
                                                       Instant{row.int64(3)}, row.text(4)}));
  return out;
}

// A LIKE pattern that matches `text` literally as a prefix of a name's search key.
std::string like_prefix(std::string_view text) {
  std::string out;
  for (char c : name_search_key(text)) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

std::string param(std::vector<SqlValue>& params, SqlValue v) {
  params.push_back(std::move(v));
  return "$" + std::to_string(params.size());
}

AuditEntry audit_from(const SqlRow& r) {
  return AuditEntry{r.int64(0), Instant{r.int64(1)}, r.text(2), r.text(3), r.text(4), r.text(5), r.text(6),
                    r.text(7), r.text(8), r.text(9)};
}

UserAccount user_from(const SqlRow& r) {
  return UserAccount{r.text(0), r.text(1), r.text(2), role_from_string(r.text(3)).value_or(Role::nurse),
                     r.text(4), r.int64(5) != 0, Instant{r.int64(6)}};
}
constexpr const char* kUserColumns = "id, username, password_hash, role, staff_id, active, created_at";

}  // namespace

std::optional<std::string> Reader::body_of(const char* type, const std::string& id,
                                           std::optional<std::int64_t> version, RecordMeta& meta) {
  std::vector<SqlRow> rows =
      version ? db_.query("SELECT version, site_id, recorded_at, recorded_by, body FROM resource_versions "
                          "WHERE type = $1 AND id = $2 AND version = $3",
                          {std::string(type), id, *version})
              : db_.query("SELECT version, site_id, recorded_at, recorded_by, body FROM resource_versions "
                          "WHERE type = $1 AND id = $2 ORDER BY version DESC LIMIT 1",
                          {std::string(type), id});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows.front();
  meta = RecordMeta{id, r.int64(0), r.text(1), Instant{r.int64(2)}, r.text(3)};
  return r.text(4);
}

template <class T>
std::optional<T> Reader::get(const std::string& id) {
  RecordMeta meta;
  auto body = body_of(RecordType<T>::name, id, std::nullopt, meta);
  if (!body) return std::nullopt;
  return from_body<T>(*body, std::move(meta));
}

template <class T>
std::optional<T> Reader::get_version(const std::string& id, std::int64_t version) {
  RecordMeta meta;
  auto body = body_of(RecordType<T>::name, id, version, meta);
  if (!body) return std::nullopt;
  return from_body<T>(*body, std::move(meta));
}

template <class T>
std::vector<T> Reader::history(const std::string& id) {
  return records_from<T>(db_.query(std::string("SELECT ") + kVersionColumns +
                                       " FROM resource_versions r WHERE r.type = $1 AND r.id = $2 "
                                       "ORDER BY r.version DESC",
                                   {std::string(RecordType<T>::name), id}));
}

#define RELIEF_INSTANTIATE_READS(T)                                                \
  template std::optional<T> Reader::get<T>(const std::string&);                    \
  template std::optional<T> Reader::get_version<T>(const std::string&, std::int64_t); \
  template std::vector<T> Reader::history<T>(const std::string&);
RELIEF_INSTANTIATE_READS(Patient)
RELIEF_INSTANTIATE_READS(Staff)
RELIEF_INSTANTIATE_READS(Observation)
RELIEF_INSTANTIATE_READS(Episode)
RELIEF_INSTANTIATE_READS(Encounter)
RELIEF_INSTANTIATE_READS(Note)
RELIEF_INSTANTIATE_READS(InstrumentResponse)
#undef RELIEF_INSTANTIATE_READS

std::vector<Patient> Reader::find_patients(const PatientQuery& q) {
  std::vector<SqlValue> params;
  std::string where = "1 = 1";
  if (q.id) where += " AND p.id = " + param(params, *q.id);
  if (q.mrn) where += " AND p.mrn = " + param(params, *q.mrn);
  if (q.family) where += " AND p.family_norm LIKE " + param(params, like_prefix(*q.family)) + " ESCAPE '\\'";
  // "Maya Chen", as the chart shows a name: every word starts some part of the name, in any order.
  if (q.name) {
    std::istringstream words(*q.name);
    for (std::string word; words >> word;)
      where += " AND p.names_norm LIKE " + param(params, "% " + like_prefix(word)) + " ESCAPE '\\'";
  }
  // ISO dates compare as text.
  if (q.born_from) where += " AND p.birth_date >= " + param(params, format_date(*q.born_from));
  if (q.born_before) where += " AND p.birth_date < " + param(params, format_date(*q.born_before));
  std::string sql = std::string("SELECT ") + kVersionColumns +
                    " FROM patients p JOIN resource_versions r ON r.type = 'Patient' AND r.id = p.id AND "
                    "r.version = p.version WHERE " + where + " ORDER BY p.family_norm, p.names_norm, p.id LIMIT " +
                    param(params, std::int64_t{q.limit}) + " OFFSET " + param(params, std::int64_t{q.offset});
  return records_from<Patient>(db_.query(sql, params));
}

std::vector<Observation> Reader::find_observations(const ObservationQuery& q) {
  std::vector<SqlValue> params;
  std::string where = "1 = 1";
  if (q.id) where += " AND o.id = " + param(params, *q.id);
  if (q.patient_id) where += " AND o.patient_id = " + param(params, *q.patient_id);
  if (q.code) where += " AND o.code = " + param(params, *q.code);
  if (q.code_system) where += " AND o.code_system = " + param(params, *q.code_system);
  if (q.from) where += " AND o.effective_at >= " + param(params, q.from->ms);
  if (q.to) where += " AND o.effective_at < " + param(params, q.to->ms);
  std::string order = q.newest_first ? "o.effective_at DESC, o.id DESC" : "o.effective_at, o.id";
  std::string sql = std::string("SELECT ") + kVersionColumns +
                    " FROM observations o JOIN resource_versions r ON r.type = 'Observation' AND r.id = o.id AND "
                    "r.version = o.version WHERE " + where + " ORDER BY " + order + " LIMIT " +
                    param(params, std::int64_t{q.limit}) + " OFFSET " + param(params, std::int64_t{q.offset});
  return records_from<Observation>(db_.query(sql, params));
}

std::vector<Encounter> Reader::encounters_of(const std::string& patient_id, int limit) {
  return records_from<Encounter>(db_.query(
      std::string("SELECT ") + kVersionColumns +
          " FROM encounters e JOIN resource_versions r ON r.type = 'Encounter' AND r.id = e.id AND "
          "r.version = e.version WHERE e.patient_id = $1 ORDER BY e.start_at DESC LIMIT $2",
      {patient_id, std::int64_t{limit}}));
}

std::vector<Note> Reader::notes_of(const std::string& patient_id, int limit) {
  return records_from<Note>(db_.query(
      std::string("SELECT ") + kVersionColumns +
          " FROM notes n JOIN resource_versions r ON r.type = 'Note' AND r.id = n.id AND "
          "r.version = n.version WHERE n.patient_id = $1 ORDER BY n.written_at DESC LIMIT $2",
      {patient_id, std::int64_t{limit}}));
}

std::vector<InstrumentResponse> Reader::responses_of(const std::string& patient_id, const std::string& instrument,
                                                     int limit) {
  std::vector<SqlValue> params{patient_id};
  std::string where = "q.patient_id = $1";
  if (!instrument.empty()) where += " AND q.instrument = " + param(params, instrument);
  return records_from<InstrumentResponse>(db_.query(
      std::string("SELECT ") + kVersionColumns +
          " FROM questionnaire_responses q JOIN resource_versions r ON r.type = 'QuestionnaireResponse' AND "
          "r.id = q.id AND r.version = q.version WHERE " + where + " ORDER BY q.authored_at DESC, q.id DESC LIMIT " +
          param(params, std::int64_t{limit}),
      params));
}

std::optional<Observation> Reader::latest_observation(const std::string& patient_id, const std::string& code) {
  ObservationQuery q;
  q.patient_id = patient_id;
  q.code = code;
  q.limit = 20;
  // Skip versions marked entered-in-error: they are kept but are not the patient's latest value.
  for (auto& o : find_observations(q))
    if (o.status != ObservationStatus::entered_in_error && o.status != ObservationStatus::cancelled) return o;
  return std::nullopt;
}

std::vector<Staff> Reader::list_staff(int limit, int offset) {
  return records_from<Staff>(db_.query(
      std::string("SELECT ") + kVersionColumns +
          " FROM staff s JOIN resource_versions r ON r.type = 'Practitioner' AND r.id = s.id AND r.version = s.version "
          "ORDER BY s.names_norm, s.id LIMIT $1 OFFSET $2",
      {std::int64_t{limit}, std::int64_t{offset}}));
}

std::vector<Episode> Reader::episodes_of(const std::string& patient_id) {
  return records_from<Episode>(db_.query(
      std::string("SELECT ") + kVersionColumns +
          " FROM episodes e JOIN resource_versions r ON r.type = 'EpisodeOfCare' AND r.id = e.id AND "
          "r.version = e.version WHERE e.patient_id = $1 ORDER BY e.start_date DESC",
      {patient_id}));
}

bool Reader::exists(const char* record_type, const std::string& id) {
  return !db_.query("SELECT 1 FROM resource_versions WHERE type = $1 AND id = $2 LIMIT 1", {std::string(record_type), id})
              .empty();
}

std::optional<Date> Reader::patient_birth_date(const std::string& patient_id) {
  auto rows = db_.query("SELECT birth_date FROM patients WHERE id = $1", {patient_id});
  if (rows.empty()) return std::nullopt;
  return parse_date(rows[0].text(0));
}

std::optional<std::string> Reader::patient_of_record(const std::string& record_type, const std::string& id) {
  auto rows = db_.query(
      "SELECT patient_id FROM resource_versions WHERE type = $1 AND id = $2 AND patient_id IS NOT NULL LIMIT 1",
      {record_type, id});
  if (rows.empty()) return std::nullopt;
  return rows[0].text(0);
}

std::int64_t Reader::count(const char* record_type) {
  return db_.query("SELECT COUNT(DISTINCT id) FROM resource_versions WHERE type = $1", {std::string(record_type)})
      .at(0)
      .int64(0);
}

namespace {
ProgramRecord program_record_from(const SqlRow& r) {
  return ProgramRecord{RecordMeta{r.text(0), r.int64(1), r.text(2), Instant{r.int64(3)}, r.text(4)}, r.text(6),
                       r.text(7), Instant{r.int64(8)}, r.text(5)};
}
constexpr const char* kProgramColumns =
    "r.id, r.version, r.site_id, r.recorded_at, r.recorded_by, r.body, p.patient_id, p.status, p.at";
}  // namespace

std::optional<ProgramRecord> Reader::program_record(const std::string& type, const std::string& id) {
  auto rows = db_.query(std::string("SELECT ") + kProgramColumns +
                            " FROM program_records p JOIN resource_versions r ON r.type = p.type AND r.id = p.id AND "
                            "r.version = p.version WHERE p.type = $1 AND p.id = $2",
                        {type, id});
  if (rows.empty()) return std::nullopt;
  return program_record_from(rows[0]);
}

std::vector<ProgramRecord> Reader::program_record_history(const std::string& type, const std::string& id) {
  std::vector<ProgramRecord> out;
  for (const auto& row : db_.query(std::string("SELECT ") + kProgramColumns +
                                       " FROM program_records p JOIN resource_versions r ON r.type = p.type AND "
                                       "r.id = p.id WHERE p.type = $1 AND p.id = $2 ORDER BY r.version DESC",
                                   {type, id}))
    out.push_back(program_record_from(row));
  return out;
}

bool Reader::has_program_record(const std::string& type, const std::string& patient_id, const std::string& status) {
  return !db_.query("SELECT 1 FROM program_records WHERE type = $1 AND patient_id = $2 AND status = $3 LIMIT 1",
                    {type, patient_id, status})
              .empty();
}

std::vector<ProgramRecord> Reader::program_records(const ProgramRecordQuery& q) {
  std::vector<SqlValue> params{q.type};
  std::string where = "p.type = $1";
  if (q.patient_id) where += " AND p.patient_id = " + param(params, *q.patient_id);
  if (q.status) where += " AND p.status = " + param(params, *q.status);
  std::vector<ProgramRecord> out;
  for (const auto& row : db_.query(std::string("SELECT ") + kProgramColumns +
                                       " FROM program_records p JOIN resource_versions r ON r.type = p.type AND "
                                       "r.id = p.id AND r.version = p.version WHERE " + where +
                                       " ORDER BY p.at DESC, p.id DESC LIMIT " + param(params, std::int64_t{q.limit}),
                                   params))
    out.push_back(program_record_from(row));
  return out;
}

std::optional<Site> Reader::site(const std::string& id) {
  auto rows = db_.query("SELECT id, name, time_zone, synthetic FROM sites WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return Site{rows[0].text(0), rows[0].text(1), rows[0].text(2), rows[0].int64(3) != 0};
}

std::vector<Site> Reader::sites() {
  std::vector<Site> out;
  for (auto& r : db_.query("SELECT id, name, time_zone, synthetic FROM sites ORDER BY id"))
    out.push_back(Site{r.text(0), r.text(1), r.text(2), r.int64(3) != 0});
  return out;
}

std::optional<UserAccount> Reader::user_by_name(const std::string& username) {
  // Names are unique regardless of case (Transaction::add_user), so "Nurse.Kim" is nurse.kim.
  auto rows = db_.query(std::string("SELECT ") + kUserColumns + " FROM users WHERE lower(username) = lower($1)", {username});
  if (rows.empty()) return std::nullopt;
  return user_from(rows[0]);
}

std::optional<UserAccount> Reader::user_by_id(const std::string& id) {
  auto rows = db_.query(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return user_from(rows[0]);
}

std::vector<UserAccount> Reader::users() {
  std::vector<UserAccount> out;
  for (auto& r : db_.query(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY username"))
    out.push_back(user_from(r));
  return out;
}

std::optional<SessionRecord> Reader::session(const std::string& token_hash) {
  auto rows = db_.query(
      "SELECT token_hash, user_id, csrf, created_at, expires_at, revoked FROM sessions WHERE token_hash = $1",
      {token_hash});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return SessionRecord{r.text(0), r.text(1), r.text(2), Instant{r.int64(3)}, Instant{r.int64(4)}, r.int64(5) != 0};
}

std::vector<AuditEntry> Reader::audit(const AuditQuery& q) {
  std::vector<SqlValue> params;
  std::string where = "1 = 1";
  if (q.patient_id) where += " AND patient_id = " + param(params, *q.patient_id);
  if (q.before_seq) where += " AND seq < " + param(params, *q.before_seq);
  std::vector<AuditEntry> out;
  for (auto& r : db_.query("SELECT seq, at, username, role, patient_id, action, resource_type, resource_id, client, "
                           "outcome FROM audit_log WHERE " + where + " ORDER BY seq DESC LIMIT " +
                               param(params, std::int64_t{q.limit}),
                           params))
    out.push_back(audit_from(r));
  return out;
}

}  // namespace relief
