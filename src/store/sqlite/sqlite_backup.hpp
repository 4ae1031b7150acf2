#pragma once
#include <string>

namespace relief {
// Copies a live SQLite database to `out_path` with SQLite's online backup API, in one step so the
// copy is one consistent snapshot; the server may keep writing meanwhile (WAL).
void sqlite_backup(const std::string& db_path, const std::string& out_path);
}  // namespace relief
