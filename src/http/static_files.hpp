#pragma once
#include <optional>
#include <string>

#include "http/message.hpp"

namespace relief::http {
// A file under `root` for a GET of `path`; "/" and unknown non-file paths give index.html so the
// single-page UI can route itself. nullopt when there is nothing to serve.
std::optional<Response> static_file(const std::string& root, const std::string& path);
}  // namespace relief::http
