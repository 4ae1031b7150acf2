#pragma once
// Dose checking of a proposed order against the site formulary, for one child, with everything
// else that runs into them: other active orders and the doses given in the last 24 hours.
//
// A pure function: the caller gathers the facts (weight, age, orders, the medication record) and
// the clock; check_order reads nothing else. Each finding says what was computed, the limit it
// met, the limit's source, and a sentence a prescriber understands. A refusal cannot be
// overridden; a warning can, with a reason the caller records and audits.
#include <boost/describe.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "core/time.hpp"
#include "programs/acute/formulary.hpp"
#include "programs/acute/modality_order.hpp"
#include "programs/acute/quantity.hpp"

namespace relief::acute {

// What dose checking must know about the child.
struct PatientFacts {
  std::optional<double> weight_kg;          // dosing weight; without it weight-based orders are refused
  int age_months = 0;                       // completed months (relief::age_on)
  std::optional<double> postmenstrual_age_weeks;  // for neonates and ex-premature infants
  std::optional<Instant> weight_recorded;   // when the weight was measured; an old one is warned about
  // drug -> when the current course began (course_starts in delivered_doses.hpp); a drug absent
  // here starts a new course with this order. Not part of the JSON form.
  std::map<std::string, Instant> course_started;
};
BOOST_DESCRIBE_STRUCT(PatientFacts, (), (weight_kg, weight_recorded, age_months, postmenstrual_age_weeks))

// A dose already given (from the medication record or a pump history). What a regional infusion
// delivered belongs here too (e.g. its hourly volumes): the 24-hour totals count only what is
// reported plus what running orders will deliver from now on.
struct GivenDose {
  std::string drug;
  Route route = Route::iv;
  DrugAmount amount;                        // mg or mcg; mL with a concentration
  std::optional<Concentration> concentration;
  Instant at;
  bool single_shot = false;  // a block or spinal injection, not an hour of an infusion
};
BOOST_DESCRIBE_STRUCT(GivenDose, (), (drug, route, amount, concentration, at, single_shot))

// Another order that is running. For a changed order, leave its previous version out.
struct ActiveOrder {
  ModalityOrder order;
  std::optional<Instant> next_dose_due;     // scheduled doses: when the next one falls (default: now)
};
BOOST_DESCRIBE_STRUCT(ActiveOrder, (), (order, next_dose_due))

enum class Severity { refuse, warn };
BOOST_DESCRIBE_ENUM(Severity, refuse, warn)

struct Finding {
  Severity severity = Severity::refuse;
  std::string rule;                         // "morphine/pca-demand-hard", or "order/weight-required"
  std::optional<Quantity> computed;         // {40, "mcg/kg"}
  std::optional<Quantity> limit;            // {30, "mcg/kg"}, after any infant reduction
  std::string source;                       // "[S94] UpToDate IV PCA regimens ..." or "Relief rule"
  std::string evidence;                     // V, P, M, derived; empty for Relief's own rules
  bool pharmacy_confirmed = false;
  std::string message;                      // the sentence for the prescriber
};
BOOST_DESCRIBE_STRUCT(Finding, (), (severity, rule, computed, limit, source, evidence, pharmacy_confirmed, message))

struct DoseCheck {
  std::vector<Finding> findings;
  std::string notice;                       // the formulary's "reference values ... pharmacy" label
  bool refused() const;
  bool needs_override() const;              // warnings and no refusal
  const Finding* find(std::string_view rule) const;  // first finding whose rule is or ends with `rule`
};
BOOST_DESCRIBE_STRUCT(DoseCheck, (), (findings, notice))

DoseCheck check_order(const Formulary& formulary, const PatientFacts& patient, const ModalityOrder& proposed,
                      const std::vector<ActiveOrder>& active, const std::vector<GivenDose>& given_last_24h,
                      Instant now);

// Whether a prescriber may sign the order: never with a refusal, and with warnings only with an
// override reason. Empty when acceptable; the caller audits the reason with the order.
std::vector<Problem> override_problems(const DoseCheck& check, std::string_view override_reason);

}  // namespace relief::acute
