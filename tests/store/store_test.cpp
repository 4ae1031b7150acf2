// The store's contract, run on SQLite and on PostgreSQL: versioning, search, audit, group
// commit, and the append-only guarantees.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/errors.hpp"
#include "core/measure_definitions.hpp"
#include "store/schema.hpp"
#include "store/store.hpp"
#include "test_database.hpp"

namespace relief {
namespace {

using testing::Backend;
using testing::TestDatabase;

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    store_ = Store::open(db_->url());
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
  }

  Patient child(const std::string& mrn, const std::string& family = "Okafor", const char* birth = "2015-06-15") {
    Patient p;
    p.mrn = mrn;
    p.family = family;
    p.given = {"Ada", "Grace"};
    p.birth_date = *parse_date(birth);
    p.sex = Sex::female;
    return p;
  }

  Patient create(Patient p) {
    store_->write(nurse_, [&](Transaction& tx) { tx.put(p); });
    return p;
  }

  // The MRNs a patient search finds, sorted.
  std::vector<std::string> mrns_found(const PatientQuery& q) {
    std::vector<std::string> out;
    store_->read([&](Reader& r) {
      for (auto& p : r.find_patients(q)) out.push_back(p.mrn);
    });
    std::sort(out.begin(), out.end());
    return out;
  }

  Observation pain(const std::string& patient, double value, const char* when) {
    Observation o;
    o.patient_id = patient;
    o.code = Coding{std::string(kLoinc), "72514-3", "Pain NRS"};
    o.category = "survey";
    o.value = value;
    o.unit = "{score}";
    o.reporter = Reporter::self;
    o.effective = *parse_instant(when);
    store_->write(nurse_, [&](Transaction& tx) { tx.put(o); });
    return o;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Store> store_;
  Actor nurse_{"nurse.kim", Role::nurse, "10.0.0.7"};
};

TEST_P(StoreTest, CreatesVersionOneAndReadsItBack) {
  auto p = create(child("M100"));
  EXPECT_EQ(p.meta.version, 1);
  EXPECT_EQ(p.meta.id.size(), 32u);
  EXPECT_EQ(p.meta.recorded_by, "nurse.kim");
  std::optional<Patient> read;
  store_->read([&](Reader& r) { read = r.get<Patient>(p.meta.id); });
  ASSERT_TRUE(read);
  EXPECT_EQ(read->mrn, "M100");
  EXPECT_EQ(read->given, (std::vector<std::string>{"Ada", "Grace"}));
  EXPECT_EQ(format_date(read->birth_date), "2015-06-15");
  EXPECT_EQ(read->sex, Sex::female);
  EXPECT_EQ(read->meta.version, 1);
}

TEST_P(StoreTest, ACorrectionIsANewVersionAndTheOldOneStays) {
  auto p = create(child("M101"));
  p.family = "Okafor-Smith";
  store_->write(nurse_, [&](Transaction& tx) { tx.put(p, 1); });
  EXPECT_EQ(p.meta.version, 2);
  std::optional<Patient> v1, current;
  std::vector<Patient> history;
  store_->read([&](Reader& r) {
    v1 = r.get_version<Patient>(p.meta.id, 1);
    current = r.get<Patient>(p.meta.id);
    history = r.history<Patient>(p.meta.id);
  });
  EXPECT_EQ(v1->family, "Okafor");
  EXPECT_EQ(current->family, "Okafor-Smith");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].meta.version, 2);
  EXPECT_EQ(history[1].meta.version, 1);
}

// An Observation's subject is checked against this on every chart write.
TEST_P(StoreTest, APatientsBirthDateIsTheCurrentVersions) {
  auto p = create(child("M105"));
  const Date first = p.birth_date;
  p.birth_date = *parse_date("2017-03-04");  // a registration typo corrected
  store_->write(nurse_, [&](Transaction& tx) { tx.put(p, 1); });
  std::optional<Date> born, nobody;
  store_->read([&](Reader& r) {
    born = r.patient_birth_date(p.meta.id);
    nobody = r.patient_birth_date("0123456789abcdef0123456789abcdef");
  });
  ASSERT_TRUE(born);
  EXPECT_EQ(format_date(*born), "2017-03-04");
  EXPECT_NE(format_date(first), "2017-03-04");
  EXPECT_FALSE(nobody);
}

