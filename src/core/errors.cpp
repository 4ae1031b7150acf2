#include "core/errors.hpp"

namespace relief {
namespace {
std::string join(const std::vector<Problem>& problems) {
  std::string out;
  for (const auto& p : problems) {
    if (!out.empty()) out += "; ";
    out += p.field.empty() ? p.message : p.field + ": " + p.message;
  }
  return out;
}
}  // namespace

ValidationError::ValidationError(std::vector<Problem> problems)
    : std::runtime_error(join(problems)), problems_(std::move(problems)) {}

ValidationError::ValidationError(std::string field, std::string message)
    : ValidationError(std::vector<Problem>{{std::move(field), std::move(message)}}) {}

VersionConflict::VersionConflict(long long expected, long long current)
    : std::runtime_error("version " + std::to_string(expected) + " is not current; the current version is " +
                         std::to_string(current) + ": read it again and reapply your change"),
      current_(current) {}

std::string user_message(const std::exception& e) {
  std::string message = e.what();
  // Boost appends where in its headers an error arose ("... [system:98 at /usr/include/boost/...]",
  // "[boost.json:...]"): no help to a reader, and it names files of the build machine.
  for (const char* tail : {" [boost.", " [system:", " [generic:", " [asio."})
    if (auto at = message.find(tail); at != std::string::npos) message.resize(at);
  return message;
}

}  // namespace relief
