#include <CLI/CLI.hpp>
#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/database_option.hpp"
#include "store/sql_connection.hpp"
#include "store/sqlite/sqlite_backup.hpp"

namespace relief::cli {
namespace {

// The copy is written under a name nobody would restore from and takes the name asked for only
// once it is whole and on disk. Stopped half-way (Ctrl-C, SIGTERM, a full disk), an outside test
// found a 59 MB file under the backup's own name that opened as an empty database, and a server
// started on it served an empty site.
char partial_path[4096];
char partial_journal[4096];

extern "C" void remove_partial_and_stop(int signal) {
  ::unlink(partial_path);  // async-signal-safe
  ::unlink(partial_journal);
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

void sync_path(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) throw std::runtime_error("cannot open '" + path + "' to flush it: " + std::strerror(errno));
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw std::runtime_error("cannot flush '" + path + "' to disk: " + std::strerror(errno));
}

void back_up(const std::string& db, const std::string& out) {
  if (std::filesystem::exists(out)) throw std::runtime_error("'" + out + "' exists; choose a new file name");
  const std::string partial = out + ".partial-" + std::to_string(::getpid());
  const std::string journal = partial + "-journal";
  if (partial.size() >= sizeof partial_path || journal.size() >= sizeof partial_journal)
    throw std::runtime_error("'" + out + "': the path is too long");
  std::strcpy(partial_path, partial.c_str());
  std::strcpy(partial_journal, journal.c_str());
  for (int s : {SIGINT, SIGTERM, SIGHUP}) std::signal(s, remove_partial_and_stop);
  auto remove_partial = [&] {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    std::filesystem::remove(journal, ignored);
  };
  try {
    sqlite_backup(db, partial);
    sync_path(partial);
    // link() takes the name only if nobody has meanwhile: never over an existing file.
    if (::link(partial.c_str(), out.c_str()) != 0)
      throw std::runtime_error("cannot name the backup '" + out + "': " + std::strerror(errno));
    remove_partial();
    auto dir = std::filesystem::absolute(out).parent_path();
    sync_path(dir.string());
  } catch (...) {
    remove_partial();
    throw;
  }
  for (int s : {SIGINT, SIGTERM, SIGHUP}) std::signal(s, SIG_DFL);
}

}  // namespace

void add_backup_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("backup", "Copy a SQLite database consistently, even while the server runs");
  auto db = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  cmd->add_option("--db", *db, "SQLite database file")->required()->check(database(DatabaseUse::existing_sqlite));
  cmd->add_option("--out", *out, "backup file to write (must not exist; it appears only once complete)")->required();
  cmd->callback([db, out] {
    back_up(*db, *out);
    std::cout << "backed up " << *db << " to " << *out << " (" << std::filesystem::file_size(*out) << " bytes)\n";
  });
}

}  // namespace relief::cli
