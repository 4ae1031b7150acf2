#pragma once
// Reading a configuration or content file (definitions, formulary, site settings) as JSON.
#include <boost/json/value.hpp>
#include <filesystem>

namespace relief {

// Throws std::invalid_argument naming the file: unreadable, or not JSON (with the parser's reason).
boost::json::value read_json_file(const std::filesystem::path& path);

}  // namespace relief
