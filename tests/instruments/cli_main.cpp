// A `relief` with only the instrument commands, for the CLI tests (the real main wires the same
// add_instrument_command beside the others).
#include <CLI/CLI.hpp>
#include "cli/run.hpp"

namespace relief::cli {
void add_instrument_command(CLI::App& app);
}

int main(int argc, char** argv) {
  CLI::App app{"relief (instrument commands only)"};
  app.require_subcommand(1);
  relief::cli::add_instrument_command(app);
  return relief::cli::run(app, argc, argv);
}
