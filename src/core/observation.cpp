#include "core/observation.hpp"

#include <array>
#include <utility>

namespace relief {
namespace {
constexpr std::array<std::pair<ObservationStatus, std::string_view>, 8> kStatusCodes{{
    {ObservationStatus::registered, "registered"},
    {ObservationStatus::preliminary, "preliminary"},
    {ObservationStatus::final, "final"},
    {ObservationStatus::amended, "amended"},
    {ObservationStatus::corrected, "corrected"},
    {ObservationStatus::cancelled, "cancelled"},
    {ObservationStatus::entered_in_error, "entered-in-error"},
    {ObservationStatus::unknown, "unknown"},
}};
}  // namespace

std::string fhir_code(ObservationStatus s) {
  for (auto& [status, code] : kStatusCodes)
    if (status == s) return std::string(code);
  return "unknown";
}

std::optional<ObservationStatus> observation_status_from_fhir(std::string_view code) {
  for (auto& [status, c] : kStatusCodes)
    if (c == code) return status;
  return std::nullopt;
}

namespace {
constexpr std::array<std::pair<Reporter, std::string_view>, 4> kReporterCodes{{
    {Reporter::self, "self"}, {Reporter::parent, "parent"}, {Reporter::clinician, "clinician"}, {Reporter::other, "other"},
}};
}  // namespace

std::optional<Reporter> reporter_from_string(std::string_view s) {
  for (auto& [reporter, code] : kReporterCodes)
    if (code == s) return reporter;
  return std::nullopt;
}

std::string_view reporter_code(Reporter r) {
  for (auto& [reporter, code] : kReporterCodes)
    if (reporter == r) return code;
  return "other";
}

void mark_entered_in_error(Observation& o, const std::string& reason) {
  o.status = ObservationStatus::entered_in_error;
  o.note += (o.note.empty() ? "" : "\n") + std::string("Entered in error: ") + reason;
}

}  // namespace relief
