#include "core/episode.hpp"

#include "core/errors.hpp"

namespace relief {

std::vector<Problem> validate_episode(const Episode& e) {
  std::vector<Problem> problems;
  if (e.patient_id.empty()) problems.push_back({"patient", "an episode belongs to a patient"});
  if (e.end && *e.end < e.start) problems.push_back({"period.end", "the episode ends before it starts"});
  if (e.status == EpisodeStatus::finished && !e.end)
    problems.push_back({"period.end", "a finished episode needs an end date"});
  return problems;
}

std::vector<Problem> validate_encounter(const Encounter& e) {
  std::vector<Problem> problems;
  if (e.patient_id.empty()) problems.push_back({"subject", "an encounter belongs to a patient"});
  if (e.kind.empty()) problems.push_back({"type", "say what kind of encounter this is"});
  if (e.end && *e.end < e.start) problems.push_back({"period.end", "the encounter ends before it starts"});
  return problems;
}

std::vector<Problem> validate_note(const Note& n) {
  std::vector<Problem> problems;
  if (n.patient_id.empty()) problems.push_back({"subject", "a note belongs to a patient"});
  if (n.text.empty()) problems.push_back({"text", "the note is empty"});
  if (n.text.size() > 200'000) problems.push_back({"text", "the note is longer than 200,000 characters"});
  return problems;
}

}  // namespace relief