// One write that touches a thousand existing pages (a correction of every patient at once, as
// an import or a migration does) outgrows the in-memory savepoint journal and spills it to a
// temporary file. With a larger in-memory limit SQLite 3.40 failed exactly this write with
// "database or disk is full" (sqlite_connection.cpp).
TEST_P(StoreTest, AWriteTouchingAThousandPagesCommits) {
  std::vector<Patient> patients;
  for (int batch = 0; batch < 30; ++batch)
    store_->write(nurse_, [&](Transaction& tx) {
      for (int i = 0; i < 200; ++i) {
        Patient p = child("BULK" + std::to_string(batch * 200 + i));
        tx.put(p);
        patients.push_back(p);
      }
    });
  store_->write(nurse_, [&](Transaction& tx) {
    for (auto& p : patients) {
      p.family = "Okafor-Adeyemi";
      tx.put(p, 1);
    }
  });
  std::optional<Patient> first, last;
  std::vector<Patient> found;
  store_->read([&](Reader& r) {
    first = r.get<Patient>(patients.front().meta.id);
    last = r.get<Patient>(patients.back().meta.id);
    found = r.find_patients(PatientQuery{.name = "adeyemi", .limit = 100});
  });
  EXPECT_EQ(first->family, "Okafor-Adeyemi");
  EXPECT_EQ(last->meta.version, 2);
  EXPECT_EQ(found.size(), 100u);
}

// Every pain score asks whether the child is on the acute pain service now: the current version
// of a consult counts, not an earlier one.
TEST_P(StoreTest, WhetherAPatientHasACurrentProgramRecordOfAStatus) {
  auto p = create(child("M106"));
  ProgramRecord consult{{}, p.meta.id, "active", Instant{1'700'000'000'000}, R"({"reason":"post-op"})"};
  store_->write(nurse_, [&](Transaction& tx) { tx.put_program_record("AcuteConsult", consult, std::nullopt); });
  auto has = [&](const std::string& type, const std::string& status) {
    bool found = false;
    store_->read([&](Reader& r) { found = r.has_program_record(type, p.meta.id, status); });
    return found;
  };
  EXPECT_TRUE(has("AcuteConsult", "active"));
  EXPECT_FALSE(has("AcuteOrder", "active"));
  consult.status = "completed";
  store_->write(nurse_, [&](Transaction& tx) { tx.put_program_record("AcuteConsult", consult, 1); });
  EXPECT_FALSE(has("AcuteConsult", "active"));
  EXPECT_TRUE(has("AcuteConsult", "completed"));
}

TEST_P(StoreTest, AStaleVersionIsRefused) {
  auto p = create(child("M102"));
  p.family = "First";
  store_->write(nurse_, [&](Transaction& tx) { tx.put(p, 1); });
  Patient stale = p;
  stale.family = "Second";
  EXPECT_THROW(store_->write(nurse_, [&](Transaction& tx) { tx.put(stale, 1); }), VersionConflict);
  std::optional<Patient> current;
  store_->read([&](Reader& r) { current = r.get<Patient>(p.meta.id); });
  EXPECT_EQ(current->family, "First");
  EXPECT_EQ(current->meta.version, 2);
}

TEST_P(StoreTest, UpdatingAnUnknownRecordIsNotFound) {
  Patient ghost = child("M103");
  ghost.meta.id = "0123456789abcdef0123456789abcdef";
  EXPECT_THROW(store_->write(nurse_, [&](Transaction& tx) { tx.put(ghost); }), NotFound);
}

TEST_P(StoreTest, TheMrnIsUniqueWithinASite) {
  create(child("M104"));
  EXPECT_THROW(create(child("M104", "Other")), DuplicateRecord);
  std::vector<Patient> found;
  store_->read([&](Reader& r) { found = r.find_patients(PatientQuery{.mrn = "M104"}); });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].family, "Okafor");
}

