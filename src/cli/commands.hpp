#pragma once
// Each subcommand registers itself on the CLI11 app and runs when chosen.
namespace CLI {
class App;
}

namespace relief::cli {
void add_serve_command(CLI::App& app);
void add_user_commands(CLI::App& app);
void add_migrate_command(CLI::App& app);
void add_backup_command(CLI::App& app);
void add_demo_command(CLI::App& app);
void add_schedule_command(CLI::App& app);    // src/cli/schedule_command.cpp
void add_instrument_command(CLI::App& app);  // src/cli/instrument_command.cpp
void add_content_command(CLI::App& app);     // relief content load: licensed instrument wording
}  // namespace relief::cli
