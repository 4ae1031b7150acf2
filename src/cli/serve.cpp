#include <spdlog/async.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/asio/error.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/system/system_error.hpp>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <future>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "core/errors.hpp"
#include "cli/database_option.hpp"
#include "cli/demo_banner.hpp"
#include "demo/demo_site.hpp"
#include "http/app.hpp"
#include "http/forwarded_client.hpp"
#include "http/server.hpp"
#include "schedule/search_cancel.hpp"
#include "store/database_display.hpp"

namespace relief::cli {
namespace {

struct ServeOptions {
  std::string db = "relief.db";
  std::string listen = "127.0.0.1:8080";
  bool demo = false;
  std::string tls_cert, tls_key;
  std::string web_root = "web/dist";
  std::string port_file;
  std::string instrument_definitions, instrument_settings, formulary, acute_settings;
  std::string public_url;
  std::vector<std::string> trusted_proxies;
  std::string metrics_token_file;
  int workers = 64;
  int io_threads = 2;
  bool quiet = false;
};

// HOST:PORT with HOST an IP address ([::1] for IPv6): the server binds exactly that address.
void parse_listen(const std::string& listen, http::ServerConfig& config) {
  const std::string usage = "--listen takes IP:PORT, e.g. 127.0.0.1:8080, 0.0.0.0:443 or [::1]:8080";
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) throw std::runtime_error(usage + "; got '" + listen + "'");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  boost::system::error_code ec;
  boost::asio::ip::make_address(host, ec);
  if (ec)
    throw std::runtime_error("'" + host + "' is not an IP address (a name such as localhost is not resolved): " + usage);
  const std::string digits = listen.substr(colon + 1);
  int port = -1;
  auto [end, err] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (err != std::errc{} || end != digits.data() + digits.size() || digits.empty() || port < 0 || port > 65535)
    throw std::runtime_error("the port must be a number from 0 to 65535 (0: any free port): " + usage);
  config.host = host;
  config.port = static_cast<unsigned short>(port);
}

// The URL to print: an IPv6 address goes in brackets.
std::string url_host(const std::string& host) { return host.find(':') == std::string::npos ? host : "[" + host + "]"; }

void serve(const ServeOptions& o) {
  // An asynchronous log: the request log must not make every request wait on the terminal.
  // Non-blocking: when the terminal or log collector stops reading and the queue is full, the
  // oldest lines are dropped (counted in /metrics as relief_log_lines_dropped_total) rather
  // than stalling the network threads that answer clinicians. The audit trail is in the
  // database, not in this log.
  spdlog::init_thread_pool(16384, 1);
  auto logger = spdlog::create_async_nb<spdlog::sinks::stdout_color_sink_mt>("relief");
  spdlog::set_default_logger(logger);
  spdlog::set_level(o.quiet ? spdlog::level::warn : spdlog::level::info);

  StoreOptions store_options;
  if (o.demo) store_options.site_id = "demo";
  auto store = Store::open(o.db, store_options);
  std::int64_t patients = 0;
  std::vector<Site> sites;
  std::string refusal;
  store->read([&](Reader& r) {
    patients = r.count("Patient");
    sites = r.sites();
    refusal = demo_refusal(r);
  });
  // A demo database that already has its patients is simply served again; any other database
  // that is not empty is a real one, and the demo must not be mixed into it.
  bool demo_site = std::any_of(sites.begin(), sites.end(), [](const Site& s) { return s.synthetic; });
  if (o.demo && !refusal.empty() && !(demo_site && patients > 0))
    throw std::runtime_error(refusal + " and is not a demo site: --demo builds the synthetic site only on a new, "
                                       "empty database (give --db a new file name); nothing was written");
  if (o.demo && patients == 0) {
    std::cout << "Building the synthetic demo site (first start only)...\n" << std::flush;
    auto summary = build_demo_site(*store, DemoOptions{}, [](const std::string& line) { std::cerr << line << "\n"; });
    print_demo_summary(std::cout, summary, DemoOptions{}.password);
  } else if (sites.empty()) {
    store->write(Actor{"system", Role::admin, "local"},
                 [&](Transaction& tx) { tx.put_site(Site{store->site_id(), "Relief", "UTC", false}); });
  }

  http::ServerConfig config;
  parse_listen(o.listen, config);
  config.tls_cert_file = o.tls_cert;
  config.tls_key_file = o.tls_key;
  config.worker_threads = o.workers;
  config.io_threads = o.io_threads;
  config.on_stopping = schedule::cancel_all_searches;  // a solve answers with its best plan so far
  http::AppConfig app_config;
  app_config.web_root = o.web_root;
  app_config.instrument_definitions = o.instrument_definitions;
  app_config.instrument_settings = o.instrument_settings;
  app_config.formulary = o.formulary;
  app_config.acute_settings = o.acute_settings;
  app_config.public_url = o.public_url;
  for (const auto& proxy : o.trusted_proxies) app_config.trusted_proxies.push_back(*http::canonical_address(proxy));
  if (!o.metrics_token_file.empty()) {
    std::ifstream in(o.metrics_token_file);
    std::getline(in, app_config.metrics_token);
    while (!app_config.metrics_token.empty() && std::isspace(static_cast<unsigned char>(app_config.metrics_token.back())))
      app_config.metrics_token.pop_back();
    if (app_config.metrics_token.size() < 16)
      throw std::runtime_error("--metrics-token-file: the first line must hold a token of at least 16 characters");
  }
  http::App app(*store, app_config);
  std::unique_ptr<http::HttpServer> listening;
  try {
    listening = std::make_unique<http::HttpServer>(config, [&app](http::Request r) { return app.handle(std::move(r)); });
  } catch (const boost::system::system_error& e) {
    // Binding the address or reading the TLS files: say which, with what to do.
    std::string what = user_message(e);
    if (e.code() == boost::asio::error::address_in_use)
      what += " (another program, perhaps another Relief, already listens on " + o.listen + "; stop it or choose another --listen port)";
    else if (e.code() == boost::system::errc::address_not_available)
      what += " (" + config.host + " is not an address of this machine)";
    else if (!o.tls_cert.empty())
      what += " (check --tls-cert " + o.tls_cert + " and --tls-key " + o.tls_key + ": PEM files, the key matching the certificate)";
    throw std::runtime_error("cannot start on " + o.listen + ": " + what);
  }
  http::HttpServer& server = *listening;

  const std::string scheme = o.tls_cert.empty() ? "http" : "https";
  std::cout << "Relief is serving " << (o.demo ? "the SYNTHETIC demo site " : "") << "at " << scheme << "://"
            << url_host(config.host) << ":" << server.port() << "/\n";
  std::cout << "Database: " << database_for_display(o.db) << "\n";
  for (const auto& proxy : app_config.trusted_proxies)
    std::cout << "Trusting X-Forwarded-For from the proxy at " << proxy << "\n";
  if (o.demo) std::cout << "Sign in as admin (or dr.demo, nurse.demo ...) with password " << DemoOptions{}.password << "\n";
  std::cout << "Stop with Ctrl-C.\n" << std::flush;
  if (!o.port_file.empty()) {
    // A script waits for this file: one that cannot be written must stop the server, not leave
    // the script waiting for ever.
    std::ofstream(o.port_file + ".tmp") << server.port() << "\n";
    if (std::rename((o.port_file + ".tmp").c_str(), o.port_file.c_str()) != 0)
      throw std::runtime_error("cannot write --port-file '" + o.port_file + "': " + std::strerror(errno));
  }
  server.run();
  // Before the server goes: closing the store answers any write still queued, and an answer
  // resumes its connection's fiber through the server's io_context, which must still exist.
  store->close();
  spdlog::info("stopped cleanly");
  // The log's last lines get a few seconds to reach stdout. A terminal or collector that has
  // stopped reading would otherwise hold the exit forever (spdlog's shutdown waits for its
  // queue); the database is closed by now, so leaving without those lines loses no record.
  auto flushed = std::async(std::launch::async, [] { spdlog::shutdown(); });
  if (flushed.wait_for(std::chrono::seconds(3)) != std::future_status::ready) std::_Exit(0);
}

}  // namespace