TEST_P(StoreTest, AFailedWriteInAGroupLeavesNothingBehindAndOthersCommit) {
  // Many writers at once land in shared commits; one that fails must not take the others down.
  std::atomic<int> ok{0}, refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i)
    threads.emplace_back([&, i] {
      try {
        create(child(i % 4 == 0 ? "DUP" : "G" + std::to_string(i)));
        ++ok;
      } catch (const DuplicateRecord&) {
        ++refused;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 13);       // 12 unique + the first DUP
  EXPECT_EQ(refused, 3);   // the other three DUPs
  std::int64_t count = 0, versions = 0;
  store_->read([&](Reader& r) {
    count = r.count("Patient");
    versions = r.connection().query("SELECT COUNT(*) FROM resource_versions WHERE type = 'Patient'").at(0).int64(0);
  });
  EXPECT_EQ(count, 13);
  EXPECT_EQ(versions, 13);  // no orphan version from a refused write
  EXPECT_LE(store_->stats().commits, 16u);
}

TEST_P(StoreTest, PatientSearchByNamePrefixBirthDateAndMrn) {
  create(child("S1", "Nguyen", "2012-01-05"));
  create(child("S2", "Nguyen-Tran", "2014-03-09"));
  auto p3 = child("S3", "Baker", "2012-01-05");
  p3.given = {"Nguyet"};
  create(p3);
  EXPECT_EQ(mrns_found({.name = "nguy"}), (std::vector<std::string>{"S1", "S2", "S3"}));  // family or given
  EXPECT_EQ(mrns_found({.family = "NGUYEN"}), (std::vector<std::string>{"S1", "S2"}));
  EXPECT_EQ(mrns_found({.born_from = parse_date("2012-01-05"), .born_before = parse_date("2012-01-06")}),
            (std::vector<std::string>{"S1", "S3"}));
  EXPECT_EQ(mrns_found({.born_from = parse_date("2013-01-01")}), (std::vector<std::string>{"S2"}));
  EXPECT_EQ(mrns_found({.born_before = parse_date("2014-03-09")}), (std::vector<std::string>{"S1", "S3"}));
  EXPECT_EQ(mrns_found({.name = "ada"}), (std::vector<std::string>{"S1", "S2"}));
  EXPECT_TRUE(mrns_found({.name = "%"}).empty());  // LIKE wildcards in input are literal
  // The name as a chart displays it, given first, or as a list writes it, family first.
  EXPECT_EQ(mrns_found({.name = "Ada Nguyen"}), (std::vector<std::string>{"S1", "S2"}));
  EXPECT_EQ(mrns_found({.name = "nguyen  ada"}), (std::vector<std::string>{"S1", "S2"}));
  EXPECT_EQ(mrns_found({.name = "Nguyet Baker"}), (std::vector<std::string>{"S3"}));
  EXPECT_TRUE(mrns_found({.name = "Ada Baker"}).empty());
}

// A referral letter in capitals: "MÜLLER" must find Jürgen Müller, on both stores.
TEST_P(StoreTest, NameSearchIgnoresCaseBeyondAscii) {
  auto p = child("U1", "Müller", "2013-06-01");
  p.given = {"Jürgen"};
  create(p);
  EXPECT_EQ(mrns_found({.name = "MÜLLER"}), std::vector<std::string>{"U1"});
  EXPECT_EQ(mrns_found({.name = "JÜRGEN müll"}), std::vector<std::string>{"U1"});
  EXPECT_EQ(mrns_found({.family = "MÜL"}), std::vector<std::string>{"U1"});
}

// FHIR string search ignores accents: a US keyboard types "Muller" for Müller. A hyphenated
// family name is found by either part.
TEST_P(StoreTest, NameSearchIgnoresAccentsAndFindsEachPartOfAHyphenatedName) {
  auto p = child("A1", "Müller", "2013-06-01");
  p.given = {"Jürgen"};
  create(p);
  auto q = child("A2", "Smith-Jones", "2013-06-01");
  q.given = {"Ada"};
  create(q);
  EXPECT_EQ(mrns_found({.name = "jurgen muller"}), std::vector<std::string>{"A1"});
  EXPECT_EQ(mrns_found({.family = "MULLER"}), std::vector<std::string>{"A1"});
  EXPECT_EQ(mrns_found({.name = "Jones"}), std::vector<std::string>{"A2"});
  EXPECT_EQ(mrns_found({.name = "ada smith"}), std::vector<std::string>{"A2"});
}

// Databases written before migration 4 had keys with accents: the migration rewrites them.
TEST_P(StoreTest, MigrationFourRekeysNamesWrittenBefore) {
  auto p = child("K1", "Østergård", "2013-06-01");
  create(p);
  auto conn = GetParam() == Backend::sqlite ? open_sqlite(db_->url(), true) : open_postgres(db_->url());
  conn->execute("UPDATE patients SET family_norm = $1, names_norm = $2", {std::string("østergård"), std::string(" østergård ada")});
  EXPECT_TRUE(mrns_found({.name = "ostergard"}).empty()) << "the old key should not match";
  conn->execute("DELETE FROM schema_migrations WHERE version = 4", {});
  EXPECT_EQ(migrate(*conn), 1);
  EXPECT_EQ(mrns_found({.name = "ostergard"}), std::vector<std::string>{"K1"});
}

// `relief user list --db invoices.db`, a mistyped path, added Relief's tables to another
// program's database. It is refused, naming what is there, and left as it was.
TEST_P(StoreTest, AnotherProgramsDatabaseIsRefusedAndLeftAlone) {
  TestDatabase other(GetParam());
  {
    auto conn = GetParam() == Backend::sqlite ? open_sqlite(other.url(), true) : open_postgres(other.url());
    conn->execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)");
  }
  try {
    Store::open(other.url());
    ADD_FAILURE() << "another program's database was opened and migrated";
  } catch (const SqlError& e) {
    EXPECT_NE(std::string(e.what()).find("another program's tables (invoices)"), std::string::npos) << e.what();
  }
  auto conn = GetParam() == Backend::sqlite ? open_sqlite(other.url(), true) : open_postgres(other.url());
  const char* count = GetParam() == Backend::sqlite
                          ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
                          : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()";
  EXPECT_EQ(conn->query(count).at(0).int64(0), 1) << "only the invoices table";
}

