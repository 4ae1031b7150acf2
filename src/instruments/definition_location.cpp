#include "instruments/definition_location.hpp"

#include <cstdlib>
#include <stdexcept>
#include <system_error>

namespace relief::instruments {

std::vector<std::filesystem::path> definition_dir_candidates() {
  std::vector<std::filesystem::path> out;
  if (const char* data = std::getenv("RELIEF_DATA_DIR"); data && *data) out.push_back(std::filesystem::path(data) / "instruments");
  out.push_back(std::filesystem::current_path() / "data" / "instruments");
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    // An install (prefix/bin/relief -> prefix/share/relief/...) or a build directory in the checkout.
    for (auto dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
      out.push_back(dir / "data" / "instruments");
      out.push_back(dir / "share" / "relief" / "instruments");
    }
  }
#ifdef RELIEF_SOURCE_INSTRUMENTS_DIR
  out.emplace_back(RELIEF_SOURCE_INSTRUMENTS_DIR);
#endif
  return out;
}

std::filesystem::path default_definitions_dir() {
  auto candidates = definition_dir_candidates();
  for (const auto& c : candidates) {
    std::error_code ec;
    if (std::filesystem::is_directory(c, ec)) return c;
  }
  std::string looked;
  for (const auto& c : candidates) looked += "\n  " + c.string();
  throw std::invalid_argument("no instrument definitions found; pass --definitions DIR or set RELIEF_DATA_DIR. Looked in:" + looked);
}

}  // namespace relief::instruments
