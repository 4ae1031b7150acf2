#pragma once
// Program episodes, encounters and notes: the spine every program's workflow hangs on.
#include <boost/describe.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/record_meta.hpp"

namespace relief {

enum class Program { acute, clinic, acupuncture, iipt, palliative };
BOOST_DESCRIBE_ENUM(Program, acute, clinic, acupuncture, iipt, palliative)

enum class EpisodeStatus { referred, waitlisted, active, on_hold, finished, cancelled, entered_in_error };
BOOST_DESCRIBE_ENUM(EpisodeStatus, referred, waitlisted, active, on_hold, finished, cancelled, entered_in_error)

// A patient's time in one program: an acute-service consult, a clinic course, an IIPT stay.
struct Episode {
  RecordMeta meta;
  std::string patient_id;
  Program program = Program::clinic;
  EpisodeStatus status = EpisodeStatus::active;
  Date start;
  std::optional<Date> end;
  std::string reason;            // consult reason or referral question
  std::string care_manager_id;   // Staff id
};
BOOST_DESCRIBE_STRUCT(Episode, (), (patient_id, program, status, start, end, reason, care_manager_id))

enum class EncounterStatus { planned, in_progress, finished, cancelled, entered_in_error };
BOOST_DESCRIBE_ENUM(EncounterStatus, planned, in_progress, finished, cancelled, entered_in_error)

// One contact: a round on the ward, a clinic visit, a therapy or acupuncture session.
struct Encounter {
  RecordMeta meta;
  std::string patient_id;
  std::string episode_id;
  std::string kind;  // "inpatient-round", "clinic-visit", "therapy-session", "acupuncture-session" ...
  EncounterStatus status = EncounterStatus::finished;
  Instant start;
  std::optional<Instant> end;
  std::string location;
  std::vector<std::string> participant_ids;  // Staff ids
};
BOOST_DESCRIBE_STRUCT(Encounter, (), (patient_id, episode_id, kind, status, start, end, location, participant_ids))

enum class NoteStatus { draft, final, amended, entered_in_error };
BOOST_DESCRIBE_ENUM(NoteStatus, draft, final, amended, entered_in_error)

struct Note {
  RecordMeta meta;
  std::string patient_id;
  std::string encounter_id;
  std::string author_id;  // Staff id
  std::string kind;       // "progress", "consult", "daily-round", "team-meeting" ...
  NoteStatus status = NoteStatus::final;  // final: signed by its author
  Instant written;
  std::string text;
};
BOOST_DESCRIBE_STRUCT(Note, (), (patient_id, encounter_id, author_id, kind, status, written, text))

std::vector<struct Problem> validate_episode(const Episode& e);
std::vector<struct Problem> validate_encounter(const Encounter& e);
std::vector<struct Problem> validate_note(const Note& n);

}  // namespace relief
