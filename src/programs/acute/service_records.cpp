#include "programs/acute/service_records.hpp"

#include <boost/json.hpp>

#include "core/record_json.hpp"

namespace relief::acute {
namespace {
namespace json = boost::json;

template <class T> struct Kind;
template <> struct Kind<AcuteConsult> {
  static constexpr const char* type = "AcuteConsult";
  static std::string status(const AcuteConsult& c) { return json::value_from(c.status).as_string().c_str(); }
  static Instant at(const AcuteConsult& c) { return c.requested_at; }
};
template <> struct Kind<OrderRecord> {
  static constexpr const char* type = "AcuteOrder";
  static std::string status(const OrderRecord& o) { return json::value_from(o.status).as_string().c_str(); }
  static Instant at(const OrderRecord& o) { return o.started; }
};
template <> struct Kind<AlertRecord> {
  static constexpr const char* type = "AcuteAlert";
  static std::string status(const AlertRecord& a) { return json::value_from(a.status).as_string().c_str(); }
  static Instant at(const AlertRecord& a) { return a.alert.observed_at; }
};

template <class T>
void put_typed(Transaction& tx, T& record, std::optional<std::int64_t> expected) {
  ProgramRecord stored{record.meta, record.patient_id, Kind<T>::status(record), Kind<T>::at(record),
                       json::serialize(json::value_from(record))};
  tx.put_program_record(Kind<T>::type, stored, expected);
  record.meta = stored.meta;
}

template <class T>
T from_stored(const ProgramRecord& r) {
  T record = record_from_json<T>(r.body);
  record.meta = r.meta;
  return record;
}

}  // namespace

void put(Transaction& tx, AcuteConsult& c, std::optional<std::int64_t> e) { put_typed(tx, c, e); }
void put(Transaction& tx, OrderRecord& o, std::optional<std::int64_t> e) { put_typed(tx, o, e); }
void put(Transaction& tx, AlertRecord& a, std::optional<std::int64_t> e) { put_typed(tx, a, e); }

template <class T>
std::optional<T> get(Reader& r, const std::string& id) {
  auto stored = r.program_record(Kind<T>::type, id);
  if (!stored) return std::nullopt;
  return from_stored<T>(*stored);
}

bool has_active_consult(Reader& r, const std::string& patient_id) {
  return r.has_program_record(Kind<AcuteConsult>::type, patient_id, "active");
}

template <class T>
std::vector<T> list(Reader& r, std::optional<std::string> patient_id, std::optional<std::string> status) {
  std::vector<T> out;
  for (const auto& stored : r.program_records(ProgramRecordQuery{Kind<T>::type, patient_id, status, 2000}))
    out.push_back(from_stored<T>(stored));
  return out;
}

template <class T>
std::vector<T> history(Reader& r, const std::string& id) {
  std::vector<T> out;
  for (const auto& stored : r.program_record_history(Kind<T>::type, id)) out.push_back(from_stored<T>(stored));
  return out;
}

template std::vector<OrderRecord> history<OrderRecord>(Reader&, const std::string&);
template std::optional<AcuteConsult> get<AcuteConsult>(Reader&, const std::string&);
template std::optional<OrderRecord> get<OrderRecord>(Reader&, const std::string&);
template std::optional<AlertRecord> get<AlertRecord>(Reader&, const std::string&);
template std::vector<AcuteConsult> list<AcuteConsult>(Reader&, std::optional<std::string>, std::optional<std::string>);
template std::vector<OrderRecord> list<OrderRecord>(Reader&, std::optional<std::string>, std::optional<std::string>);
template std::vector<AlertRecord> list<AlertRecord>(Reader&, std::optional<std::string>, std::optional<std::string>);

}  // namespace relief::acute
