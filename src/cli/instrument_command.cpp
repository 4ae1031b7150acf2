// `relief instrument ...`: list, show and score the clinical instruments from the command line,
// and ask which pain scale suits a child. JSON in on stdin, JSON out on stdout, problems on
// stderr with a non-zero exit, so the commands compose with scripts and pipelines.
#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>

#include "core/errors.hpp"
#include "instruments/definition_location.hpp"
#include "instruments/definition_parser.hpp"
#include "instruments/instrument_library.hpp"
#include "instruments/json_text.hpp"
#include "instruments/scale_recommendation.hpp"
#include "instruments/site_instruments.hpp"
#include "instruments/score_json.hpp"
#include "instruments/site_settings.hpp"

namespace relief::cli {
void add_instrument_command(CLI::App& app);

namespace {
namespace ins = relief::instruments;
namespace json = boost::json;

struct Sources {
  std::string definitions;  // empty: the default search (RELIEF_DATA_DIR, ./data/instruments ...)
  std::string settings;     // a site settings file, or none (every setting at its default)
};

ins::SiteInstruments load_site(const Sources& s) { return ins::SiteInstruments::load(s.definitions, s.settings); }

void print(const json::value& v) { std::cout << ins::to_readable_json(v); }

// Bad input and bad definitions end with a message and exit status 1, never a crash.
template <class Body>
void guarded(Body body) {
  try {
    body();
  } catch (const ValidationError& e) {
    std::cerr << "relief instrument: the input was refused:\n";
    for (const auto& p : e.problems()) std::cerr << "  " << (p.field.empty() ? "" : p.field + ": ") << p.message << "\n";
    throw CLI::RuntimeError(1);
  } catch (const MalformedInput& e) {
    std::cerr << "relief instrument: " << e.what() << "\n";
    throw CLI::RuntimeError(1);
  } catch (const NotFound& e) {
    std::cerr << "relief instrument: " << e.what() << "\n";
    throw CLI::RuntimeError(1);
  } catch (const ins::DefinitionError& e) {
    std::cerr << "relief instrument: a definition is invalid: " << e.what() << "\n";
    throw CLI::RuntimeError(2);
  } catch (const std::invalid_argument& e) {
    std::cerr << "relief instrument: " << e.what() << "\n";
    throw CLI::RuntimeError(1);
  }
}

void add_sources(CLI::App* cmd, Sources& s) {
  cmd->add_option("--definitions", s.definitions,
                  "directory of instrument definitions (default: $RELIEF_DATA_DIR/instruments, ./data/instruments, "
                  "or the source tree's)");
  cmd->add_option("--settings", s.settings, "the site's instrument settings (JSON); default: every setting at its default");
}

json::value read_stdin_json() {
  std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec) throw MalformedInput("stdin is not valid JSON (" + ec.message() + "); expected {\"answers\": {...}, ...}");
  return v;
}

}  // namespace

void add_instrument_command(CLI::App& app) {
  auto* instrument = app.add_subcommand("instrument", "Clinical instruments: list, show, score, recommend a scale");
  instrument->require_subcommand(1);

  {
    auto* cmd = instrument->add_subcommand("list", "Every instrument and version, its range, reporters and licence");
    auto s = std::make_shared<Sources>();
    add_sources(cmd, *s);
    cmd->callback([s] {
      guarded([&] {
        auto library = load_site(*s).library;
        json::array out;
        for (const auto* d : library.all()) out.push_back(ins::definition_summary(*d));
        print(out);
      });
    });
  }
  {
    auto* cmd = instrument->add_subcommand("show", "One definition as the site has configured it: items, scales, bands, settings");
    auto s = std::make_shared<Sources>();
    auto id = std::make_shared<std::string>();
    auto version = std::make_shared<std::string>();
    cmd->add_option("ID", *id, "instrument id (see `relief instrument list`)")->required();
    cmd->add_option("--version", *version, "definition version (default: the newest)");
    add_sources(cmd, *s);
    cmd->callback([s, id, version] {
      guarded([&] { print(ins::definition_detail(load_site(*s).library.get(*id, *version))); });
    });
  }
  {
    auto* cmd = instrument->add_subcommand(
        "score", "Score one administration read from stdin as JSON: {\"answers\": {...}, \"age_months\": N, ...}");
    auto s = std::make_shared<Sources>();
    auto id = std::make_shared<std::string>();
    auto version = std::make_shared<std::string>();
    cmd->add_option("ID", *id, "instrument id (see `relief instrument list`)")->required();
    cmd->add_option("--version", *version, "definition version (default: the newest)");
    add_sources(cmd, *s);
    cmd->callback([s, id, version] {
      guarded([&] {
        auto library = load_site(*s).library;
        const auto& definition = library.get(*id, *version);
        print(ins::score_with_change(definition, ins::score_request_from_json(read_stdin_json())));
      });
    });
  }
  {
    auto* cmd = instrument->add_subcommand("recommend", "Which pain scale suits this child (the site's decision table)");
    struct Options {
      Sources sources;
      ins::PatientFacts facts;
      std::string self_report, choose, reason;
    };
    auto o = std::make_shared<Options>();
    cmd->add_option("--age-months", o->facts.age_months, "completed months")->required()->check(CLI::Range(0, 1560));
    cmd->add_flag("--nicu", o->facts.in_nicu, "in the neonatal intensive care unit");
    cmd->add_flag("--ventilated", o->facts.ventilated, "mechanically ventilated");
    cmd->add_flag("--procedural", o->facts.procedural, "pain of a procedure");
    cmd->add_flag("--cognitive-impairment", o->facts.cognitive_impairment, "cognitive impairment");
    cmd->add_option("--self-report", o->self_report, "can the child self-report? yes or no (unknown when omitted)")
        ->check(CLI::IsMember({"yes", "no"}));
    cmd->add_option("--choose", o->choose, "the clinician's choice when it differs from the recommendation");
    cmd->add_option("--reason", o->reason, "why the clinician chose another scale");
    add_sources(cmd, o->sources);
    cmd->callback([o] {
      guarded([&] {
        if (!o->self_report.empty()) o->facts.can_self_report = o->self_report == "yes";
        auto recommendation = ins::recommend_scale(load_site(o->sources).rules, o->facts);
        json::object out = ins::to_json(recommendation);
        if (!o->choose.empty()) {
          load_site(o->sources).library.get(o->choose);  // the chosen scale must exist
          auto choice = ins::choose_scale(recommendation, o->choose, o->reason);
          out["used"] = choice.used;
          out["overridden"] = choice.overridden;
          out["override_reason"] = choice.overridden ? json::value(choice.reason) : json::value(nullptr);
        }
        print(out);
      });
    });
  }
  {
    auto* cmd = instrument->add_subcommand("check", "Load and validate every definition (and the site settings, if given)");
    auto s = std::make_shared<Sources>();
    add_sources(cmd, *s);
    cmd->callback([s] {
      guarded([&] {
        auto site = load_site(*s);
        std::cout << site.library.all().size() << " instrument definitions and " << site.rules.size()
                  << " recommendation rules are valid in "
                  << (s->definitions.empty() ? ins::default_definitions_dir().string() : s->definitions) << "\n";
      });
    });
  }
}

}  // namespace relief::cli
