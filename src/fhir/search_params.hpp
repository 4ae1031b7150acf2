#pragma once
// FHIR search parameter values: date comparisons and tokens.
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace relief::fhir {

// Narrows [from, to) by one `date` parameter value such as "ge2024-03-01", "2024-03" or
// "lt2024-03-01T12:00:00Z". A date covers its whole (UTC) day, month or year. Returns false when
// the value is not a date with a supported prefix (eq, ne is not supported, gt, ge, lt, le, sa, eb).
bool narrow_date_range(std::string_view value, std::optional<Instant>& from, std::optional<Instant>& to);

struct Token {
  std::optional<std::string> system;  // present when the value had a "|"
  std::string code;
};
Token parse_token(std::string_view value);

// A QuestionnaireResponse `questionnaire` search value, read as the instrument it names. The
// responses carry the canonical kQuestionnaireBase + "flacc|1997"; a search may give that, the
// URL without "|version" (any version), "Questionnaire/flacc", or the bare id "flacc".
// Nullopt for a canonical of another publisher: no response here answers it.
struct QuestionnaireWanted {
  std::string instrument;
  std::optional<std::string> version;
};
std::optional<QuestionnaireWanted> questionnaire_wanted(std::string_view value);

}  // namespace relief::fhir
