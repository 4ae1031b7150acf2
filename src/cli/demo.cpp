#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/database_option.hpp"
#include "cli/demo_banner.hpp"
#include "demo/demo_site.hpp"

namespace relief::cli {

void add_demo_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("demo", "Build the synthetic demo site (made-up patients, labelled as such)");
  struct Options {
    std::string db;
    std::uint64_t seed = DemoOptions{}.seed;
    std::string anchor;
    double years = 2.0;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--db", o->db, "SQLite file or postgresql:// URL (a new, empty database: no patients, staff or accounts)")
      ->required()
      ->check(database(DatabaseUse::may_create));
  cmd->add_option("--seed", o->seed, "random seed: the same seed gives the same site")->capture_default_str();
  cmd->add_option("--anchor-date", o->anchor, "the demo's 'today' (YYYY-MM-DD); default: today");
  cmd->add_option("--years", o->years, "years of history")->capture_default_str()->check(CLI::Range(0.05, 10.0));
  cmd->callback([o] {
    DemoOptions options;
    options.seed = o->seed;
    options.years = o->years;
    if (!o->anchor.empty()) {
      options.anchor = parse_date(o->anchor);
      if (!options.anchor) throw std::runtime_error("--anchor-date must be YYYY-MM-DD");
    }
    StoreOptions store_options;
    store_options.site_id = "demo";
    auto store = Store::open(o->db, store_options);
    std::string refusal;
    store->read([&](Reader& r) { refusal = demo_refusal(r); });
    if (!refusal.empty())
      throw std::runtime_error(refusal + ": the synthetic demo is built only on a new, empty database (give --db a "
                                         "new file name); nothing was written");
    auto summary = build_demo_site(*store, options, [](const std::string& line) { std::cerr << line << "\n"; });
    print_demo_summary(std::cout, summary, options.password);
  });
}

}  // namespace relief::cli