void add_serve_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("serve", "Serve the API and the web UI");
  auto o = std::make_shared<ServeOptions>();
  cmd->add_option("--db", o->db, "SQLite file or postgresql:// URL")->capture_default_str()->check(database(DatabaseUse::may_create));
  cmd->add_option("--listen", o->listen, "HOST:PORT to listen on (port 0: any free port)")->capture_default_str();
  cmd->add_flag("--demo", o->demo, "on an empty database, first build the synthetic demo site");
  auto* cert = cmd->add_option("--tls-cert", o->tls_cert, "PEM certificate chain: serve HTTPS")->check(CLI::ExistingFile);
  auto* key = cmd->add_option("--tls-key", o->tls_key, "PEM private key for --tls-cert")->check(CLI::ExistingFile);
  cert->needs(key);
  key->needs(cert);
  cmd->add_option("--web-root", o->web_root, "directory of the built web UI")->capture_default_str();
  cmd->add_option("--port-file", o->port_file, "write the bound port here once listening (for scripts and tests)");
  cmd->add_option("--workers", o->workers, "threads for long work: password hashing, schedule solves")->capture_default_str()->check(CLI::Range(1, 1024));
  cmd->add_option("--io-threads", o->io_threads, "network threads")->capture_default_str()->check(CLI::Range(1, 64));
  cmd->add_option("--instruments", o->instrument_definitions,
                  "directory of instrument definitions (default: $RELIEF_DATA_DIR/instruments, ./data/instruments ...)");
  cmd->add_option("--instrument-settings", o->instrument_settings, "the site's instrument settings (JSON)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--formulary", o->formulary, "directory of the site formulary (default: data/formulary)");
  cmd->add_option("--acute-settings", o->acute_settings,
                  "the site's formulary choices and monitoring rules (JSON: {\"formulary\": ..., \"monitoring\": ...})")
      ->check(CLI::ExistingFile);
  cmd->add_option("--public-url", o->public_url,
                  "the URL clients reach Relief at, e.g. https://relief.hospital.example (behind a proxy); links, "
                  "fullUrl and Location use it instead of the request's Host header")
      ->check([](const std::string& url) {
        const bool ok = (url.starts_with("https://") || url.starts_with("http://")) && url.find_first_of(" \"<>") == std::string::npos;
        return ok ? std::string() : std::string("--public-url must be an http:// or https:// URL");
      });
  cmd->add_option("--trusted-proxy", o->trusted_proxies,
                  "IP address of a reverse proxy in front of Relief (repeatable): its X-Forwarded-For names the client "
                  "in the audit trail and the sign-in brakes")
      ->check([](const std::string& address) {
        return http::canonical_address(address) ? std::string()
                                                : "--trusted-proxy takes an IP address such as 10.0.0.5; got '" + address + "'";
      });
  cmd->add_option("--metrics-token-file", o->metrics_token_file,
                  "a file whose first line is a token: /metrics answers a request bearing it (Prometheus' "
                  "credentials_file); without it, only clients on this host, not through a proxy")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--quiet", o->quiet, "log warnings and errors only, not every request");
  cmd->callback([o] { serve(*o); });
}

}  // namespace relief::cli
