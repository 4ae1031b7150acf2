#pragma once
// Parses and runs a CLI11 application the way every `relief` binary does: usage errors exit with
// CLI11's code and message, any other failure prints "relief: <why>" and exits 1.
#include <CLI/CLI.hpp>
#include <iostream>

#include "core/errors.hpp"

namespace relief::cli {

inline int run(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "relief: " << user_message(e) << "\n";
    return 1;
  }
  return 0;
}

}  // namespace relief::cli
