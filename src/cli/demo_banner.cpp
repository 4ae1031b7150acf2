#include "cli/demo_banner.hpp"

namespace relief::cli {

void print_demo_summary(std::ostream& out, const DemoSummary& s, const std::string& password) {
  out << "Synthetic demo site built (all data is made up): " << s.staff << " staff, " << s.patients << " patients, "
      << s.episodes << " episodes, " << s.encounters << " encounters, " << s.observations << " observations, "
      << s.notes << " notes, " << s.questionnaires << " questionnaires.\n"
      << "Demo accounts (password for all: " << password << "):\n";
  for (const auto& a : s.accounts) out << "  " << a.username << "  (" << a.role << ")\n";
}

}  // namespace relief::cli
