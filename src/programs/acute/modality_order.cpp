#include "programs/acute/modality_order.hpp"

#include <cmath>

namespace relief::acute {
namespace {

// Collects problems under one field prefix ("pca.", "catheter.") so messages name the field.
struct Checker {
  std::vector<Problem>& out;
  std::string prefix;

  void problem(const std::string& field, std::string message) { out.push_back({prefix + field, std::move(message)}); }
  // No amount, rate or time on an order comes near a million of its unit; beyond, and below a
  // millionth, the dose arithmetic would overflow or lose all precision, so such a number is
  // refused as a slip rather than checked.
  bool finite(const std::string& field, double v) {
    if (std::isfinite(v) && std::fabs(v) < 1e6) return true;
    problem(field, "must be a number below 1,000,000");
    return false;
  }
  void positive(const std::string& field, double v, const std::string& what) {
    if (finite(field, v) && v < 1e-6) problem(field, what + " must be greater than zero");
  }
  void not_negative(const std::string& field, double v, const std::string& what) {
    if (finite(field, v) && v < 0) problem(field, what + " cannot be negative");
  }
  void required(const std::string& field, const std::string& v, const std::string& what) {
    if (v.find_first_not_of(" \t") == std::string::npos) problem(field, what + " is required");
  }
  void concentration(const std::string& field, const Concentration& c) {
    positive(field + ".value", c.value, "the concentration");
    // 10% is far above any solution the service uses; a larger number is a unit slip (mg/mL as %).
    if (c.unit == ConcentrationUnit::percent && std::isfinite(c.value) && c.value > 10)
      problem(field + ".value", "a concentration above 10% is not plausible: was mg/mL meant?");
  }
  void amount(const std::string& field, const DrugAmount& a, const std::string& what, bool allow_ml) {
    positive(field + ".value", a.value, what);
    if (!allow_ml && a.unit == AmountUnit::ml) problem(field + ".unit", what + " must be in mg or mcg");
  }
  void additives(const std::vector<Additive>& list) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      auto field = "additives." + std::to_string(i);
      required(field + ".drug", list[i].drug, "the additive drug");
      concentration(field + ".concentration", list[i].concentration);
    }
  }
};

void check_pca(const PcaOrder& o, Checker c) {
  c.required("drug", o.drug, "the opioid");
  c.concentration("concentration", o.concentration);
  c.amount("demand_dose", o.demand_dose, "the demand dose", true);
  // Shorter than 5 minutes outruns the drug's onset (doses stack); longer than an hour is no
  // longer patient-controlled. The formulary may warn well inside this range.
  if (o.lockout_min < 5 || o.lockout_min > 60) c.problem("lockout_min", "the lockout must be 5 to 60 minutes");
  if (o.basal_rate_per_h) c.not_negative("basal_rate_per_h.value", o.basal_rate_per_h->value, "the basal rate");
  if (o.limit_1h) c.amount("limit_1h", *o.limit_1h, "the 1-hour limit", true);
  if (o.limit_4h) c.amount("limit_4h", *o.limit_4h, "the 4-hour limit", true);
  auto mg = [&](const std::optional<DrugAmount>& a) { return a ? to_mg(*a, o.concentration) : std::nullopt; };
  auto demand = to_mg(o.demand_dose, o.concentration);
  if (auto h1 = mg(o.limit_1h); h1 && demand && *h1 < *demand)
    c.problem("limit_1h", "the 1-hour limit is smaller than one demand dose");
  if (auto h4 = mg(o.limit_4h); h4 && demand && *h4 < *demand)
    c.problem("limit_4h", "the 4-hour limit is smaller than one demand dose");
  if (auto h1 = mg(o.limit_1h), h4 = mg(o.limit_4h); h1 && h4 && *h4 < *h1)
    c.problem("limit_4h", "the 4-hour limit is smaller than the 1-hour limit");
}

void check_catheter(const CatheterOrder& o, Checker c) {
  c.required("site", o.site, "the catheter site");
  c.required("drug", o.drug, "the local anaesthetic");
  c.concentration("concentration", o.concentration);
  c.additives(o.additives);
  c.not_negative("rate_ml_h", o.rate_ml_h, "the rate");
  if (o.clinician_bolus) {
    const auto& b = *o.clinician_bolus;
    c.positive("clinician_bolus.volume_ml", b.volume_ml, "the bolus volume");
    if (b.min_interval_min < 5) c.problem("clinician_bolus.min_interval_min", "boluses must be at least 5 minutes apart");
    if (b.max_per_4h < 1) c.problem("clinician_bolus.max_per_4h", "allow at least one bolus in 4 hours, or remove the bolus");
  }
  if (std::isfinite(o.rate_ml_h) && o.rate_ml_h == 0 && !o.clinician_bolus)
    c.problem("rate_ml_h", "a catheter with no infusion and no bolus delivers nothing");
}

void check_block(const BlockOrder& o, Modality kind, Checker c) {
  c.required("site", o.site, "the block site");
  c.required("drug", o.drug, "the local anaesthetic");
  c.concentration("concentration", o.concentration);
  c.positive("volume_ml", o.volume_ml, "the volume");
  c.additives(o.additives);
  if (kind == Modality::spinal && o.route != Route::intrathecal) c.problem("route", "a spinal is intrathecal");
  if (kind == Modality::single_shot_block && o.route != Route::perineural && o.route != Route::epidural &&
      o.route != Route::infiltration)
    c.problem("route", "a single-shot block is perineural, epidural (caudal) or infiltration");
}

