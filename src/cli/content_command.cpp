#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/database_option.hpp"
#include "core/errors.hpp"
#include "instruments/content_pack.hpp"
#include "instruments/site_instruments.hpp"
#include "instruments/site_settings.hpp"

namespace relief::cli {

void add_content_command(CLI::App& app) {
  auto* content = app.add_subcommand("content", "Site content packs: licensed instrument wording");
  content->require_subcommand(1);
  auto* load = content->add_subcommand("load", "Check a content pack against its instrument definition and store it");
  struct Options {
    std::string file, db, definitions, username = "cli";
  };
  auto o = std::make_shared<Options>();
  load->add_option("FILE", o->file, "the content pack (JSON; see docs/instruments.md)")->required()->check(CLI::ExistingFile);
  load->add_option("--db", o->db, "SQLite file or postgresql:// URL")->required()->check(database(DatabaseUse::existing));
  load->add_option("--definitions", o->definitions, "directory of instrument definitions (default: data/instruments)");
  load->add_option("--as", o->username, "who loads it, for the audit log")->capture_default_str();
  load->callback([o] {
    try {
      auto site = instruments::SiteInstruments::load(o->definitions, "");
      auto pack = instruments::parse_content_pack(instruments::read_json_file(o->file), site.library);
      auto store = Store::open(o->db);
      auto id = instruments::load_content_pack(*store, Actor{o->username, Role::admin, "local"}, pack);
      std::cout << "loaded wording for " << pack.items.size() << " items of " << pack.instrument << " " << pack.version
                << " (" << pack.language << ") as record " << id << "\n";
    } catch (const ValidationError& e) {
      std::cerr << "relief content: the pack does not match its definition:\n";
      for (const auto& p : e.problems()) std::cerr << "  " << p.field << ": " << p.message << "\n";
      throw CLI::RuntimeError(1);
    } catch (const NotFound& e) {
      std::cerr << "relief content: " << e.what() << "\n";
      throw CLI::RuntimeError(1);
    } catch (const MalformedInput& e) {
      std::cerr << "relief content: " << e.what() << "\n";
      throw CLI::RuntimeError(1);
    }
  });
}

}  // namespace relief::cli
