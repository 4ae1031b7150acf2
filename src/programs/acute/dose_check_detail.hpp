#pragma once
// Internal to dose checking: the shared comparison that turns a computed dose and the formulary's
// limits into findings, and the per-modality checks that compute the doses.
#include <functional>

#include "programs/acute/dose_check.hpp"
#include "programs/acute/exposure_window.hpp"

namespace relief::acute::detail {

struct CheckContext {
  const Formulary& formulary;
  const PatientFacts& patient;
  Instant now;
  std::vector<Finding>& findings;

  // The weight per-kg limits are applied at: the child's, except that opioids and local
  // anaesthetics stop counting above kDosingWeightCeilingKg (an adolescent of 120 kg is not
  // given 2.4 times a 50 kg child's opioid; see dose_check.cpp).
  double dosing_weight(const DrugEntry& drug) const;
  // "45 kg", or "50 kg (the dosing-weight ceiling for opioids and local anaesthetics; the child weighs 120 kg)".
  std::string kg_text(const DrugEntry& drug) const;
  double pma_weeks() const;
  LimitContext limits_for(std::vector<Route> routes, bool with_adrenaline = false) const;

  // Compares `computed` (in the measure's unit) with the strictest applicable hard and soft
  // limits and adds at most one finding: a refusal over the hard limit, else a warning over the
  // soft one. `advice` turns the limit's value into what to do ("at most 0.6 mg"). Returns
  // whether any limit applied.
  bool compare(const DrugEntry& drug, Measure m, double computed, const LimitContext& ctx, const std::string& subject,
               const std::function<std::string(double)>& advice = {});
  // The drug's restrictions that hold whatever the dose: minimum age, weight, PMA, cautions.
  void restrictions(const DrugEntry& drug, const LimitContext& ctx);
  // A warning that nothing in the formulary checks this part of the order.
  void no_limit(const DrugEntry& drug, Measure m, const std::string& what);
  void add(Severity s, std::string rule, std::string message);
};

std::string mg_text(double mg);  // "0.6 mg", or "20 mcg" below 1 mg

void check_pca(CheckContext& c, const DrugEntry& drug, const PcaOrder& o);
void check_catheter(CheckContext& c, const DrugEntry& drug, const CatheterOrder& o, Route route);
void check_block(CheckContext& c, const DrugEntry& drug, const BlockOrder& o);
void check_scheduled(CheckContext& c, const DrugEntry& drug, const ScheduledDoseOrder& o);
void check_additives(CheckContext& c, const std::vector<Additive>& additives, Route route);
// Single-shot blocks given in the last few hours add to this one: a single-shot maximum is the
// most a child should have at once, not per injection.
void check_repeat_blocks(CheckContext& c, const DrugEntry& drug, const Exposure& exposure);
// One PCA pump per child; an opioid by two routes at once (PCA and an epidural's opioid) warns.
void check_concurrent_opioids(CheckContext& c, const ModalityOrder& proposed, const std::vector<ActiveOrder>& active);

// What every order and given dose contributes to the 24-hour totals (PCA opioids are checked by
// their 1- and 4-hour limits instead, and are not projected here).
Exposure build_exposure(const ModalityOrder& proposed, const std::vector<ActiveOrder>& active,
                        const std::vector<GivenDose>& given, Instant now, std::vector<Finding>& findings);
// Daily maxima and cumulative local anaesthetic for `drug` over every 24-hour window.
void check_24h(CheckContext& c, const DrugEntry& drug, const Exposure& exposure);
void check_local_anaesthetics_combined(CheckContext& c, const Exposure& exposure);

}  // namespace relief::acute::detail
