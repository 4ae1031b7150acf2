#pragma once
// Shared fixtures: the shipped formulary, a fixed clock, and builders for common orders.
#include <gtest/gtest.h>

#include "programs/acute/dose_check.hpp"
#include "programs/acute/formulary.hpp"

namespace relief::acute::testing {

inline const Formulary& shipped_formulary() {
  static const Formulary f = Formulary::load_directory(RELIEF_FORMULARY_DIR);
  return f;
}

// 2025-03-01 08:00 UTC.
inline constexpr Instant kNow{1740816000000};
inline Instant hours_from_now(double h) { return Instant{kNow.ms + static_cast<std::int64_t>(h * 3'600'000)}; }
inline Instant minutes_from_now(double m) { return Instant{kNow.ms + static_cast<std::int64_t>(m * 60'000)}; }

inline PatientFacts child(double weight_kg, int age_months) { return PatientFacts{weight_kg, age_months, std::nullopt}; }

inline PcaOrder morphine_pca(double demand_mg, int lockout_min) {
  PcaOrder o;
  o.drug = "morphine";
  o.concentration = {1, ConcentrationUnit::mg_per_ml};
  o.demand_dose = {demand_mg, AmountUnit::mg};
  o.lockout_min = lockout_min;
  return o;
}

inline CatheterOrder epidural(std::string drug, double percent, double rate_ml_h) {
  CatheterOrder o;
  o.site = "L3-4 epidural";
  o.drug = std::move(drug);
  o.concentration = {percent, ConcentrationUnit::percent};
  o.rate_ml_h = rate_ml_h;
  return o;
}

inline ScheduledDoseOrder scheduled(std::string drug, Route route, double mg, double interval_h) {
  ScheduledDoseOrder o;
  o.drug = std::move(drug);
  o.route = route;
  o.dose = {mg, AmountUnit::mg};
  o.interval_h = interval_h;
  return o;
}

inline DoseCheck check(const PatientFacts& p, const ModalityOrder& o, const std::vector<ActiveOrder>& active = {},
                       const std::vector<GivenDose>& given = {}, const Formulary& f = shipped_formulary()) {
  return check_order(f, p, o, active, given, kNow);
}

// Every finding, for failure messages.
inline std::string describe(const DoseCheck& c) {
  std::string out;
  for (const auto& f : c.findings)
    out += std::string(f.severity == Severity::refuse ? "[refuse] " : "[warn] ") + f.rule + ": " + f.message + "\n";
  return out.empty() ? "(no findings)" : out;
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace relief::acute::testing