TEST_P(StoreTest, ObservationSearchByPatientCodeAndTimeWindow) {
  auto p = create(child("O1"));
  auto q = create(child("O2"));
  pain(p.meta.id, 7, "2024-03-01T08:00:00Z");
  pain(p.meta.id, 5, "2024-03-01T12:00:00Z");
  pain(p.meta.id, 3, "2024-03-02T08:00:00Z");
  pain(q.meta.id, 9, "2024-03-01T09:00:00Z");
  std::vector<Observation> found;
  ObservationQuery query;
  query.patient_id = p.meta.id;
  query.code = "72514-3";
  store_->read([&](Reader& r) { found = r.find_observations(query); });
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(*found[0].value, 3);  // newest first
  EXPECT_EQ(*found[2].value, 7);
  query.from = parse_instant("2024-03-01T10:00:00Z");
  query.to = parse_instant("2024-03-02T00:00:00Z");
  store_->read([&](Reader& r) { found = r.find_observations(query); });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(*found[0].value, 5);
  query = {};
  query.patient_id = p.meta.id;
  query.newest_first = false;
  query.limit = 2;
  query.offset = 1;
  store_->read([&](Reader& r) { found = r.find_observations(query); });
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(*found[0].value, 5);
  EXPECT_EQ(*found[1].value, 3);
}

TEST_P(StoreTest, LatestObservationSkipsEnteredInError) {
  auto p = create(child("L1"));
  pain(p.meta.id, 4, "2024-03-01T08:00:00Z");
  auto wrong = pain(p.meta.id, 9, "2024-03-01T09:00:00Z");
  wrong.status = ObservationStatus::entered_in_error;
  store_->write(nurse_, [&](Transaction& tx) { tx.put(wrong, 1); });
  std::optional<Observation> latest;
  std::vector<Observation> history;
  store_->read([&](Reader& r) {
    latest = r.latest_observation(p.meta.id, "72514-3");
    history = r.history<Observation>(wrong.meta.id);
  });
  ASSERT_TRUE(latest);
  EXPECT_EQ(*latest->value, 4);
  ASSERT_EQ(history.size(), 2u);  // the mistaken value is kept, marked, not destroyed
  EXPECT_EQ(history[0].status, ObservationStatus::entered_in_error);
  EXPECT_EQ(*history[1].value, 9);
}

TEST_P(StoreTest, EveryWriteIsAuditedInTheSameTransaction) {
  auto p = create(child("A1"));
  pain(p.meta.id, 6, "2024-03-01T08:00:00Z");
  std::vector<AuditEntry> entries;
  store_->read([&](Reader& r) { entries = r.audit({.patient_id = p.meta.id}); });
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "create");
  EXPECT_EQ(entries[0].resource_type, "Observation");
  EXPECT_EQ(entries[1].resource_type, "Patient");
  EXPECT_EQ(entries[1].username, "nurse.kim");
  EXPECT_EQ(entries[1].role, "nurse");
  EXPECT_EQ(entries[1].client, "10.0.0.7");
  EXPECT_GT(entries[0].seq, entries[1].seq);
}

