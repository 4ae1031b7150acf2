#include "demo/demo_site.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <random>

#include "core/measure_definitions.hpp"
#include "instruments/administer.hpp"
#include "instruments/site_instruments.hpp"
#include "programs/acute/acute_service.hpp"
#include "security/password.hpp"

namespace relief {
namespace {

constexpr std::array kGiven{"Olivia", "Liam",   "Emma",  "Noah",   "Ava",    "Elijah", "Sophia", "Mateo",
                            "Isabella", "Lucas", "Mia",  "Levi",   "Amelia", "Ezra",   "Harper", "Asher",
                            "Aaliyah", "Kai",   "Nora", "Jayden", "Zoe",    "Omar",   "Priya",  "Diego",
                            "Hana",   "Malik",  "Lea",  "Tomas",  "Ines",   "Yusuf",  "Grace",  "Wei"};
// A child's first names go with the sex the record gives (an outside review found "Olivia, male"
// and "Liam, female" by the hundred, which reads as data-entry errors on a demo).
constexpr std::array kGirls{"Olivia", "Emma", "Ava", "Sophia", "Isabella", "Mia", "Amelia", "Harper",
                            "Aaliyah", "Nora", "Zoe", "Priya", "Hana", "Lea", "Ines", "Grace"};
constexpr std::array kBoys{"Liam", "Noah", "Elijah", "Mateo", "Lucas", "Levi", "Ezra", "Asher",
                           "Kai", "Jayden", "Omar", "Diego", "Malik", "Tomas", "Yusuf", "Wei"};
constexpr std::array kFamily{"Anderson", "Baker",  "Chen",    "Diaz",   "Evans",   "Fischer", "Garcia", "Hughes",
                             "Ibrahim",  "Jensen", "Kowalski", "Lopez", "Murphy",  "Nguyen",  "Okafor", "Patel",
                             "Quinn",    "Rossi",  "Santos",  "Tanaka", "Usman",   "Varga",   "Walker", "Xu",
                             "Young",    "Zhang",  "Moreau",  "Haddad", "Lindqvist", "Mbeki", "Novak",  "Silva"};
constexpr std::array kAcuteReasons{"surgery", "surgery", "surgery", "trauma or injury", "acute exacerbation of chronic pain",
                                   "specific illness or disease", "headache", "acute abdominal pain", "limited mobility",
                                   "complication of treatment"};
constexpr std::array kChronicConditions{"functional abdominal pain", "complex regional pain syndrome", "fibromyalgia",
                                        "migraine", "musculoskeletal pain", "neuropathic pain", "sickle cell disease",
                                        "headache disorder", "amplified musculoskeletal pain", "Ehlers-Danlos hypermobility"};

class DemoBuilder {
 public:
  DemoBuilder(Store& store, const DemoOptions& options, const std::function<void(const std::string&)>& progress)
      : store_(store), options_(options), progress_(progress), rng_(options.seed), answers_rng_(options.seed + 1),
        modality_rng_(options.seed + 2), reassess_rng_(options.seed + 3), night_rng_(options.seed + 4),
        today_(options.anchor.value_or(date_of(now()))),
        now_(options.anchor ? Instant{start_of_day(*options.anchor).ms + 12 * 3'600'000LL} : now()),
        actor_{"demo-generator", Role::admin, "local"} {
    // The shipped instrument definitions, for the questionnaires; without them the demo has none.
    try {
      instruments_ = instruments::SiteInstruments::load("", "");
    } catch (const std::exception& e) {
      if (progress_) progress_(std::string("demo: no questionnaires (") + e.what() + ")");
    }
  }

  DemoSummary run() {
    store_.write(actor_, [&](Transaction& tx) {
      tx.put_site(Site{store_.site_id(), "Riverside Children's Hospital Pain & Palliative Care (SYNTHETIC DEMO)",
                       "America/New_York", true});
    });
    add_staff();
    add_accounts();
    const int days = static_cast<int>(options_.years * 365);
    const Date first = add_days(today_, -days);
    note_progress("acute pain service patients");
    add_patients(static_cast<int>(options_.acute_per_year * options_.years), first, days, Program::acute);
    note_progress("chronic pain clinic patients");
    add_patients(static_cast<int>(options_.clinic_per_year * options_.years), first, days, Program::clinic);
    note_progress("acupuncture patients");
    add_patients(static_cast<int>(options_.acupuncture_per_year * options_.years), first, days, Program::acupuncture);
    note_progress("rehabilitation (IIPT) stays");
    // A dozen beds turned over every ~25 days.
    add_patients(static_cast<int>(options_.iipt_beds * days / 25.0), first, days, Program::iipt);
    flush();
    census_situations();
    return summary_;
  }

