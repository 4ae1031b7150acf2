#include "instruments/administer.hpp"

#include <boost/json.hpp>
#include <algorithm>
#include <map>
#include <set>

#include "core/errors.hpp"
#include "core/json_conversions.hpp"
#include "core/measure_definitions.hpp"
#include "instruments/json_text.hpp"

namespace relief::instruments {
namespace {
namespace json = boost::json;

}  // namespace

AdministrationRequest administration_request_from_json(const std::string& patient_id, const json::value& body) {
  if (!body.is_object()) throw MalformedInput("send a JSON object: {\"instrument\": ..., \"answers\": {...}}");
  AdministrationRequest req;
  req.patient_id = patient_id;
  json::object scoring;  // the fields score_request_from_json understands
  std::vector<Problem> problems;
  for (const auto& [key, value] : body.as_object()) {
    const std::string k(key);
    auto text = [&]() -> std::string {
      if (value.is_string()) return std::string(value.as_string());
      problems.push_back({k, "must be a string"});
      return {};
    };
    if (k == "instrument") req.instrument = text();
    else if (k == "version") req.version = text();
    else if (k == "encounter") req.encounter_id = text();
    else if (k == "override_reason") req.override_reason = text();
    else if (k == "authored") {
      auto t = parse_instant(text());
      if (!t) problems.push_back({k, "a date and time with a zone, e.g. 2024-03-01T08:15:00Z"});
      req.authored = t;
    } else if (k == "age_months") {
      problems.push_back({k, "the age is computed from the patient's birth date; do not send it"});
    } else if (k == "situation") {
      if (!value.is_object()) {
        problems.push_back({k, "an object of can_self_report, in_nicu, ventilated, procedural, cognitive_impairment: "
                               "true or false"});
        continue;
      }
      for (const auto& [name, flag] : value.as_object()) {
        const std::string field = "situation." + std::string(name);
        if (!flag.is_bool()) {
          problems.push_back({field, "true or false"});
          continue;
        }
        const bool on = flag.as_bool();
        if (name == "can_self_report") req.situation.can_self_report = on;
        else if (name == "in_nicu") req.situation.in_nicu = on;
        else if (name == "ventilated") req.situation.ventilated = on;
        else if (name == "procedural") req.situation.procedural = on;
        else if (name == "cognitive_impairment") req.situation.cognitive_impairment = on;
        else problems.push_back({field, "unknown (can_self_report, in_nicu, ventilated, procedural, cognitive_impairment)"});
      }
    } else if (k == "baseline") {
      problems.push_back({k, "an administration's baseline is the patient's own earlier administration; a baseline is "
                             "sent only to /api/v1/instruments/{id}/score"});
    } else if (k == "answers" || k == "reporter" || k == "gestational_age_weeks" || k == "context" ||
               k == "individual_descriptors") {
      scoring.emplace(key, value);
    } else {
      problems.push_back({k, "unknown field (instrument, version, encounter, authored, situation, override_reason, "
                             "answers, reporter, gestational_age_weeks, context, individual_descriptors)"});
    }
  }
  if (req.instrument.empty() && problems.empty()) problems.push_back({"instrument", "which instrument, e.g. \"flacc\""});
  if (!scoring.contains("reporter")) problems.push_back({"reporter", "who answered: self, parent or clinician"});
  if (!problems.empty()) throw ValidationError(std::move(problems));
  req.answers = score_request_from_json(scoring);
  return req;
}

AdministrationOutcome administer(Store& store, const SiteInstruments& site, const Actor& actor,
                                 const AdministrationRequest& request, const AfterCharting& after_charting) {
  AdministrationOutcome out;
  store.write(actor, [&](Transaction& tx) {
    out = chart_administration(tx, site, request);
    if (after_charting) after_charting(tx, out);
  });
  return out;
}

AdministrationOutcome chart_administration(Transaction& tx, const SiteInstruments& site,
                                           const AdministrationRequest& request) {
  const Definition& definition = site.library.get(request.instrument, request.version);
  const Instant authored = request.authored.value_or(now());
  if (authored.ms > now().ms + 5 * 60 * 1000) throw ValidationError("authored", "the time is in the future");
  AdministrationOutcome out;
  auto patient = tx.get<Patient>(request.patient_id);
  if (!patient) throw NotFound("Patient/" + request.patient_id + " does not exist");
  if (date_of(authored) < patient->birth_date)
    throw ValidationError("authored", "the time is before the patient's birth date");
  Administration administration = request.answers.administration;
  // An assessment with nothing answered is no assessment: charted, it showed as "—" on the chart
  // as if the child had been assessed.
  if (administration.answers.empty())
    throw ValidationError("answers", "no item is answered: answer the items of " + definition.name + ", then save");
  administration.age_months = patient->age_on(date_of(authored)).total_months;
  out.score = score(definition, administration);

  // Baseline, scale by scale: the earliest administration of this instrument by the same
  // reporter, authored before this one and not retracted, that scored the scale (and, where the
  // definition asks, answered the same period). One incomplete first form must not lose the
  // stay's primary outcome, and a form back-dated before the baseline is not compared with a
  // later one: it becomes the baseline.
  auto same_answers = [&](const InstrumentResponse& r, const std::string& scale) {
    auto rule = definition.change.find(scale);
    if (rule == definition.change.end()) return true;
    for (const auto& item : rule->second.same_answers) {
      auto now_answer = administration.answers.find(item);
      auto then = std::find_if(r.answers.begin(), r.answers.end(), [&](const ResponseAnswer& a) { return a.item == item; });
      if (now_answer == administration.answers.end() || then == r.answers.end()) return false;
      if (then->number != now_answer->second.number || then->code != now_answer->second.code) return false;
    }
    return true;
  };
  std::map<std::string, std::pair<Instant, double>> baseline;  // by scale: when, and the score
  for (auto& r : tx.responses_of(patient->meta.id, definition.id, 1000)) {
    if (r.reporter != *administration.reporter || r.status == ResponseStatus::entered_in_error) continue;
    if (authored < r.authored) continue;  // on the same time, the one saved first is the earlier
    for (const auto& [scale, before] : r.scores) {
      if (!same_answers(r, scale)) continue;
      auto known = baseline.find(scale);
      if (known == baseline.end() || r.authored < known->second.first) baseline[scale] = {r.authored, before};
    }
  }
  for (const auto& [scale, before] : baseline)
    if (const auto* now_scale = out.score.scale(scale); now_scale && now_scale->value)
      out.changes.push_back(assess_change(definition, scale, before.second, *now_scale->value, administration.reporter));

  InstrumentResponse& response = out.response;
  response.patient_id = patient->meta.id;
  response.encounter_id = request.encounter_id;
  response.instrument = definition.id;
  response.instrument_version = definition.version;
  response.instrument_name = definition.name;
  response.reporter = *administration.reporter;
  response.author_id = request.author_id;
  response.authored = authored;
  // In the questionnaire's order ("1", "2" ... "10"), not the text order of the answers' keys
  // ("1", "10", "11", "2"): a QuestionnaireResponse's items follow its Questionnaire.
  for (const auto& item : definition.items)
    if (auto answer = administration.answers.find(item.id); answer != administration.answers.end())
      response.answers.push_back(ResponseAnswer{item.id, answer->second.number, answer->second.code});
  response.settings = out.score.settings;
  if (covered_by_recommendation(site.rules, definition.id)) {
    PatientFacts facts = request.situation;
    facts.age_months = *administration.age_months;
    if (administration.reporter == Reporter::self) facts.can_self_report = true;
    out.recommendation = recommend_scale(site.rules, facts);
    response.recommended = out.recommendation->instrument;
    response.choice_reason = out.recommendation->reason;
    // With no scale recommended the clinician's choice is the choice; against a recommendation
    // it is an override, which is charted only with its reason.
    if (!response.recommended.empty()) {
      try {
        auto choice = choose_scale(*out.recommendation, definition.id, request.override_reason);
        response.overridden = choice.overridden;
        response.choice_reason = choice.reason;
      } catch (const std::invalid_argument& e) {
        throw ValidationError("override_reason", std::string(e.what()) + " (" + out.recommendation->reason +
                                                     "): say why this scale suits the child now");
      }
    }
  }
  for (const auto& scale : out.score.scales)
    if (scale.value) response.scores[scale.id] = *scale.value;
  response.score_json = json::serialize(to_json(out.score));
  tx.put(response);

  // One Observation per scored scale, coded as the definition says, derived from the response.
  for (const auto& scale : out.score.scales) {
    if (!scale.value) continue;
    auto codes = definition.codes.find(scale.id);
    if (codes == definition.codes.end() || codes->second.empty()) continue;
    const Code& code = codes->second.front();
    Observation o;
    o.patient_id = patient->meta.id;
    o.encounter_id = request.encounter_id;
    o.category = "survey";
    o.code = Coding{code.system, code.code, code.display};
    o.value = *scale.value;
    o.unit = "{score}";
    o.method = definition.name;
    o.reporter = response.reporter;
    o.performer_id = request.author_id;
    o.effective = authored;
    o.derived_from = response.meta.id;
    // A score from an incomplete form says so where an extract reads it: a prorated FDI of 29
    // from 14 of 15 items is not a complete form's 29.
    if (scale.missing.decision == "prorated" || scale.missing.decision == "scored_with_missing")
      o.note = (scale.missing.decision == "prorated" ? "prorated from " : "scored from ") +
               std::to_string(scale.missing.answered) + " of " + std::to_string(scale.missing.items) +
               " items answered" + (scale.raw ? " (raw sum of those answered: " + number_text(*scale.raw) + ")" : "") +
               "; rule: " + scale.missing.rule;
    if (auto problems = validate_observation(o, now(), AllowedValues::as_scored); !problems.empty())
      throw ValidationError(std::move(problems));
    tx.put(o);
    out.observations.push_back(o);
  }
  return out;
}

Retraction retract_administration(Transaction& tx, const std::string& patient_id, const std::string& response_id,
                                  const std::string& reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
    throw ValidationError("reason", "say why the administration is in error (e.g. charted for the wrong child)");
  auto response = tx.get<InstrumentResponse>(response_id);
  if (!response || response->patient_id != patient_id)
    throw NotFound("Patient/" + patient_id + " has no administration " + response_id);
  if (response->status == ResponseStatus::entered_in_error)
    throw DuplicateRecord("administration " + response_id + " is already marked entered in error");
  Retraction out;
  ObservationQuery derived;  // its scores carry its authored time, to the millisecond
  derived.patient_id = patient_id;
  derived.from = response->authored;
  derived.to = Instant{response->authored.ms + 1};
  derived.limit = 500;
  for (auto& o : tx.find_observations(derived)) {
    if (o.derived_from != response_id || o.status == ObservationStatus::entered_in_error) continue;
    mark_entered_in_error(o, reason);
    tx.put(o, o.meta.version);
    out.observations.push_back(std::move(o));
  }
  response->status = ResponseStatus::entered_in_error;
  tx.put(*response, response->meta.version);
  out.response = std::move(*response);
  return out;
}

json::object to_json(const AdministrationOutcome& outcome) {
  json::array observations;
  for (const auto& o : outcome.observations)
    observations.emplace_back(json::object{{"id", o.meta.id},
                                           {"code", o.code.code},
                                           {"system", o.code.system},
                                           {"display", o.code.display},
                                           {"value", *o.value}});
  json::array changes;
  for (const auto& c : outcome.changes) changes.emplace_back(to_json(c));
  const auto& r = outcome.response;
  json::object out{{"id", r.meta.id},
                   {"version", r.meta.version},
                   {"patient", r.patient_id},
                   {"instrument", r.instrument},
                   {"instrument_version", r.instrument_version},
                   {"reporter", json::value_from(r.reporter)},
                   {"authored", format_instant(r.authored)},
                   {"score", to_json(outcome.score)},
                   {"observations", std::move(observations)},
                   {"change", std::move(changes)},
                   {"recommended", r.recommended},
                   {"overridden", r.overridden},
                   {"choice_reason", r.choice_reason}};
  return out;
}

}  // namespace relief::instruments