TEST_P(StoreTest, ARolledBackWriteLeavesNoAuditEntry) {
  auto p = create(child("A2"));
  EXPECT_THROW(store_->write(nurse_,
                             [&](Transaction& tx) {
                               Observation o;
                               o.patient_id = p.meta.id;
                               o.code = Coding{std::string(kLoinc), "72514-3", ""};
                               o.effective = now();
                               tx.put(o);
                               throw ValidationError("value", "refused after the insert");
                             }),
               ValidationError);
  std::vector<AuditEntry> entries;
  std::int64_t observations = 0;
  store_->read([&](Reader& r) {
    entries = r.audit({.patient_id = p.meta.id});
    observations = r.count("Observation");
  });
  EXPECT_EQ(entries.size(), 1u);  // only the patient's creation
  EXPECT_EQ(observations, 0);
}

TEST_P(StoreTest, HistoryAndAuditCannotBeRewrittenEvenWithSql) {
  auto p = create(child("X1"));
  // Hand-typed SQL on a direct connection is refused by the database's own triggers.
  auto conn = GetParam() == Backend::sqlite ? open_sqlite(db_->url(), true) : open_postgres(db_->url());
  EXPECT_THROW(conn->execute("UPDATE resource_versions SET body = '{}'"), SqlError);
  EXPECT_THROW(conn->execute("DELETE FROM resource_versions"), SqlError);
  EXPECT_THROW(conn->execute("UPDATE audit_log SET username = 'someone-else'"), SqlError);
  EXPECT_THROW(conn->execute("DELETE FROM audit_log"), SqlError);
  if (GetParam() == Backend::postgres) {
    // TRUNCATE fires no row trigger: it emptied both tables past the ones above.
    EXPECT_THROW(conn->execute("TRUNCATE audit_log"), SqlError);
    EXPECT_THROW(conn->execute("TRUNCATE resource_versions CASCADE"), SqlError);
  }
  std::vector<AuditEntry> entries;
  std::optional<Patient> read;
  store_->read([&](Reader& r) {
    entries = r.audit({.patient_id = p.meta.id});
    read = r.get<Patient>(p.meta.id);
  });
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].username, "nurse.kim");
  EXPECT_EQ(read->mrn, "X1");
}

TEST_P(StoreTest, AWriteThatFailsInsideTheDatabaseFailsAloneInItsGroup) {
  // A job that swallows a database error must not take the other writers of its group down.
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      try {
        store_->write(nurse_, [&](Transaction& tx) {
          if (i == 3) {
            try {
              tx.connection().execute("DELETE FROM audit_log");
            } catch (const SqlError&) {
            }
          }
          Patient p = child("F" + std::to_string(i));
          tx.put(p);
        });
        ++ok;
      } catch (const std::exception&) {
        ++failed;
      }
    });
  for (auto& t : threads) t.join();
  std::int64_t count = 0;
  store_->read([&](Reader& r) { count = r.count("Patient"); });
  EXPECT_EQ(ok + failed, 8);
  EXPECT_GE(ok, 7);  // on PostgreSQL the swallowing job's transaction is aborted, so it fails
  EXPECT_EQ(count, ok.load());
}

TEST_P(StoreTest, AWriteIsVisibleToANewStoreAfterItReturns) {
  auto p = create(child("D1"));
  store_->close();
  store_.reset();
  auto reopened = Store::open(db_->url());
  std::optional<Patient> read;
  reopened->read([&](Reader& r) { read = r.get<Patient>(p.meta.id); });
  ASSERT_TRUE(read);
  EXPECT_EQ(read->mrn, "D1");
}

TEST_P(StoreTest, MigrationsAreRecordedAndRunOnce) {
  auto conn = GetParam() == Backend::sqlite ? open_sqlite(db_->url(), true) : open_postgres(db_->url());
  EXPECT_EQ(schema_version(*conn), migrations().back().version);
  EXPECT_EQ(migrate(*conn), 0);
}

