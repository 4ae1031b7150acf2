#include "programs/acute/acute_service.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "core/errors.hpp"
#include "core/json_file.hpp"
#include "core/measure_definitions.hpp"
#include "programs/acute/delivered_doses.hpp"
#include "programs/acute/fhir_views.hpp"
#include "programs/acute/pain_scales.hpp"

namespace relief::acute {
namespace {
namespace json = boost::json;

std::string_view sedation_code(SedationScale s) {
  switch (s) {
    case SedationScale::poss: return "poss";
    case SedationScale::umss: return "umss";
    case SedationScale::rass: return "rass";
  }
  return "poss";
}

// What dose checking needs to know about the child, from the chart.
PatientFacts facts_of(Reader& r, const Patient& p) {
  PatientFacts facts;
  Date today = date_of(now());
  facts.age_months = p.birth_date <= today ? p.age_on(today).total_months : 0;
  if (auto w = r.latest_observation(p.meta.id, std::string(kBodyWeightCode)); w && w->value) {
    facts.weight_kg = *w->value;
    facts.weight_recorded = w->effective;
  }
  facts.course_started = course_starts(list<OrderRecord>(r, p.meta.id, std::nullopt), now());
  return facts;
}

// Everything the service's orders delivered in the last day, the order being changed included
// (what it already gave stays given).
std::vector<GivenDose> given_doses(Reader& r, const std::string& patient_id) {
  return delivered_last_24h(list<OrderRecord>(r, patient_id, std::nullopt), now());
}

std::vector<ActiveOrder> active_orders(Reader& r, const std::string& patient_id, const std::string& except_id) {
  std::vector<ActiveOrder> out;
  for (auto& o : list<OrderRecord>(r, patient_id, std::string("active")))
    if (o.meta.id != except_id) out.push_back(ActiveOrder{o.order, std::nullopt});
  return out;
}

Patient require_patient(Reader& r, const std::string& id) {
  auto p = r.get<Patient>(id);
  if (!p) throw NotFound("Patient/" + id + " does not exist");
  return *p;
}

template <class T>
T require(Reader& r, const std::string& id, const char* what) {
  auto rec = get<T>(r, id);
  if (!rec) throw NotFound(std::string(what) + " " + id + " does not exist");
  return *rec;
}

// The assessments of the last 24 hours the monitoring rules read.
MonitoringInput monitoring_input(Reader& r, const Patient& p, Instant now_at) {
  MonitoringInput in;
  Date today = date_of(now_at);
  in.age_months = p.birth_date <= today ? p.age_on(today).total_months : 0;
  ObservationQuery q;
  q.patient_id = p.meta.id;
  q.from = Instant{now_at.ms - 24 * 3'600'000LL};
  q.limit = 500;
  for (const auto& o : r.find_observations(q)) {
    if (!o.value || o.status == ObservationStatus::entered_in_error || o.status == ObservationStatus::cancelled) continue;
    const auto& code = o.code.code;
    if (find_pain_scale(code)) in.pain.push_back(PainAssessment{*o.value, code, o.effective});
    else if (code == "9279-1") in.respiratory_rate.push_back(VitalSign{*o.value, o.effective});
    else if (code == "59408-5") in.spo2.push_back(VitalSign{*o.value, o.effective});
    else if (o.code.system == kReliefCodes && (code == "poss" || code == "umss" || code == "rass")) {
      SedationScale scale = code == "poss" ? SedationScale::poss : code == "umss" ? SedationScale::umss : SedationScale::rass;
      // POSS "S" is stored as 0 (the bedside form also notes "S"; a FHIR client may not).
      const bool asleep = scale == SedationScale::poss && (o.note == "S" || *o.value == 0);
      SedationAssessment a{scale, asleep ? "S" : std::to_string(static_cast<int>(*o.value)), o.effective};
      // A value the scale does not have cannot be judged; it must not block charting either.
      try {
        sedation_level(a);
      } catch (const ValidationError&) {
        continue;
      }
      in.sedation.push_back(std::move(a));
    }
  }
  return in;
}

Observation observation(const Patient& p, std::string_view system, std::string_view code, double value,
                        const AssessmentInput& input, Instant at, const std::string& performer) {
  Observation o;
  o.patient_id = p.meta.id;
  const MeasureDefinition* def = find_measure(system, code);
  o.code = Coding{std::string(system), std::string(code), def ? std::string(def->display) : ""};
  o.category = def ? std::string(def->category) : "survey";
  o.unit = def ? std::string(def->unit) : "{score}";
  o.value = value;
  o.reporter = input.reporter;
  o.performer_id = performer;
  o.effective = at;
  return o;
}

}  // namespace

AcuteSettings AcuteSettings::load(const std::string& formulary_dir, const std::string& settings_file) {
  AcuteSettings s{Formulary::load_directory(formulary_dir), default_monitoring_settings()};
  if (!settings_file.empty()) {
    auto settings = read_json_file(settings_file);
    if (!settings.is_object()) throw std::invalid_argument(settings_file + ": expected an object");
    if (auto* f = settings.as_object().if_contains("formulary")) s.formulary = s.formulary.configured(parse_formulary_settings(*f));
    if (auto* m = settings.as_object().if_contains("monitoring")) s.monitoring = parse_monitoring_settings(*m);
  }
  return s;
}

DoseCheckFailed::DoseCheckFailed(DoseCheck check)
    : std::runtime_error(check.refused() ? "the dose check refuses this order"
                                         : "this order passes a soft limit: give an override reason"),
      check_(std::move(check)) {}

AcuteConsult request_consult(Store& store, const Actor& actor, AcuteConsult consult) {
  consult.meta = {};
  consult.status = ConsultStatus::requested;
  consult.requested_at = now();
  store.write(actor, [&](Transaction& tx) {
    require_patient(tx, consult.patient_id);
    for (const auto& open : list<AcuteConsult>(tx, consult.patient_id, std::nullopt))
      if (open.status == ConsultStatus::requested || open.status == ConsultStatus::active)
        throw DuplicateRecord("this patient already has an open acute pain consult (" + open.meta.id + ")");
    put(tx, consult);
  });
  return consult;
}

AcuteConsult accept_consult(Store& store, const Actor& actor, const std::string& consult_id,
                            const std::string& assigned_id, const std::string& location) {
  AcuteConsult c;
  store.write(actor, [&](Transaction& tx) {
    c = require<AcuteConsult>(tx, consult_id, "consult");
    if (c.status != ConsultStatus::requested) throw ValidationError("status", "only a requested consult can be accepted");
    if (!assigned_id.empty() && !tx.exists<Staff>(assigned_id))
      throw ValidationError("assigned", "Practitioner/" + assigned_id + " does not exist");
    c.status = ConsultStatus::active;
    c.accepted_at = now();
    c.assigned_id = assigned_id;
    if (!location.empty()) c.location = location;
    put(tx, c, c.meta.version);
  });
  return c;
}

AcuteConsult sign_off(Store& store, const Actor& actor, const std::string& consult_id, const std::string& follow_up) {
  AcuteConsult c;
  store.write(actor, [&](Transaction& tx) {
    c = require<AcuteConsult>(tx, consult_id, "consult");
    if (c.status != ConsultStatus::active) throw ValidationError("status", "only an active consult can be signed off");
    if (follow_up.find_first_not_of(" \t") == std::string::npos)
      throw ValidationError("follow_up", "say what follow-up the child needs (\"pain clinic in 2 weeks\", or \"none needed\")");
    // A block or spinal was given once: there is nothing to stop, so it ends with the consult
    // (a new version, "stopped"), where a running pump or catheter must be stopped first.
    std::vector<OrderRecord> given_once;
    for (auto& o : list<OrderRecord>(tx, c.patient_id, std::string("active"))) {
      if (o.order.kind == Modality::single_shot_block || o.order.kind == Modality::spinal) {
        given_once.push_back(std::move(o));
        continue;
      }
      throw ValidationError("orders", "stop the running " + modality_label(o.order.kind) + " before signing off");
    }
    for (auto& o : given_once) {
      o.status = OrderStatus::stopped;
      o.stopped = now();
      o.change_reason = "given once; the consult was signed off";
      put(tx, o, o.meta.version);
    }
    c.status = ConsultStatus::signed_off;
    c.signed_off_at = now();
    c.follow_up = follow_up;
    put(tx, c, c.meta.version);
  });
  return c;
}

Note round_note(Store& store, const Actor& actor, const std::string& consult_id, const std::string& text,
                const std::string& author_id) {
  Note note;
  store.write(actor, [&](Transaction& tx) {
    auto c = require<AcuteConsult>(tx, consult_id, "consult");
    if (c.status != ConsultStatus::active) throw ValidationError("consult", "round notes go on an accepted, open consult");
    note = Note{};
    note.patient_id = c.patient_id;
    note.author_id = author_id;
    note.kind = "daily-round";
    note.written = now();
    note.text = text;
    if (auto problems = validate_note(note); !problems.empty()) throw ValidationError(std::move(problems));
    tx.put(note);
  });
  return note;
}

namespace {
// A change to a running order (a lower PCA dose beside an epidural's fentanyl) asked again for
// the reason already given for the same warning. The version it replaces answers for it when
// every warning now was one then, no worse than then (the same rule, a computed value no higher);
// any new or worse warning still asks.
std::string carried_override(const OrderRecord& replaced, const DoseCheck& now_check) {
  if (replaced.override_reason.empty() || now_check.refused() || now_check.findings.empty()) return "";
  for (const auto& f : now_check.findings) {
    auto before = std::find_if(replaced.findings.begin(), replaced.findings.end(),
                               [&](const Finding& b) { return b.rule == f.rule; });
    if (before == replaced.findings.end()) return "";
    if (f.computed && before->computed && f.computed->value > before->computed->value * (1 + 1e-9)) return "";
  }
  return replaced.override_reason + " (given for version " + std::to_string(replaced.meta.version) +
         ", whose warnings this change keeps)";
}
}  // namespace

DoseCheck preview_order(Store& store, const AcuteSettings& settings, const std::string& patient_id,
                        const ModalityOrder& order, const std::string& replaces_order_id) {
  if (auto problems = validate_order(order); !problems.empty()) throw ValidationError(std::move(problems));
  DoseCheck check;
  store.read([&](Reader& r) {
    Patient p = require_patient(r, patient_id);
    check = check_order(settings.formulary, facts_of(r, p), order, active_orders(r, patient_id, replaces_order_id),
                        given_doses(r, patient_id), now());
  });
  return check;
}

OrderRecord place_order(Store& store, const AcuteSettings& settings, const Actor& actor, const std::string& patient_id,
                        const std::string& consult_id, const ModalityOrder& order, const std::string& override_reason,
                        const OrderChange& change) {
  if (auto problems = validate_order(order); !problems.empty()) throw ValidationError(std::move(problems));
  const std::string& replaces_order_id = change.order_id;
  OrderRecord record;
  store.write(actor, [&](Transaction& tx) {
    Patient p = require_patient(tx, patient_id);
    std::optional<std::int64_t> expected;
    if (!replaces_order_id.empty()) {
      record = require<OrderRecord>(tx, replaces_order_id, "order");
      if (record.patient_id != patient_id) throw ValidationError("order", "the order belongs to another patient");
      if (record.status != OrderStatus::active) throw ValidationError("order", "a stopped order cannot be changed");
      // Two prescribers changing the same PCA from the same screen: the second must see the
      // first's change before signing over it, not undo it without knowing.
      if (record.meta.version != change.version)
        throw StaleOrder("the order was changed since version " + std::to_string(change.version) + " (now version " +
                         std::to_string(record.meta.version) + ", " + order_summary(record.order) + ", by " +
                         record.prescriber + "); look at it again before changing it");
      expected = record.meta.version;
    } else {
      record.started = now();
    }
    // Checked inside the write: no other order can slip in between the check and the signature.
    DoseCheck check = check_order(settings.formulary, facts_of(tx, p), order,
                                  active_orders(tx, patient_id, replaces_order_id), given_doses(tx, patient_id), now());
    const std::string reason =
        override_reason.find_first_not_of(" \t\r\n") == std::string::npos && expected
            ? carried_override(record, check)
            : override_reason;
    if (check.refused() || !override_problems(check, reason).empty()) throw DoseCheckFailed(check);
    if (!consult_id.empty()) {
      auto c = require<AcuteConsult>(tx, consult_id, "consult");
      if (c.patient_id != patient_id) throw ValidationError("consult", "the consult belongs to another patient");
    }
    record.patient_id = patient_id;
    if (!consult_id.empty()) record.consult_id = consult_id;
    record.order = order;
    record.status = OrderStatus::active;
    record.change_reason = change.reason;
    record.override_reason = check.needs_override() ? reason : "";
    record.findings = check.findings;
    record.prescriber = actor.username;
    put(tx, record, expected);
    if (check.needs_override())
      tx.append_audit(AuditEntry{0, {}, "", "", patient_id, "override-dose-warning", "AcuteOrder", record.meta.id, "",
                                 "ok: " + reason});
  });
  return record;
}

OrderRecord stop_order(Store& store, const Actor& actor, const std::string& order_id, const std::string& reason) {
  if (reason.empty()) throw ValidationError("reason", "say why the order stops");
  OrderRecord record;
  store.write(actor, [&](Transaction& tx) {
    record = require<OrderRecord>(tx, order_id, "order");
    if (record.status == OrderStatus::stopped) throw ValidationError("status", "the order is already stopped");
    record.status = OrderStatus::stopped;
    record.stopped = now();
    record.change_reason = reason;
    put(tx, record, record.meta.version);
  });
  return record;
}

namespace {
// Opens the alerts of `state` that observations made at `at` raised, once each.
std::vector<AlertRecord> open_alerts(Transaction& tx, const std::string& patient_id, const MonitoringState& state,
                                     Instant at) {
  std::vector<AlertRecord> raised;
  // Acknowledged ones too: an alert is raised once, however often the chart is written after it.
  auto known = list<AlertRecord>(tx, patient_id, std::nullopt);
  for (const auto& alert : state.alerts) {
    bool already_raised = false;
    for (const auto& a : known) already_raised |= a.alert.rule == alert.rule && a.alert.observed_at == alert.observed_at;
    if (already_raised || alert.observed_at < at) continue;  // raise once, for this assessment
    AlertRecord record;
    record.patient_id = patient_id;
    record.alert = alert;
    put(tx, record);
    raised.push_back(record);
  }
  return raised;
}
}  // namespace

std::vector<Observation> assessment_observations(const Patient& p, const AssessmentInput& input, Instant at) {
  std::vector<Observation> obs;
  if (input.pain) obs.push_back(observation(p, kLoinc, input.pain_code, *input.pain, input, at, ""));
  if (input.sedation_level) {
    // Validated by the monitoring rules (they know each scale's levels).
    const std::string& level = *input.sedation_level;
    double value = level == "S" ? 0 : std::strtod(level.c_str(), nullptr);
    auto o = observation(p, kReliefCodes, sedation_code(input.sedation_scale), value, input, at, "");
    if (level == "S") o.note = "S";
    obs.push_back(o);
  }
  if (input.respiratory_rate) obs.push_back(observation(p, kLoinc, "9279-1", *input.respiratory_rate, input, at, ""));
  if (input.spo2) obs.push_back(observation(p, kLoinc, "59408-5", *input.spo2, input, at, ""));
  return obs;
}

AssessmentOutcome record_assessment(Store& store, const AcuteSettings& settings, const Actor& actor,
                                    const std::string& patient_id, const AssessmentInput& input) {
  const Instant at = input.at.value_or(now());
  if (!input.pain && !input.sedation_level && !input.respiratory_rate && !input.spo2)
    throw ValidationError("assessment", "record at least one of pain, sedation, respiratory rate, SpO2");
  // Only a pain scale's code may chart a pain score: any other code (a body weight's 29463-7)
  // would write that measure instead, and a "pain" of 10 would become the child's dosing weight.
  if (input.pain && !is_pain_code(input.pain_code)) {
    std::string known;
    for (const auto& c : zero_to_ten_pain_codes()) known += (known.empty() ? "" : ", ") + c;
    throw ValidationError("pain_code", "'" + input.pain_code + "' is not a pain scale's code (one of " + known + ")");
  }
  // A level the scale does not have is refused before anything is charted (POSS has no 0).
  if (input.sedation_level) sedation_level(SedationAssessment{input.sedation_scale, *input.sedation_level, at});
  AssessmentOutcome out;
  store.write(actor, [&](Transaction& tx) {
    out = {};
    Patient p = require_patient(tx, patient_id);
    if (date_of(at) < p.birth_date) throw ValidationError("at", "is before the patient's birth date");
    std::vector<Observation> obs = assessment_observations(p, input, at);
    std::vector<Problem> problems;
    for (const auto& o : obs) {
      auto found = validate_observation(o, now());
      problems.insert(problems.end(), found.begin(), found.end());
    }
    if (!problems.empty()) throw ValidationError(std::move(problems));
    for (auto& o : obs) {
      tx.put(o);
      out.observations.push_back(o);
    }
    for (const auto& o : obs) note_assessment(tx, patient_id, o.code.code, at);
    // The rules' verdict is answered to whoever charted it; alerts are opened only for a child
    // the service is caring for, as for scores charted any other way (raise_monitoring_alerts).
    out.state = evaluate_monitoring(settings.monitoring, monitoring_input(tx, p, now()), now());
    if (has_active_consult(tx, patient_id)) out.raised = open_alerts(tx, patient_id, out.state, at);
  });
  return out;
}

void note_assessment(Transaction& tx, const std::string& patient_id, const std::string& code, Instant at) {
  const bool assessment = find_pain_scale(code) || code == "poss" || code == "umss" || code == "rass";
  if (!assessment || !has_active_consult(tx, patient_id)) return;
  for (auto& c : list<AcuteConsult>(tx, patient_id, std::string("active")))
    if (!c.first_assessed_at && c.accepted_at && !(at < *c.accepted_at)) {
      c.first_assessed_at = at;
      put(tx, c, c.meta.version);
    }
}

std::vector<AlertRecord> raise_monitoring_alerts(Transaction& tx, const AcuteSettings& settings,
                                                 const std::string& patient_id, Instant at) {
  if (!has_active_consult(tx, patient_id)) return {};
  Patient p = require_patient(tx, patient_id);
  return open_alerts(tx, patient_id, evaluate_monitoring(settings.monitoring, monitoring_input(tx, p, now()), now()), at);
}

AlertRecord acknowledge_alert(Store& store, const Actor& actor, const std::string& alert_id,
                              const std::string& action_taken) {
  AlertRecord a;
  store.write(actor, [&](Transaction& tx) {
    a = require<AlertRecord>(tx, alert_id, "alert");
    if (a.status == AlertStatus::acknowledged)
      throw ValidationError("status", "already acknowledged by " + a.acknowledged_by);
    a.status = AlertStatus::acknowledged;
    a.acknowledged_by = actor.username;
    a.acknowledged_at = now();
    a.action_taken = action_taken;
    put(tx, a, a.meta.version);
  });
  return a;
}

std::vector<CensusRow> census(Store& store, const AcuteSettings& settings, Instant now_at) {
  std::vector<CensusRow> rows;
  store.read([&](Reader& r) {
    std::vector<AcuteConsult> consults = list<AcuteConsult>(r, std::nullopt, std::string("active"));
    for (auto& c : list<AcuteConsult>(r, std::nullopt, std::string("requested"))) consults.push_back(c);
    for (auto& c : consults) {
      auto p = r.get<Patient>(c.patient_id);
      if (!p) continue;
      CensusRow row{*p, {}, {}, {}, c, {}, {}, {}, {}, {}, {}, {}};
      Date today = date_of(now_at);
      row.age = p->birth_date <= today ? p->age_on(today) : Age{};
      auto facts = facts_of(r, *p);
      row.weight_kg = facts.weight_kg;
      row.weight_recorded = facts.weight_recorded;
      row.orders = list<OrderRecord>(r, p->meta.id, std::string("active"));
      ObservationQuery q;
      q.patient_id = p->meta.id;
      q.limit = 200;
      for (const auto& o : r.find_observations(q)) {
        if (o.status == ObservationStatus::entered_in_error) continue;
        // Any pain scale, the neonatal and behavioural ones too: a child scored only by NIPS
        // looked pain-free on the board.
        if (!row.latest_pain && find_pain_scale(o.code.code)) row.latest_pain = o;
        if (!row.latest_sedation && (o.code.code == "poss" || o.code.code == "umss" || o.code.code == "rass"))
          row.latest_sedation = o;
        if (!row.latest_respiratory_rate && o.code.code == "9279-1") row.latest_respiratory_rate = o;
        if (!row.latest_spo2 && o.code.code == "59408-5") row.latest_spo2 = o;
      }
      row.open_alerts = list<AlertRecord>(r, p->meta.id, std::string("open"));
      row.due = evaluate_monitoring(settings.monitoring, monitoring_input(r, *p, now_at), now_at).due;
      for (auto& d : course_reviews(settings.formulary, facts, row.orders, now_at)) row.due.push_back(std::move(d));
      rows.push_back(std::move(row));
    }
  });
  std::sort(rows.begin(), rows.end(),
            [](const CensusRow& a, const CensusRow& b) { return b.consult.requested_at < a.consult.requested_at; });
  return rows;
}

}  // namespace relief::acute
