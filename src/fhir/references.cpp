#include "fhir/references.hpp"

#include <algorithm>
#include <cctype>

namespace relief::fhir {
namespace {

bool is_fhir_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '.';
  });
}

// Scheme and host compare without regard to case (RFC 3986 6.2.2.1); the rest of a base is
// Relief's own fixed "/fhir", so the whole prefix may.
bool starts_with_base(std::string_view reference, std::string_view base) {
  if (reference.size() <= base.size() || reference[base.size()] != '/') return false;
  return std::equal(base.begin(), base.end(), reference.begin(), [](unsigned char a, unsigned char b) {
    return std::tolower(a) == std::tolower(b);
  });
}

bool is_absolute(std::string_view reference) {
  if (reference.starts_with("urn:")) return true;
  auto colon = reference.find(':');
  auto slash = reference.find('/');
  // A scheme is letters before the first ':' that comes before any '/' (RFC 3986 3.1).
  return colon != std::string_view::npos && colon > 0 && (slash == std::string_view::npos || colon < slash) &&
         std::isalpha(static_cast<unsigned char>(reference[0]));
}

}  // namespace

LocalReference local_reference(std::string_view reference, std::string_view type,
                               const std::vector<std::string>& local_bases) {
  LocalReference out;
  if (is_absolute(reference)) {
    auto base = std::find_if(local_bases.begin(), local_bases.end(),
                             [&](const std::string& b) { return !b.empty() && starts_with_base(reference, b); });
    if (base == local_bases.end()) {
      out.foreign = true;
      return out;
    }
    reference.remove_prefix(base->size() + 1);
  }
  auto slash = reference.find('/');
  if (slash == std::string_view::npos) return out;
  auto ref_type = reference.substr(0, slash);
  auto id = reference.substr(slash + 1);
  if (ref_type == type && is_fhir_id(id)) out.id = std::string(id);
  return out;
}

std::string reference_id(std::string_view reference, std::string_view type, const std::vector<std::string>& local_bases) {
  return local_reference(reference, type, local_bases).id;
}

}  // namespace relief::fhir