// Servers started together on a new database: every step is applied exactly once, and none of
// them fails (on PostgreSQL two of four used to, colliding while creating schema_migrations).
TEST_P(StoreTest, ServersMigratingANewDatabaseAtOnceApplyEachStepOnce) {
  for (int round = 0; round < 3; ++round) {
    TestDatabase fresh(GetParam());
    std::atomic<int> applied{0}, failed{0};
    std::vector<std::thread> servers;
    for (int i = 0; i < 4; ++i)
      servers.emplace_back([&] {
        try {
          auto conn = GetParam() == Backend::sqlite ? open_sqlite(fresh.url(), true) : open_postgres(fresh.url());
          applied += migrate(*conn);
        } catch (const std::exception& e) {
          ++failed;
          ADD_FAILURE() << e.what();
        }
      });
    for (auto& t : servers) t.join();
    EXPECT_EQ(failed.load(), 0);
    EXPECT_EQ(applied.load(), static_cast<int>(migrations().size()));
  }
}

TEST_P(StoreTest, UsersSessionsAndSites) {
  UserAccount u;
  u.username = "dr.lee";
  u.role = Role::physician;
  u.password_hash = "$argon2id$not-a-real-hash";
  store_->write(nurse_, [&](Transaction& tx) {
    tx.put_site(Site{"main", "Children's Pain Service", "America/Chicago", false});
    tx.add_user(u);
    tx.put_session(SessionRecord{"hash1", u.id, "csrf1", now(), Instant{now().ms + 60'000}, false});
  });
  UserAccount dup = u;
  dup.id.clear();
  EXPECT_THROW(store_->write(nurse_, [&](Transaction& tx) { tx.add_user(dup); }), DuplicateRecord);
  store_->write(nurse_, [&](Transaction& tx) { tx.revoke_session("hash1"); });
  store_->read([&](Reader& r) {
    auto found = r.user_by_name("dr.lee");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->role, Role::physician);
    auto s = r.session("hash1");
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->revoked);
    EXPECT_EQ(r.site("main")->time_zone, "America/Chicago");
  });
}

TEST_P(StoreTest, EpisodesEncountersAndNotesAreVersionedRecords) {
  auto p = create(child("E1"));
  Episode e;
  e.patient_id = p.meta.id;
  e.program = Program::iipt;
  e.start = *parse_date("2024-04-01");
  e.reason = "complex regional pain syndrome";
  store_->write(nurse_, [&](Transaction& tx) { tx.put(e); });
  e.status = EpisodeStatus::finished;
  e.end = parse_date("2024-04-26");
  store_->write(nurse_, [&](Transaction& tx) { tx.put(e, 1); });
  std::vector<Episode> episodes;
  store_->read([&](Reader& r) { episodes = r.episodes_of(p.meta.id); });
  ASSERT_EQ(episodes.size(), 1u);
  EXPECT_EQ(episodes[0].program, Program::iipt);
  EXPECT_EQ(episodes[0].status, EpisodeStatus::finished);
  EXPECT_EQ(format_date(*episodes[0].end), "2024-04-26");
  EXPECT_EQ(episodes[0].meta.version, 2);
}

TEST_P(StoreTest, AVersionWrittenBeforeAFieldExistedStillReads) {
  // A body from an older Relief, without fields added since (here derived_from and note).
  auto p = create(child("B1"));
  std::string old_body = R"({"patient_id":")" + p.meta.id +
                         R"(","encounter_id":"","category":"survey","code":{"system":"http://loinc.org","code":"72514-3",)"
                         R"("display":""},"value":5,"unit":"{score}","method":"","reporter":"self","performer_id":"",)"
                         R"("effective":"2024-03-01T08:00:00.000Z","status":"final"})";
  auto conn = GetParam() == Backend::sqlite ? open_sqlite(db_->url(), true) : open_postgres(db_->url());
  conn->execute("INSERT INTO resource_versions (type, id, version, site_id, patient_id, body, recorded_at, recorded_by) "
                "VALUES ('Observation', 'old1', 1, 'main', $1, $2, 0, 'relief-0.0')",
                {p.meta.id, old_body});
  std::optional<Observation> o;
  store_->read([&](Reader& r) { o = r.get<Observation>("old1"); });
  ASSERT_TRUE(o);
  EXPECT_EQ(*o->value, 5);
  EXPECT_EQ(o->note, "");
  EXPECT_EQ(o->derived_from, "");
}

INSTANTIATE_TEST_SUITE_P(SQLite, StoreTest, ::testing::Values(Backend::sqlite));
INSTANTIATE_TEST_SUITE_P(PostgreSQL, StoreTest, ::testing::Values(Backend::postgres));

}  // namespace
}  // namespace relief
