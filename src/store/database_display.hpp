#pragma once
// The database as the start-up lines show it to an operator: a SQLite file's full path, or a
// PostgreSQL URL with every password replaced by *** (logs are read by more people than the
// database's owner). Both places a URL can carry one are masked: user:secret@ and ?password=.
#include <string>

namespace relief {

std::string database_for_display(const std::string& db);

}  // namespace relief