void check_scheduled(const ScheduledDoseOrder& o, Checker c) {
  c.required("drug", o.drug, "the drug");
  c.amount("dose", o.dose, "the dose", false);
  c.positive("interval_h", o.interval_h, "the interval");
  if (std::isfinite(o.interval_h) && o.interval_h > 0 && o.interval_h < 1)
    c.problem("interval_h", "doses less than an hour apart are not a scheduled dose; order an infusion");
  if (o.max_doses_per_24h && *o.max_doses_per_24h < 1)
    c.problem("max_doses_per_24h", "allow at least one dose, or leave the maximum out");
  if (o.route == Route::epidural || o.route == Route::perineural || o.route == Route::intrathecal)
    c.problem("route", "regional routes are ordered as a catheter or a block");
}

// "an IV opioid PCA", "a spinal": the article goes by the sound, and these labels start with a
// vowel sound exactly when they start with a vowel letter.
std::string with_article(const std::string& label) {
  return (std::string("aeiouAEIOU").find(label.front()) == std::string::npos ? "a " : "an ") + label;
}

template <class Body>
void body_present(std::vector<Problem>& out, const std::optional<Body>& body, bool wanted, const char* field,
                  const std::string& kind) {
  if (wanted && !body) out.push_back({field, with_article(kind) + " order needs its '" + field + "' details"});
  if (!wanted && body) out.push_back({field, "does not belong to " + with_article(kind) + " order"});
}

}  // namespace

std::string modality_label(Modality m) {
  switch (m) {
    case Modality::pca: return "IV opioid PCA";
    case Modality::epidural: return "epidural infusion";
    case Modality::peripheral_nerve_catheter: return "peripheral nerve catheter";
    case Modality::spinal: return "spinal";
    case Modality::single_shot_block: return "single-shot block";
    case Modality::scheduled_dose: return "scheduled dose";
    case Modality::topical: return "topical therapy";
    case Modality::non_drug: return "non-drug therapy";
  }
  return "order";
}

std::vector<Problem> validate_order(const ModalityOrder& o) {
  std::vector<Problem> out;
  auto kind = modality_label(o.kind);
  bool catheter = o.kind == Modality::epidural || o.kind == Modality::peripheral_nerve_catheter;
  bool block = o.kind == Modality::spinal || o.kind == Modality::single_shot_block;
  body_present(out, o.pca, o.kind == Modality::pca, "pca", kind);
  body_present(out, o.catheter, catheter, "catheter", kind);
  body_present(out, o.block, block, "block", kind);
  body_present(out, o.scheduled, o.kind == Modality::scheduled_dose, "scheduled", kind);
  body_present(out, o.topical, o.kind == Modality::topical, "topical", kind);
  body_present(out, o.non_drug, o.kind == Modality::non_drug, "non_drug", kind);
  if (!out.empty()) return out;

  switch (o.kind) {
    case Modality::pca: check_pca(*o.pca, {out, "pca."}); break;
    case Modality::epidural:
    case Modality::peripheral_nerve_catheter: check_catheter(*o.catheter, {out, "catheter."}); break;
    case Modality::spinal:
    case Modality::single_shot_block: check_block(*o.block, o.kind, {out, "block."}); break;
    case Modality::scheduled_dose: check_scheduled(*o.scheduled, {out, "scheduled."}); break;
    case Modality::topical: {
      Checker c{out, "topical."};
      c.required("product", o.topical->product, "the product");
      c.required("application_site", o.topical->application_site, "where it is applied");
      break;
    }
    case Modality::non_drug:
      if (o.non_drug->kind == NonDrugKind::other)
        Checker{out, "non_drug."}.required("description", o.non_drug->description, "a description of the therapy");
      break;
  }
  return out;
}

std::string primary_drug(const ModalityOrder& o) {
  if (o.pca) return o.pca->drug;
  if (o.catheter) return o.catheter->drug;
  if (o.block) return o.block->drug;
  if (o.scheduled) return o.scheduled->drug;
  return "";
}

bool is_weight_based(const ModalityOrder& o) { return o.kind != Modality::topical && o.kind != Modality::non_drug; }

ModalityOrder make_order(PcaOrder o) {
  ModalityOrder m;
  m.kind = Modality::pca;
  m.pca = std::move(o);
  return m;
}
ModalityOrder make_order(Modality kind, CatheterOrder o) {
  ModalityOrder m;
  m.kind = kind;
  m.catheter = std::move(o);
  return m;
}
ModalityOrder make_order(Modality kind, BlockOrder o) {
  ModalityOrder m;
  m.kind = kind;
  m.block = std::move(o);
  return m;
}
ModalityOrder make_order(ScheduledDoseOrder o) {
  ModalityOrder m;
  m.kind = Modality::scheduled_dose;
  m.scheduled = std::move(o);
  return m;
}
ModalityOrder make_order(TopicalOrder o) {
  ModalityOrder m;
  m.kind = Modality::topical;
  m.topical = std::move(o);
  return m;
}
ModalityOrder make_order(NonDrugOrder o) {
  ModalityOrder m;
  m.kind = Modality::non_drug;
  m.non_drug = std::move(o);
  return m;
}

}  // namespace relief::acute