 private:
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  double normal(double mean, double sd) { return std::normal_distribution<double>(mean, sd)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <class A>
  auto pick(const A& a) {
    return a[uniform(0, static_cast<int>(a.size()) - 1)];
  }
  void note_progress(const std::string& what) {
    if (progress_) progress_("demo: " + what + " ...");
  }

  void add_staff() {
    struct Team {
      const char* discipline;
      int count;
      const char* credential;
      bool trainee;
    };
    const Team teams[] = {
        {"pain physician", 4, "MD", false},       {"anesthesiologist", 3, "MD", false},
        {"nurse practitioner", 3, "NP", false},   {"nurse", 12, "RN", false},
        {"psychologist", 3, "PhD", false},        {"psychiatrist", 1, "MD", false},
        {"social worker", 2, "LCSW", false},      {"physical therapist", 4, "DPT", false},
        {"occupational therapist", 3, "OTR/L", false}, {"recreational therapist", 1, "CTRS", false},
        {"child life specialist", 2, "CCLS", false}, {"teacher", 2, "MEd", false},
        {"acupuncturist", 2, "LAc", false},       {"acupuncturist", 2, "MSc student", true},
        {"massage therapist", 1, "LMT", false},   {"yoga instructor", 1, "RYT", false},
        {"music therapist", 1, "MT-BC", false},   {"art therapist", 1, "ATR", false},
        {"dietician", 1, "RD", false},            {"program coordinator", 2, "", false},
        {"program director", 1, "MD", false},     {"researcher", 1, "PhD", false},
    };
    store_.write(actor_, [&](Transaction& tx) {
      for (const auto& team : teams)
        for (int i = 0; i < team.count; ++i) {
          Staff s;
          s.family = pick(kFamily);
          s.given = {pick(kGiven)};
          s.discipline = team.discipline;
          if (*team.credential) s.credentials = {team.credential};
          s.trainee = team.trainee;
          tx.put(s);
          staff_by_discipline_[team.discipline].push_back(s.meta.id);
          ++summary_.staff;
        }
    });
  }

  void add_accounts() {
    const std::pair<const char*, Role> accounts[] = {
        {"admin", Role::admin},         {"dr.demo", Role::physician}, {"np.demo", Role::nurse_practitioner},
        {"nurse.demo", Role::nurse},    {"psych.demo", Role::psychologist}, {"pt.demo", Role::therapist},
        {"acu.demo", Role::acupuncturist}, {"trainee.demo", Role::trainee}, {"coord.demo", Role::coordinator},
        {"research.demo", Role::researcher},
    };
    // One hash for all: the demo password is the same for every account.
    const std::string hash = hash_password(options_.password);
    store_.write(actor_, [&](Transaction& tx) {
      for (const auto& [name, role] : accounts) {
        UserAccount u;
        u.username = name;
        u.role = role;
        u.password_hash = hash;
        tx.add_user(u);
        summary_.accounts.push_back({name, std::string(to_string(role))});
      }
    });
  }

  // Median weight for age (kg), from standard pediatric growth: enough for realistic dosing demos.
  static double typical_weight(double age_years) {
    if (age_years < 1) return 3.5 + age_years * 6.5;
    if (age_years < 2) return 10 + (age_years - 1) * 2.5;
    if (age_years < 10) return 12.5 + (age_years - 2) * 2.6;
    return 33 + (age_years - 10) * 4.5;
  }

  Patient make_patient(Date admitted, double min_age, double max_age) {
    Patient p;
    p.mrn = "D" + std::to_string(1'000'000 + next_mrn_++);
    p.family = pick(kFamily);
    p.sex = chance(0.5) ? Sex::female : Sex::male;
    const auto& names = p.sex == Sex::female ? kGirls : kBoys;
    p.given = {pick(names)};
    if (chance(0.3)) {  // a middle name, never the first name again ("Malik Malik Garcia")
      std::string middle = pick(names);
      if (middle == p.given[0])
        middle = names[(std::find(names.begin(), names.end(), middle) - names.begin() + 1) % names.size()];
      p.given.push_back(middle);
    }
    double age = min_age + std::uniform_real_distribution<double>(0, 1)(rng_) * (max_age - min_age);
    p.birth_date = add_days(admitted, -static_cast<int>(age * 365.25));
    p.preferred_language = chance(0.85) ? "en" : (chance(0.6) ? "es" : "ar");
    p.contacts.push_back(Contact{chance(0.7) ? "mother" : "father", pick(kGiven) + std::string(" ") + p.family,
                                 "+1-555-01" + std::to_string(10 + uniform(0, 89)), true});
    return p;
  }

  std::string someone(const char* discipline) {
    const auto& ids = staff_by_discipline_[discipline];
    return ids[uniform(0, static_cast<int>(ids.size()) - 1)];
  }

  // The age-appropriate self-report or observational scale (reference/clinical.md 1.1).
  static std::pair<std::string_view, Reporter> scale_for(double age_years) {
    if (age_years < 4) return {"38213-5", Reporter::clinician};  // FLACC
    if (age_years < 8) return {"57696-7", Reporter::self};       // FPS-R
    return {kPainNrsCode, Reporter::self};                       // 0-10 NRS
  }

  void pain(Transaction& tx, const Patient& p, const std::string& encounter, Instant at, double level,
            const std::string& performer, const std::string& method = "") {
    Date d = date_of(at);
    if (d < p.birth_date) return;
    double age = days_between(p.birth_date, d) / 365.25;
    auto [code, reporter] = scale_for(age);
    const MeasureDefinition* def = find_measure(kLoinc, code);
    double v = std::clamp(std::round(level), 0.0, 10.0);
    if (!def->allowed.empty()) v = std::clamp(2 * std::round(level / 2), 0.0, 10.0);  // faces: even steps
    Observation o;
    o.patient_id = p.meta.id;
    o.encounter_id = encounter;
    o.category = std::string(def->category);
    o.code = Coding{std::string(def->system), std::string(def->code), std::string(def->display)};
    o.value = v;
    o.unit = std::string(def->unit);
    o.reporter = reporter;
    o.performer_id = performer;
    o.method = method;
    o.effective = at;
    tx.put(o);
    ++summary_.observations;
    // Parents of younger self-reporters often rate too; charted as a separate series.
    if (reporter == Reporter::self && age < 12 && chance(0.25)) {
      Observation parent = o;
      parent.meta = {};
      parent.reporter = Reporter::parent;
      parent.value = std::clamp(v + uniform(-1, 2), 0.0, 10.0);
      if (!def->allowed.empty()) parent.value = std::clamp(2 * std::round(*parent.value / 2), 0.0, 10.0);
      tx.put(parent);
      ++summary_.observations;
    }
  }

  double weight(Transaction& tx, const Patient& p, Instant at, const std::string& performer) {
    double age = days_between(p.birth_date, date_of(at)) / 365.25;
    Observation o;
    o.patient_id = p.meta.id;
    o.category = "vital-signs";
    o.code = Coding{std::string(kLoinc), std::string(kBodyWeightCode), "Body weight"};
    o.value = std::round(typical_weight(age) * std::clamp(normal(1.0, 0.12), 0.7, 1.5) * 10) / 10;
    o.unit = "kg";
    o.reporter = Reporter::clinician;
    o.performer_id = performer;
    o.effective = at;
    tx.put(o);
    ++summary_.observations;
    return *o.value;
  }

  Encounter encounter(Transaction& tx, const Patient& p, const Episode& e, const char* kind, Instant start, int minutes,
                      const std::string& location, const std::string& staff) {
    Encounter enc;
    enc.patient_id = p.meta.id;
    enc.episode_id = e.meta.id;
    enc.kind = kind;
    enc.status = start.ms + minutes * 60'000LL < now_.ms ? EncounterStatus::finished : EncounterStatus::in_progress;
    enc.start = start;
    if (enc.status == EncounterStatus::finished) enc.end = Instant{start.ms + minutes * 60'000LL};
    enc.location = location;
    enc.participant_ids = {staff};
    tx.put(enc);
    ++summary_.encounters;
    return enc;
  }

  void note(Transaction& tx, const Patient& p, const Encounter& enc, const std::string& author, const char* kind,
            std::string text) {
    Note n;
    n.patient_id = p.meta.id;
    n.encounter_id = enc.meta.id;
    n.author_id = author;
    n.kind = kind;
    n.written = enc.start;
    n.text = "SYNTHETIC DEMO NOTE. " + std::move(text);
    tx.put(n);
    ++summary_.notes;
  }

  Instant at(Date d, int hour, int minute) { return Instant{start_of_day(d).ms + (hour * 60LL + minute) * 60'000}; }

  void acute_stay(Transaction& tx, Patient& p, Date start) {
    // A stay's first day is charted from 06:40 (consult) to 09:00 (orders): before 10:00 a stay
    // beginning today would show a weight and orders from later today, so it began yesterday.
    if (!(start < today_) && now_.ms < at(today_, 10, 0).ms) start = add_days(today_, -1);
    int stay = uniform(1, 5);
    Date end = add_days(start, stay);
    bool ongoing = now_.ms < at(end, 11, 0).ms;  // signed off at 11:00 on its last day
    Episode e;
    e.patient_id = p.meta.id;
    e.program = Program::acute;
    e.status = ongoing ? EpisodeStatus::active : EpisodeStatus::finished;
    e.start = start;
    if (!ongoing) e.end = end;
    e.reason = pick(kAcuteReasons);
    e.care_manager_id = someone("pain physician");
    tx.put(e);
    ++summary_.episodes;
    const double kg = weight(tx, p, at(start, 7, 30), someone("nurse"));
    const bool opioid = acute_consult(tx, p, e, start, end, ongoing, kg);
    // The opioid ran from the first morning to the morning before the last day.
    if (!ongoing && opioid && days_between(start, end) >= 2) drowsy_night(tx, p, add_days(start, 1));
    double level = std::clamp(normal(6.5, 1.5), 3.0, 10.0);
    for (int day = 0; day <= stay && add_days(start, day) <= today_; ++day) {
      Date d = add_days(start, day);
      Instant round_at = at(d, 8, uniform(0, 50));
      if (round_at.ms > now_.ms) break;  // today's round has not happened yet
      auto round = encounter(tx, p, e, "inpatient-round", round_at, 20,
                             "Ward " + std::to_string(uniform(3, 7)) + "-" + std::to_string(uniform(1, 30)),
                             e.care_manager_id);
      if (day == 0)
        note(tx, p, round, e.care_manager_id, "consult",
             "Acute pain service consult for " + e.reason + ". Plan agreed with primary team.");
      // Bedside assessments every four hours through the day.
      for (int hour = 2; hour < 24; hour += 4) {
        Instant t = at(d, hour, uniform(0, 59));
        if (t.ms > now_.ms) break;
        const double score = level + normal(0, 0.8);
        const std::string nurse = someone("nurse");  // who reassesses, too
        pain(tx, p, round.meta.id, t, score, nurse);
        // Severe pain is treated and reassessed within the hour, as the census asks: without it
        // half the census started overdue (an outside review). Drawn apart from the rest.
        if (score >= 6.5) {
          Instant again{t.ms + std::uniform_int_distribution<int>(25, 55)(reassess_rng_) * 60'000LL};
          if (again.ms <= now_.ms)
            pain(tx, p, round.meta.id, again, score - std::uniform_real_distribution<double>(2, 3.5)(reassess_rng_), nurse);
        }
      }
      level = std::max(0.0, level - std::clamp(normal(1.2, 0.6), 0.0, 3.0));
    }
  }

  // Every acute stay has its consult: signed off with a follow-up when the stay is over, still on
  // the census when not. School-age children mostly get a morphine PCA at the usual 20 mcg/kg
  // demand dose (within the formulary's limits), stopped when the stay ends.
  // Answers whether an opioid ran (a PCA, or an epidural with fentanyl).
  bool acute_consult(Transaction& tx, const Patient& p, const Episode& e, Date start, Date end, bool ongoing,
                     double kg) {
    using namespace relief::acute;
    AcuteConsult c;
    c.patient_id = p.meta.id;
    auto reason = boost::json::value_to<ConsultReason>(boost::json::value(consult_reason_code(e.reason)));
    c.reason = reason;
    c.detail = e.reason;
    c.oncology = chance(0.15);
    c.requesting_service = reason == ConsultReason::surgery ? (chance(0.5) ? "orthopaedics" : "general surgery")
                                                            : "hospital medicine";
    c.urgency = chance(0.2) ? Urgency::urgent : Urgency::routine;
    c.status = ongoing ? ConsultStatus::active : ConsultStatus::signed_off;
    c.location = bed(uniform(3, 7), uniform(1, 30), ongoing);
    c.assigned_id = e.care_manager_id;
    c.requested_at = at(start, 6, 40);
    c.accepted_at = at(start, 7, 5);
    c.first_assessed_at = Instant{at(start, 7, 5).ms + uniform(5, 90) * 60'000LL};
    if (!ongoing) {
      c.signed_off_at = at(end, 11, 0);
      c.follow_up = chance(0.3) ? "pain clinic in 2 weeks" : "primary team; no pain clinic follow-up needed";
    }
    put(tx, c);
    bool pca = p.age_on(start).years >= 6 && chance(0.7);
    // One school-age child on the census is still waiting for the service's plan (nothing
    // ordered yet), so a demo user can order a PCA from the census, whatever the draws gave.
    if (pca && ongoing && !plan_pending_ && kg >= 20 && kg < 50) pca = false, plan_pending_ = true;
    // About a fifth of the surgical children get an epidural (bupivacaine 0.1% with fentanyl
    // 2 mcg/mL at 0.2 mL/kg/h: 0.2 mg/kg/h, within the formulary) and a tenth a nerve catheter
    // (ropivacaine 0.2% at 0.1 mL/kg/h), so the statistics and the census show every catheter.
    const double draw = std::uniform_real_distribution<double>(0, 1)(modality_rng_);
    const bool surgical = reason == ConsultReason::surgery;
    std::optional<ModalityOrder> catheter;
    if (pca && surgical && draw < 0.3) {
      const double dosing_kg = std::min(kg, 50.0);
      CatheterOrder o;
      if (draw < 0.2) {
        o.site = draw < 0.1 ? "T10 epidural" : "L2-3 epidural";
        o.drug = "bupivacaine";
        o.concentration = Concentration{0.1, ConcentrationUnit::percent};
        o.additives = {Additive{"fentanyl", Concentration{2, ConcentrationUnit::mcg_per_ml}}};
        o.rate_ml_h = std::round(dosing_kg * 0.2 * 10) / 10;
        catheter = make_order(Modality::epidural, o);
      } else {
        o.site = draw < 0.25 ? "left femoral" : "right sciatic";
        o.drug = "ropivacaine";
        o.concentration = Concentration{0.2, ConcentrationUnit::percent};
        o.rate_ml_h = std::round(dosing_kg * 0.1 * 10) / 10;
        catheter = make_order(Modality::peripheral_nerve_catheter, o);
      }
    }
    if (pca) {
      PcaOrder pca;
      pca.drug = "morphine";
      pca.concentration = Concentration{1, ConcentrationUnit::mg_per_ml};
      double demand_mg = std::round(kg * 0.020 * 100) / 100;  // 20 mcg/kg
      pca.demand_dose = DrugAmount{demand_mg, AmountUnit::mg};
      pca.lockout_min = 10;
      pca.limit_1h = DrugAmount{std::round(kg * 0.1 * 10) / 10, AmountUnit::mg};  // 100 mcg/kg
      pca.limit_4h = DrugAmount{std::round(kg * 0.3 * 10) / 10, AmountUnit::mg};  // 300 mcg/kg
      OrderRecord order;
      order.patient_id = p.meta.id;
      order.consult_id = c.meta.id;
      order.order = catheter ? *catheter : make_order(pca);
      order.order.indication = e.reason;
      order.started = at(start, 9, 0);
      order.change_reason = "start";
      order.prescriber = "dr.demo";
      if (!ongoing) {
        order.status = OrderStatus::stopped;
        order.stopped = at(add_days(end, -1), 10, 0);
        order.change_reason = "converted to oral analgesia";
      }
      put(tx, order);
      // Children still on the service get multimodal analgesia beside the PCA: acetaminophen
      // 15 mg/kg IV every 6 h (60 mg/kg/day, the default daily maximum from 10 kg, at most 1 g a
      // dose) and, for some, ketorolac 0.5 mg/kg IV every 6 h kept to the default 40 mg/day; a
      // course begun 2 or more days ago shows the 48-hour review on the census.
      if (ongoing) {
        auto scheduled = [&](const std::string& drug, double mg) {
          OrderRecord o = order;
          o.order = make_order(ScheduledDoseOrder{drug, Route::iv, DrugAmount{mg, AmountUnit::mg}, 6, false, std::nullopt});
          o.order.indication = e.reason;
          o.status = OrderStatus::active;
          o.stopped.reset();
          o.meta = {};
          put(tx, o);
        };
        // Rounded down as a prescriber would write it: to 10 mg from 100 mg (802 mg reads as a
        // typo), else to 1 mg.
        double acetaminophen = std::min(1000.0, kg * 15);
        scheduled("acetaminophen", acetaminophen >= 100 ? std::floor(acetaminophen / 10) * 10 : std::floor(acetaminophen));
        if (chance(0.5)) scheduled("ketorolac", std::min(10.0, std::floor(kg * 0.5 * 10) / 10));
      }
    }
    if (ongoing) on_service_.push_back(p.meta.id);
    const bool opioid = pca && (!catheter || catheter->kind == Modality::epidural);
    if (ongoing && opioid) on_opioid_.push_back(p.meta.id);
    return opioid;
  }

  // A night on the opioid when the child was too drowsy: POSS 3 at the 4-hourly check, the
  // alert the service raises for it (the same rules as the census, so its message and source are
  // the site's), and the nurse's acknowledgement a few minutes later. About one opioid stay in
  // fifteen: a demo figure so the service statistics have alerts to show, not a clinical rate.
  void drowsy_night(Transaction& tx, const Patient& p, Date night) {
    if (!std::bernoulli_distribution(1.0 / 15)(night_rng_)) return;
    auto draw = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(night_rng_); };
    const Instant t = at(night, draw(1, 5), draw(0, 59));
    acute::AssessmentInput check;
    check.pain = 2;
    check.sedation_level = "3";
    check.respiratory_rate = draw(10, 18);
    for (auto& o : acute::assessment_observations(p, check, t)) {
      o.performer_id = someone("nurse");
      tx.put(o);
      ++summary_.observations;
    }
    acute::MonitoringInput seen;
    seen.age_months = p.age_on(night).total_months;
    seen.sedation = {acute::SedationAssessment{acute::SedationScale::poss, "3", t}};
    seen.respiratory_rate = {acute::VitalSign{*check.respiratory_rate, t}};
    static const char* const kActions[] = {
        "PCA held, pain fellow paged; POSS 2 at the 30-minute check",
        "Demand dose paused, pain fellow reviewed; restarted at three quarters of the dose",
        "PCA held, oxygen by nasal cannula, fellow at the bedside; POSS 1 within the hour",
    };
    for (const auto& alert : acute::evaluate_monitoring(acute::default_monitoring_settings(), seen, t).alerts) {
      acute::AlertRecord record;
      record.patient_id = p.meta.id;
      record.alert = alert;
      record.status = acute::AlertStatus::acknowledged;
      record.acknowledged_by = "nurse.demo";
      record.acknowledged_at = Instant{t.ms + draw(3, 25) * 60'000LL};
      record.action_taken = kActions[draw(0, 2)];
      acute::put(tx, record);
    }
  }

  static std::string consult_reason_code(const std::string& reason) {
    std::string code;
    for (char ch : reason) code += ch == ' ' ? '_' : ch;
    if (code == "specific_illness_or_disease") return "specific_illness";
    return code;
  }

  // "Ward W bed B". A child still on the census gets a bed no other such child is in (the next
  // free one on the ward), without drawing again, so the rest of the demo stays as it was.
  std::string bed(int ward, int number, bool ongoing) {
    auto name = [&] { return "Ward " + std::to_string(ward) + " bed " + std::to_string(number); };
    if (!ongoing) return name();
    for (int tries = 0; tries < 30 && occupied_beds_.count(name()); ++tries) number = number % 30 + 1;
    occupied_beds_.insert(name());
    return name();
  }

  // Two bedside situations the night fellow should see on the census: a child too sedated on
  // the PCA (POSS 3: hold the opioid) and a child in severe pain whose reassessment is overdue.
  void census_situations() {
    if (on_service_.size() < 2) return;
    // The drowsy child is one with an opioid running: "hold the opioid" on a child with none
    // read as a mistake (an outside review). The child in pain is another.
    const std::string drowsy_child = on_opioid_.empty() ? on_service_[0] : on_opioid_[0];
    const std::string hurting_child = on_service_[0] == drowsy_child ? on_service_[1] : on_service_[0];
    acute::AcuteSettings settings{acute::Formulary{}, acute::default_monitoring_settings()};
    acute::AssessmentInput drowsy;
    drowsy.pain = 2;
    drowsy.sedation_level = "3";
    drowsy.respiratory_rate = 14;
    drowsy.at = Instant{now_.ms - 20 * 60'000};
    acute::record_assessment(store_, settings, Actor{"nurse.demo", Role::nurse, "local"}, drowsy_child, drowsy);
    acute::AssessmentInput hurting;
    hurting.pain = 8;
    hurting.sedation_level = "1";
    hurting.at = Instant{now_.ms - 90 * 60'000};
    acute::record_assessment(store_, settings, Actor{"nurse.demo", Role::nurse, "local"}, hurting_child, hurting);
  }

  void clinic_course(Transaction& tx, Patient& p, Date start) {
    Episode e;
    e.patient_id = p.meta.id;
    e.program = Program::clinic;
    e.start = start;
    e.reason = pick(kChronicConditions);
    e.care_manager_id = someone("pain physician");
    int visits = uniform(2, 5);
    Date last = add_days(start, 42 * (visits - 1));
    e.status = last < today_ ? EpisodeStatus::finished : EpisodeStatus::active;
    if (e.status == EpisodeStatus::finished) e.end = last;
    tx.put(e);
    ++summary_.episodes;
    double level = std::clamp(normal(6, 1.3), 3.0, 9.0);
    for (int v = 0; v < visits; ++v) {
      Date d = add_days(start, 42 * v);
      if (today_ < d) break;
      auto visit = encounter(tx, p, e, "clinic-visit", at(d, uniform(8, 15), 0), 60, "Pain Clinic", e.care_manager_id);
      if (v == 0) {
        weight(tx, p, visit.start, someone("nurse"));
        note(tx, p, visit, e.care_manager_id, "evaluation",
             "Interdisciplinary evaluation (pain, psychological, behavioral) for " + e.reason + ".");
      }
      pain(tx, p, visit.meta.id, Instant{visit.start.ms + 600'000}, level, someone("nurse"));
      // Function at every visit, catastrophizing at the first and the last, tracking the pain.
      questionnaire(tx, p, visit, "fdi-child", 15, level / 10.0);
      if (v == 0 || v == visits - 1) questionnaire(tx, p, visit, "pcs-c", 13, level / 12.0);
      level = std::max(0.0, level - std::clamp(normal(0.6, 0.7), -0.5, 2.0));
    }
  }

  void acupuncture_series(Transaction& tx, Patient& p, Date start) {
    Episode e;
    e.patient_id = p.meta.id;
    e.program = Program::acupuncture;
    e.start = start;
    e.reason = pick(kChronicConditions);
    e.care_manager_id = someone("acupuncturist");
    int sessions = uniform(4, 10);
    Date last = add_days(start, (sessions / 2) * 7);
    e.status = last < today_ ? EpisodeStatus::finished : EpisodeStatus::active;
    if (e.status == EpisodeStatus::finished) e.end = last;
    tx.put(e);
    ++summary_.episodes;
    double before = std::clamp(normal(6.5, 1.0), 4.0, 9.0);
    for (int s = 0; s < sessions; ++s) {
      Date d = add_days(start, (s / 2) * 7 + (s % 2) * 3);  // two sessions a week
      if (today_ < d) break;
      auto session = encounter(tx, p, e, "acupuncture-session", at(d, uniform(9, 16), 0), 45, "Acupuncture Room",
                               e.care_manager_id);
      pain(tx, p, session.meta.id, session.start, before, e.care_manager_id, "before session");
      pain(tx, p, session.meta.id, Instant{session.start.ms + 40 * 60'000}, std::max(0.0, before - normal(5, 1.2)),
           e.care_manager_id, "after session");
      before = std::max(1.0, before - std::clamp(normal(0.5, 0.4), 0.0, 1.5));
    }
  }

  void iipt_stay(Transaction& tx, Patient& p, Date start) {
    Episode e;
    e.patient_id = p.meta.id;
    e.program = Program::iipt;
    e.start = start;
    e.reason = pick(kChronicConditions);
    e.care_manager_id = someone("program coordinator");
    int stay = uniform(21, 28);
    Date end = add_days(start, stay);
    e.status = end < today_ ? EpisodeStatus::finished : EpisodeStatus::active;
    if (e.status == EpisodeStatus::finished) e.end = end;
    tx.put(e);
    ++summary_.episodes;
    weight(tx, p, at(start, 8, 0), someone("nurse"));
    // Pain often lags function: a slow, noisy decline (PRODUCT.md, Outcomes).
    double level = std::clamp(normal(6.5, 1.2), 4.0, 9.0);
    double slope = chance(0.27) ? 0.0 : normal(0.08, 0.04);
    for (int day = 0; day <= stay; ++day) {
      Date d = add_days(start, day);
      if (today_ < d) break;
      auto pt = encounter(tx, p, e, "therapy-session", at(d, 9, 30), 60, "Gym", someone("physical therapist"));
      pain(tx, p, pt.meta.id, at(d, 7, uniform(0, 30)), level + normal(0, 0.7), someone("nurse"));
      // Admission and discharge questionnaires: function improves faster than pain (PRODUCT.md).
      if (day == 0 || day == stay) {
        const double improvement = day == 0 ? 0.0 : 0.45;
        questionnaire(tx, p, pt, "fdi-child", 15, (level / 10.0) * (1.0 - improvement));
        questionnaire(tx, p, pt, "pcs-c", 13, (level / 12.0) * (1.0 - improvement / 2));
      }
      level = std::max(0.0, level - slope);
    }
  }

  // A self-reported questionnaire of `items` items scored 0-4, answered around `share` of the
  // maximum (with a separate random stream, so the rest of the demo does not change with it).
  // The instruments are validated from 8 years; younger children are not asked.
  void questionnaire(Transaction& tx, const Patient& p, const Encounter& visit, const char* instrument, int items,
                     double share) {
    if (!instruments_ || p.age_on(date_of(visit.start)).total_months < 96) return;
    instruments::AdministrationRequest request;
    request.patient_id = p.meta.id;
    request.instrument = instrument;
    request.encounter_id = visit.meta.id;
    if (!visit.participant_ids.empty()) request.author_id = visit.participant_ids.front();
    request.authored = Instant{visit.start.ms + 20 * 60'000};
    if (now() < *request.authored) return;  // an --anchor-date ahead of the clock: charting refuses the future
    auto& a = request.answers.administration;
    a.reporter = Reporter::self;
    std::normal_distribution<double> noise(0, 0.8);
    for (int i = 1; i <= items; ++i)
      a.answers[std::to_string(i)] = {std::clamp(std::round(4 * share + noise(answers_rng_)), 0.0, 4.0), ""};
    auto charted = instruments::chart_administration(tx, *instruments_, request);
    ++summary_.questionnaires;
    summary_.observations += static_cast<int>(charted.observations.size());
  }

  void add_patients(int count, Date first, int days, Program program) {
    for (int i = 0; i < count; ++i) {
      Date start = add_days(first, static_cast<int>(static_cast<double>(i) * days / count) + uniform(0, 2));
      if (today_ < start) start = today_;
      Patient p;
      switch (program) {
        case Program::acute: p = make_patient(start, 0.05, 18); break;
        case Program::clinic: p = make_patient(start, 6, 18); break;
        case Program::acupuncture: p = make_patient(start, 1.5, 22); break;
        case Program::iipt: p = make_patient(start, 8, 18); break;
        case Program::palliative: p = make_patient(start, 0.5, 18); break;
      }
      pending_.push_back([this, p, start, program](Transaction& tx) mutable {
        tx.put(p);
        ++summary_.patients;
        switch (program) {
          case Program::acute: acute_stay(tx, p, start); break;
          case Program::clinic: clinic_course(tx, p, start); break;
          case Program::acupuncture: acupuncture_series(tx, p, start); break;
          default: iipt_stay(tx, p, start); break;
        }
      });
      if (pending_.size() >= 250) flush();
    }
  }

  // Many patients per commit: the demo's thousands of records land in seconds, not minutes.
  void flush() {
    if (pending_.empty()) return;
    store_.write(actor_, [&](Transaction& tx) {
      for (auto& add : pending_) add(tx);
    });
    pending_.clear();
    if (progress_)
      progress_("demo: " + std::to_string(summary_.patients) + " patients, " + std::to_string(summary_.observations) +
                " observations");
  }

  Store& store_;
  const DemoOptions& options_;
  std::function<void(const std::string&)> progress_;
  std::mt19937_64 rng_;
  std::mt19937_64 answers_rng_;
  // Which surgical children get an epidural or a nerve catheter instead of the PCA: drawn apart,
  // so the rest of the demo (and the tests that rely on its census) stays as it was.
  std::mt19937_64 modality_rng_;
  std::mt19937_64 reassess_rng_;  // when severe pain is reassessed, and how much better it is
  std::mt19937_64 night_rng_;     // which past opioid stays had a night too drowsy, and its answer
  std::optional<instruments::SiteInstruments> instruments_;
  Date today_;
  Instant now_;  // the demo's "now": the anchor day's noon, or the real time
  Actor actor_;
  DemoSummary summary_;
  int next_mrn_ = 0;
  std::map<std::string, std::vector<std::string>> staff_by_discipline_;
  std::vector<std::function<void(Transaction&)>> pending_;
  std::vector<std::string> on_service_;  // patients with an open acute pain consult
  std::vector<std::string> on_opioid_;   // those of them with an opioid running (PCA, epidural fentanyl)
  bool plan_pending_ = false;             // a school-age child on the census has no order yet
  std::set<std::string> occupied_beds_;   // where those patients are
};

}  // namespace

std::string demo_refusal(Reader& r) {
  if (r.count("Patient") > 0) return "the database already holds patients";
  if (!r.users().empty()) return "the database already has user accounts";
  if (r.count("Practitioner") > 0) return "the database already holds staff records";
  return "";
}

DemoSummary build_demo_site(Store& store, const DemoOptions& options,
                            const std::function<void(const std::string&)>& progress) {
  return DemoBuilder(store, options, progress).run();
}

}  // namespace relief
