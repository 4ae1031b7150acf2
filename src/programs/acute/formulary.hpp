#pragma once
// The site formulary: every dose limit Relief checks, read from data/formulary/*.json (one file
// per drug or group; the format is in docs/formulary.md). Nothing in the checking code knows a
// number: each limit here carries its source tag from shared/reference/clinical.md, how well that
// source was verified, and whether the site's pharmacy has confirmed it. The shipped values are
// reference values that the site's pharmacy must confirm.
//
// Hard limits refuse an order. Soft limits warn and need an override reason; a site administrator
// may change or switch off a soft limit (FormularySettings) but never a hard one, which only a
// change to the formulary files (the pharmacy's) can move. Where sources disagree, a drug offers a
// site choice and its limits name the option they belong to.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "programs/acute/route.hpp"

namespace relief::acute {

inline constexpr std::string_view kReferenceNotice =
    "Reference values that the site's pharmacy must confirm before clinical use.";

// What a limit caps, each with one unit the formulary must use (checked when it loads).
enum class Measure {
  pca_demand_per_kg,          // mcg/kg per demand dose
  pca_basal_per_kg_h,         // mcg/kg/h
  pca_basal_per_h,            // mcg/h (an absolute cap for a heavy child)
  pca_1h_per_kg,              // mcg/kg the pump can deliver in any hour
  pca_4h_per_kg,              // mcg/kg the pump can deliver in any 4 hours
  pca_patient_min_age,        // months: younger children rarely work a PCA button themselves
  infusion_per_kg_h,          // mg/kg/h of a regional infusion
  infusion_volume_per_kg_h,   // mL/kg/h of a regional infusion
  additive_concentration,     // mcg/mL of this drug added to a local anaesthetic
  catheter_boluses_per_4h,    // clinician boluses allowed in 4 h
  single_dose_per_kg,         // mg/kg in one dose, block or bolus
  single_dose,                // mg in one dose
  day_per_kg,                 // mg/kg in any 24 hours, every route and order summed
  day,                        // mg in any 24 hours
  min_age,                    // months: younger is outside the drug's limits
  min_weight,                 // kg
  min_pma,                    // weeks postmenstrual age
  course_hours,               // hours a course may run, from its first dose (a 24-h pause ends a course)
  caution,                    // no number: a warning (or refusal) whenever the conditions hold
};
std::string to_string(Measure m);
std::optional<Measure> measure_from_string(std::string_view s);
std::string canonical_unit(Measure m);  // "mcg/kg", "mg/kg/day", "" for caution
bool is_minimum(Measure m);             // min_age, min_weight, min_pma, pca_patient_min_age

enum class Strength { hard, soft };  // hard refuses; soft warns and needs an override reason
std::string to_string(Strength s);

// How well the value rests on its source (clinical.md's tags): read directly (V), partly (P),
// recalled but not retrieved (M), or computed from sourced values by the rule in the note.
enum class Evidence { V, P, M, derived };
std::string to_string(Evidence e);

// When a limit applies. Ages are completed months, bounds are [min, max). A condition on
// postmenstrual age holds when the PMA is unknown, so the stricter neonatal limit applies.
struct Applicability {
  std::optional<double> min_age_months, max_age_months;
  std::optional<double> min_pma_weeks, max_pma_weeks;
  std::optional<double> min_weight_kg, max_weight_kg;
  std::vector<Route> routes;                    // empty: any route
  std::optional<bool> with_adrenaline;          // single-shot local anaesthetic maxima
  std::map<std::string, std::string> site_choice;  // setting id -> option this limit belongs to
  std::string describe() const;                 // "under 6 months, IV" for messages
};

// The patient and dose context a limit is matched against.
struct LimitContext {
  double age_months = 0;
  std::optional<double> pma_weeks;
  std::optional<double> weight_kg;
  std::vector<Route> routes;        // the routes in play (a 24-hour window may hold several)
  bool with_adrenaline = false;
};

struct Limit {
  std::string id;          // unique within its drug: "pca-demand-hard"
  std::string drug;        // the drug it belongs to
  Measure measure = Measure::caution;
  Strength strength = Strength::hard;
  double value = 0;
  std::string unit;        // canonical_unit(measure)
  Applicability when;
  std::string source;      // "[S94] UpToDate IV PCA table: 15 mcg/kg (range 10-30)"
  Evidence evidence = Evidence::M;
  bool pharmacy_confirmed = false;
  std::string note;        // why this value, or for a caution the sentence the prescriber reads
  std::string origin;      // file it came from
  std::string rule_id() const { return drug + "/" + id; }
};

// A percentage reduction of other limits under conditions (amides -30% under 6 months).
struct Reduction {
  std::string id;
  std::vector<Measure> measures;
  double percent = 0;
  Applicability when;
  std::string source;
  Evidence evidence = Evidence::M;
  bool pharmacy_confirmed = false;
  std::string note;
};

// A point where sources disagree: the site picks one option (docs/formulary.md lists them).
struct SiteChoice {
  std::string id;                               // "daily-max"
  std::string description;
  std::map<std::string, std::string> options;   // option id -> what it means and its source
  std::string default_option;                   // the most conservative, unless the note says why not
  std::string chosen;                           // after configure(); the default until then
};

enum class DrugClass { opioid, local_anaesthetic, non_opioid, adjuvant };
std::string to_string(DrugClass c);

struct DrugEntry {
  std::string id;          // "morphine"
  std::string name;        // "Morphine"
  DrugClass drug_class = DrugClass::non_opioid;
  std::vector<Route> routes;  // routes the formulary allows
  std::map<std::string, SiteChoice> choices;
  std::vector<Limit> limits;
  std::vector<Reduction> reductions;
  std::string origin;
};

// A limit as it applies to one patient: reductions applied, strictest of its strength chosen.
struct AppliedLimit {
  const Limit* limit = nullptr;
  double value = 0;                          // after reductions
  std::vector<const Reduction*> reductions;  // that lowered it
  std::string explain() const;               // "1.75 mg/kg (2.5 mg/kg less 30% under 6 months [S106])"
};

// Admin settings: choices where sources disagree, and soft limits changed or switched off.
struct SoftLimitChange {
  std::optional<double> value;
  bool disabled = false;
  std::string reason;  // why the site changed it; shown with the finding
};
struct FormularySettings {
  std::map<std::string, std::string> choices;          // "acetaminophen/daily-max" -> "s109-label"
  std::map<std::string, SoftLimitChange> soft_limits;  // "morphine/pca-demand-soft" -> change
};

class Formulary {
 public:
  // Reads every *.json directly in `dir`. Throws relief::ValidationError whose problems name the
  // file and the JSON path ("morphine.json:/drugs/0/limits/2/unit").
  static Formulary load_directory(const std::filesystem::path& dir);
  // Adds the drugs of one file's JSON; `origin` names it in errors. Throws relief::ValidationError.
  void add(const boost::json::value& file, const std::string& origin);

  // A copy with the site's settings applied. Throws relief::ValidationError for an unknown drug,
  // setting, option or limit, or an attempt to change a hard limit.
  Formulary configured(const FormularySettings& settings) const;

  const DrugEntry* find(std::string_view drug) const;
  std::vector<const DrugEntry*> drugs() const;  // by id
  const std::string& notice() const { return notice_; }

  // The limits of `drug` for `measure` that apply in `ctx` (site choice, age, route ...), with
  // reductions applied; for each strength the strictest one (lowest maximum, highest minimum).
  struct Strictest {
    std::optional<AppliedLimit> hard;
    std::optional<AppliedLimit> soft;
    bool any() const { return hard || soft; }
  };
  Strictest strictest(const DrugEntry& drug, Measure measure, const LimitContext& ctx) const;
  // Every applicable limit (cautions need all of them, not the strictest).
  std::vector<AppliedLimit> applicable(const DrugEntry& drug, Measure measure, const LimitContext& ctx) const;

 private:
  std::map<std::string, DrugEntry, std::less<>> drugs_;
  std::string notice_{kReferenceNotice};
};

FormularySettings parse_formulary_settings(const boost::json::value& json);

}  // namespace relief::acute
