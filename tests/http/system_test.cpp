// What hospital IT monitors and integrates against: liveness, metrics, the FHIR capability
// statement, and the limits of the API.
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "http_test_support.hpp"

namespace relief::testing {
namespace {

// The status line a raw request gets: for requests the test client will not send (no Host,
// fields too large for it).
std::string raw_status_line(unsigned short port, const std::string& request) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  boost::system::error_code ec;
  boost::asio::write(socket, boost::asio::buffer(request), ec);
  std::string answer(64, '\0');
  answer.resize(socket.read_some(boost::asio::buffer(answer), ec));
  return answer.substr(0, answer.find("\r\n"));
}

class System : public ServerSuite {};

TEST_F(System, HealthzIsOk) {
  auto r = client().get("/healthz");
  ASSERT_EQ(r.status, 200) << r.describe();
  std::string body = r.body;
  while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.pop_back();
  EXPECT_EQ(body, "ok");
}

// Readiness reads the database (an operator saw /healthz say "ok" while PostgreSQL was down and
// every request was 503): here the database is up, so it is ready, without signing in.
TEST_F(System, ReadyzReadsTheDatabase) {
  auto r = client().get("/readyz");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(r.body, "ready\n");
}

// A terminal or log collector that stops reading (here a pipe nobody reads) must not stall
// clinical requests: once the log's queue (16,384 lines) and the pipe are full, the oldest lines
// are dropped and counted, every request is still answered, and SIGTERM still stops the server
// cleanly although its output is never read (the log gets 3 s to flush, then is left behind).
// (With a blocking log the request after the queue filled was never answered.)
TEST(SystemLog, AStuckLogOutputDropsLinesInsteadOfStallingRequests) {
  ServerProcess server(backend_from_environment(), {}, ServerOutput::stuck_pipe);
  HttpClient client(server.port(), "127.0.0.1", std::chrono::seconds(10));
  for (int i = 0; i < 20000; ++i) {
    auto r = client.get("/healthz");
    ASSERT_EQ(r.status, 200) << "request " << i << ": " << r.describe();
  }
  auto metrics = client.get("/metrics");
  ASSERT_EQ(metrics.status, 200) << metrics.describe();
  const std::string name = "\nrelief_log_lines_dropped_total ";
  auto pos = metrics.body.find(name);
  ASSERT_NE(pos, std::string::npos) << metrics.body;
  EXPECT_GT(std::stol(metrics.body.substr(pos + name.size())), 0) << "20,000 request lines into a full pipe";
  auto status = server.stop();
  EXPECT_TRUE(status.exited && status.code == 0) << status.describe();
}

// PostgreSQL goes down under a running server: every answer is 503 with Retry-After (the
// session re-check's failure was a 500 "internal error"), and once it is back the server serves
// again without a restart. Its own cluster: stopping the shared one would fail every other test.
TEST(SystemDatabase, AnOutageIs503AndServingResumesWhenTheDatabaseIsBack) {
  if (backend_from_environment() != Backend::postgres)
    GTEST_SKIP() << "an outage of the database server is a PostgreSQL event; SQLite is a file inside the server";
  const std::string dir = temp_directory("relief-outage");
  const std::string script = RELIEF_PG_TEST_SERVER;
  ASSERT_EQ(std::system((script + " start " + dir + "/pg > /dev/null").c_str()), 0);
  std::ifstream url_file(dir + "/pg/url");
  std::string url;
  std::getline(url_file, url);
  const std::string port = url.substr(url.rfind(':') + 1, url.rfind('/') - url.rfind(':') - 1);
  const std::string pg_ctl = "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl -D " + dir + "/pg/data";
  const std::string as_owner = geteuid() == 0 ? "runuser -u postgres -- " : "";
  auto pg = [&](const std::string& what) { return std::system((as_owner + pg_ctl + " -w " + what + " > /dev/null").c_str()); };

  const char* shared = std::getenv("RELIEF_TEST_PG_URL");
  const std::string shared_url = shared ? shared : "";
  setenv("RELIEF_TEST_PG_URL", url.c_str(), 1);
  auto server = std::make_unique<ServerProcess>(Backend::postgres);
  if (shared_url.empty()) unsetenv("RELIEF_TEST_PG_URL");
  else setenv("RELIEF_TEST_PG_URL", shared_url.c_str(), 1);

  HttpClient client(server->port());
  auto signed_in = login(client, username_for(Role::nurse), kTestPassword);
  ASSERT_EQ(signed_in.status, 200) << signed_in.describe();
  const HeaderList bearer{{"Authorization", "Bearer " + str(signed_in.json(), "/token")}};
  const std::string target = "/fhir/Practitioner/" + server->practitioner_id();
  ASSERT_EQ(client.get(target, bearer).status, 200);

  ASSERT_EQ(pg("-m fast stop"), 0);
  std::this_thread::sleep_for(std::chrono::seconds(6));  // past the session's 5 s re-check
  for (int i = 0; i < 3; ++i) {
    auto down = client.get(target, bearer);
    EXPECT_EQ(down.status, 503) << down.describe();
    EXPECT_TRUE(down.header("Retry-After").has_value()) << down.describe();
  }
  ASSERT_EQ(pg("-l " + dir + "/pg/server.log -o '-p " + port + " -k " + dir + "/pg -c listen_addresses=127.0.0.1' start"), 0);
  // Back: the first reads are answered, each on a new connection where the pooled one died with
  // the old server (each dead connection cost a 503).
  for (int i = 0; i < 5; ++i) {
    auto back = client.get(target, bearer);
    EXPECT_EQ(back.status, 200) << "read " << i << " after the database came back: " << back.describe();
  }
  server.reset();
  std::system((script + " stop " + dir + "/pg > /dev/null").c_str());
  std::filesystem::remove_all(dir);
}

// Every made-up method became a series of its own: /metrics and the server's memory grew without
// limit for anyone, signed in or not. They are counted together as "other".
TEST(SystemMetrics, MadeUpMethodsAreOneSeriesNotOneEach) {
  ServerProcess server(backend_from_environment());
  HttpClient client(server.port());
  for (int i = 0; i < 50; ++i) {
    auto r = client.request("M" + std::to_string(100000 + i) + "XYZ", "/healthz");
    ASSERT_GE(r.status, 400) << r.describe();
    ASSERT_LT(r.status, 500) << r.describe();
  }
  auto metrics = client.get("/metrics");
  ASSERT_EQ(metrics.status, 200) << metrics.describe();
  EXPECT_EQ(metrics.body.find("M100000XYZ"), std::string::npos) << "a made-up method has a series of its own";
  EXPECT_NE(metrics.body.find("method=\"other\""), std::string::npos) << metrics.body;
  EXPECT_NE(client.get("/metrics").body.find("method=\"GET\""), std::string::npos) << "the known methods keep their own";
}

// `--demo` on a site's real database (it has accounts, here one per role) wrote the synthetic
// site, staff and accounts until it failed halfway, and nothing can be deleted: the site then
// said "SYNTHETIC DEMO" for good. It must refuse before writing anything.
// A SQLite database Relief creates, its write-ahead log (SQLite gives it the database's mode)
// and a backup hold patient data: only the account running Relief reads them. An outside probe
// found them created 0644 under the usual umask.
TEST(SystemFiles, DatabasesAndBackupsAreReadableByTheServiceAccountOnly) {
  char tmpl[] = "/tmp/relief-files-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  const std::string relief = RELIEF_BINARY;
  ASSERT_EQ(std::system((relief + " migrate --db " + dir + "/site.db > /dev/null").c_str()), 0);
  ASSERT_EQ(std::system((relief + " backup --db " + dir + "/site.db --out " + dir + "/copy.db > /dev/null").c_str()), 0);
  for (const std::string file : {"/site.db", "/copy.db"}) {
    struct stat st {};
    ASSERT_EQ(stat((dir + file).c_str(), &st), 0) << file;
    EXPECT_EQ(st.st_mode & 0077, 0u) << file << " has mode " << std::oct << (st.st_mode & 0777);
  }
  std::filesystem::remove_all(dir);
}

// A backup stopped half-way (Ctrl-C, SIGTERM, the disk full) left a file under the backup's own
// name that opened as an empty database: a server started on it served an empty site. Here the
// backup waits on a database another process holds locked, and is stopped: nothing is left.
TEST(SystemFiles, AnInterruptedBackupLeavesNoFileBehind) {
  const std::string dir = temp_directory("relief-backup");
  const std::string relief = RELIEF_BINARY;
  ASSERT_EQ(std::system((relief + " migrate --db " + dir + "/site.db > /dev/null").c_str()), 0);
  sqlite3* holder = nullptr;
  ASSERT_EQ(sqlite3_open((dir + "/site.db").c_str(), &holder), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(holder, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; CREATE TABLE held(x);", nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(holder);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    execl(relief.c_str(), relief.c_str(), "backup", "--db", (dir + "/site.db").c_str(), "--out", (dir + "/copy.db").c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(700));  // well into its wait for the lock
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  sqlite3_close(holder);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) << "status " << status;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    EXPECT_FALSE(name.starts_with("copy.db")) << name << " was left behind";
  }
  // Uninterrupted, the copy appears under its name, whole.
  ASSERT_EQ(std::system((relief + " backup --db " + dir + "/site.db --out " + dir + "/copy.db > /dev/null").c_str()), 0);
  EXPECT_EQ(std::system((relief + " user list --db " + dir + "/copy.db > /dev/null").c_str()), 0);
  std::filesystem::remove_all(dir);
}

TEST(SystemDemo, TheDemoIsNeverBuiltIntoADatabaseWithAccounts) {
  try {
    ServerProcess server(backend_from_environment(), {"--demo"});
    ADD_FAILURE() << "the server started with --demo on a database that has accounts";
  } catch (const std::exception& e) {
    std::string output = e.what();
    EXPECT_NE(output.find("already has user accounts and is not a demo site"), std::string::npos) << output;
    EXPECT_NE(output.find("nothing was written"), std::string::npos) << output;
    EXPECT_EQ(output.find("Building the synthetic demo site"), std::string::npos) << output;
  }
}

// Behind a hospital's proxy the links must name the address clients use, whatever Host a
// request arrives with (relief serve --public-url).
TEST(SystemPublicUrl, LinksStartWithThePublicUrlNotTheRequestsHost) {
  ServerProcess server(backend_from_environment(), {"--public-url", "https://relief.hospital.example/"});
  HttpClient client(server.port());
  auto signed_in = login(client, username_for(Role::nurse), kTestPassword);
  ASSERT_EQ(signed_in.status, 200) << signed_in.describe();
  HeaderList auth{{"Authorization", "Bearer " + str(signed_in.json(), "/token")}, {"Host", "elsewhere.example:8080"}};
  auto created = client.post("/fhir/Patient", json_text(patient_resource(PatientSpec{})), auth);
  ASSERT_EQ(created.status, 201) << created.describe();
  EXPECT_TRUE(created.header("Location").value_or("").starts_with("https://relief.hospital.example/fhir/Patient/"))
      << created.describe();
  auto page = client.get("/fhir/Patient?_count=1", auth);
  EXPECT_TRUE(bundle_link(page.json(), "self").value_or("").starts_with("https://relief.hospital.example/fhir/Patient?"))
      << page.describe();
}

TEST_F(System, MetricsExposeRequestAndCommitCounters) {
  create_patient();  // at least one commit and one counted request
  auto r = client().get("/metrics");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_TRUE(r.header("Content-Type").value_or("").starts_with("text/plain"));
  EXPECT_NE(r.body.find("relief_http_requests_total{method=\"POST\",status=\"201\"}"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("# TYPE relief_http_requests_total counter"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("relief_store_commits_total "), std::string::npos) << r.body;
  auto pos = r.body.find("\nrelief_store_commits_total ");
  ASSERT_NE(pos, std::string::npos);
  long commits = std::stol(r.body.substr(pos + std::string("\nrelief_store_commits_total ").size()));
  EXPECT_GE(commits, 1) << "creating a patient committed at least once";
}

// /metrics was open to anyone who could reach the sign-in page. It is served to this host's own
// clients (the bench script, a local agent), and to a remote Prometheus only with the token of
// --metrics-token-file; a request through a proxy is not local, whatever address it comes from.
TEST(SystemMetricsAccess, OnlyLocalClientsOrTheTokenReadMetrics) {
  char folder[] = "/tmp/relief-metrics-XXXXXX";
  ASSERT_NE(mkdtemp(folder), nullptr);
  const std::string token_file = std::string(folder) + "/token";
  std::ofstream(token_file) << "prometheus-scrape-token-0123456789\n";
  ServerProcess server(backend_from_environment(), {"--metrics-token-file", token_file});
  HttpClient client(server.port());
  EXPECT_EQ(client.get("/metrics").status, 200);
  auto proxied = client.get("/metrics", HeaderList{{"X-Forwarded-For", "203.0.113.9"}});
  EXPECT_EQ(proxied.status, 401) << proxied.describe();
  EXPECT_TRUE(proxied.header("WWW-Authenticate").has_value());
  EXPECT_EQ(proxied.body.find("relief_http_requests_total"), std::string::npos);
  auto wrong = client.get("/metrics", HeaderList{{"X-Forwarded-For", "203.0.113.9"}, {"Authorization", "Bearer guess"}});
  EXPECT_EQ(wrong.status, 401);
  auto scraped = client.get("/metrics", HeaderList{{"X-Forwarded-For", "203.0.113.9"},
                                                   {"Authorization", "Bearer prometheus-scrape-token-0123456789"}});
  EXPECT_EQ(scraped.status, 200) << scraped.describe();
  EXPECT_NE(scraped.body.find("relief_http_requests_total"), std::string::npos);
  std::filesystem::remove_all(folder);
}

TEST_F(System, MetadataIsACapabilityStatementForR4) {
  auto r = client().get("/fhir/metadata");
  ASSERT_EQ(r.status, 200) << r.describe();
  auto body = r.json();
  EXPECT_EQ(str(body, "/resourceType"), "CapabilityStatement");
  EXPECT_EQ(str(body, "/fhirVersion"), "4.0.1");
  EXPECT_EQ(str(body, "/kind"), "instance");
  std::vector<std::string> types;
  for (const auto& res : body.at_pointer("/rest/0/resource").as_array()) types.push_back(str(res, "/type"));
  for (const char* t : {"Patient", "Practitioner", "Observation"}) EXPECT_TRUE(contains(types, t)) << t;
  EXPECT_TRUE(r.header("Content-Type").value_or("").starts_with("application/fhir+json"));
}

TEST_F(System, SiteIsPublic) {
  auto r = client().get("/api/v1/site");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(str(r.json(), "/name"), "Relief HTTP test site");
  EXPECT_FALSE(r.json().at("synthetic").as_bool());
}

TEST_F(System, BodyOverOneMebibyteIs413) {
  const std::string patient = create_patient();
  // A scanned consent form pasted into a note: far too big for an observation.
  auto resource = pain_observation(patient, std::int64_t{3}, minutes_ago(5));
  resource["note"] = json::array{json::object{{"text", std::string((1 << 20) + 1, 'x')}}};
  auto r = client().post("/fhir/Observation", json_text(resource), as(Role::nurse));
  ASSERT_EQ(r.status, 413) << r.describe();
  EXPECT_EQ(str(r.json(), "/resourceType"), "OperationOutcome") << "a FHIR client gets FHIR errors: " << r.describe();
  EXPECT_EQ(str(r.json(), "/issue/0/code"), "too-long");
  auto found = search("/fhir/Observation?subject=Patient/" + patient);
  EXPECT_TRUE(entry_ids(found).empty()) << "nothing of an oversized request is saved";
  // The server keeps serving.
  EXPECT_EQ(client().get("/healthz").status, 200);
}

TEST_F(System, AnOverlongTargetIs414AndOverlongHeadersAre431) {
  auto long_target = client().get("/fhir/Patient?name=" + std::string(40 * 1024, 'a'), as(Role::physician));
  ASSERT_EQ(long_target.status, 414) << long_target.describe();
  EXPECT_EQ(str(long_target.json(), "/resourceType"), "OperationOutcome");
  HeaderList headers = as(Role::physician);
  headers.emplace_back("X-Padding", std::string(40 * 1024, 'b'));
  auto long_headers = client().get("/api/v1/site", headers);
  ASSERT_EQ(long_headers.status, 431) << long_headers.describe();
  EXPECT_EQ(str(long_headers.json(), "/error/code"), "too-long");
  // Longer than one read of the socket: still the headers, not the target (an outside probe got
  // 414 for a 70 KB header) ... and a target longer than that is still the target. Sent raw: the
  // test client itself refuses fields this large.
  auto status_of = [&](const std::string& request) { return raw_status_line(server().port(), request); };
  EXPECT_EQ(status_of("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(100 * 1024, 'b') + "\r\n\r\n"),
            "HTTP/1.1 431 Request Header Fields Too Large");
  EXPECT_EQ(status_of("GET /healthz?q=" + std::string(100 * 1024, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n"),
            "HTTP/1.1 414 URI Too Long");
  EXPECT_EQ(client().get("/healthz").status, 200);
}

TEST_F(System, AHostHeaderThatIsNoHostAndATargetThatIsNoUtf8Are400) {
  // The Host header becomes every link's base; invalid bytes in a URL would reach the audit log.
  HeaderList forged = as(Role::physician);
  forged.emplace_back("Host", "\"><script>alert(1)</script>");
  EXPECT_EQ(client().get("/fhir/Patient?_count=1", forged).status, 400);
  auto bytes = client().get("/fhir/Patient/%FF%FE", as(Role::physician));
  EXPECT_EQ(bytes.status, 400) << bytes.describe();
  EXPECT_EQ(client().get("/fhir/Observation?subject=Patient/%C0%22%7D", as(Role::physician)).status, 400);
  EXPECT_EQ(client().get("/fhir/Patient?name=Zo%C3%AB&_count=1", as(Role::physician)).status, 200);  // real UTF-8

  // RFC 9112 3.2: an HTTP/1.1 request with no Host at all is 400 (it was served, its links
  // naming "localhost"); HTTP/1.0 did not have to send one.
  auto status_of = [&](const std::string& request) { return raw_status_line(server().port(), request); };
  EXPECT_EQ(status_of("GET /healthz HTTP/1.1\r\n\r\n"), "HTTP/1.1 400 Bad Request");
  EXPECT_EQ(status_of("GET /healthz HTTP/1.0\r\n\r\n"), "HTTP/1.0 200 OK");
}

TEST_F(System, UnknownPathsAre404) {
  auto fhir = client().get("/fhir/Medication", as(Role::physician));  // a type Relief does not serve
  ASSERT_EQ(fhir.status, 404) << fhir.describe();
  EXPECT_EQ(str(fhir.json(), "/resourceType"), "OperationOutcome");
  EXPECT_EQ(str(fhir.json(), "/issue/0/code"), "not-found");

  auto api = client().get("/api/v1/no-such-thing", as(Role::admin));
  ASSERT_EQ(api.status, 404) << api.describe();
  EXPECT_EQ(str(api.json(), "/error/code"), "not-found");
}

TEST_F(System, DeleteIs405AndTheRecordStays) {
  const std::string id = create_patient();
  auto r = client().request("DELETE", "/fhir/Patient/" + id, "", as(Role::admin));
  ASSERT_EQ(r.status, 405) << r.describe();
  EXPECT_EQ(str(r.json(), "/resourceType"), "OperationOutcome");
  auto allow = r.header("Allow").value_or("");
  EXPECT_NE(allow.find("GET"), std::string::npos) << allow;
  EXPECT_NE(allow.find("PUT"), std::string::npos) << allow;
  EXPECT_EQ(allow.find("DELETE"), std::string::npos) << allow;

  auto still = client().get("/fhir/Patient/" + id, as(Role::physician));
  EXPECT_EQ(still.status, 200) << "records are never destroyed: " << still.describe();

  auto obs_id = create_observation(pain_observation(id, std::int64_t{6}, minutes_ago(5)));
  EXPECT_EQ(client().request("DELETE", "/fhir/Observation/" + obs_id, "", as(Role::admin)).status, 405);
  EXPECT_EQ(client().get("/fhir/Observation/" + obs_id, as(Role::physician)).status, 200);
}

}  // namespace
}  // namespace relief::testing
