#pragma once
// Where the instrument definitions are when nobody says: $RELIEF_DATA_DIR/instruments, then
// ./data/instruments, then data/instruments beside or above the executable, then the source tree
// the binary was built from. The first that exists wins, so `relief` works from a checkout, an
// install and a build directory alike.
#include <filesystem>
#include <string>
#include <vector>

namespace relief::instruments {

std::vector<std::filesystem::path> definition_dir_candidates();
// Throws std::invalid_argument listing the places it looked.
std::filesystem::path default_definitions_dir();

}  // namespace relief::instruments
