#include <sys/stat.h>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/run.hpp"

int main(int argc, char** argv) {
  // Databases, their write-ahead logs and backups hold patient data: readable by the account
  // that runs Relief only (the usual umask 022 made them world-readable).
  umask(0077);
  CLI::App app{"Relief: a clinical platform for pediatric pain and palliative care programs.\n"
               "Run `relief <command> --help` for each command."};
  app.require_subcommand(1);
  relief::cli::add_serve_command(app);
  relief::cli::add_user_commands(app);
  relief::cli::add_migrate_command(app);
  relief::cli::add_backup_command(app);
  relief::cli::add_demo_command(app);
  relief::cli::add_schedule_command(app);
  relief::cli::add_instrument_command(app);
  relief::cli::add_content_command(app);
  return relief::cli::run(app, argc, argv);
}
