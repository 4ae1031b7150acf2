// Opioids from more than one order at once. Each order's own limits hold it alone: three morphine
// PCAs each within their 4-hour limit deliver three times it, and an epidural's fentanyl adds to an
// IV PCA's morphine. Relief rules (evidence M: clinical.md gives no text on them; they follow from
// its per-order limits, which assume one opioid source).
#include <algorithm>

#include "programs/acute/dose_check_detail.hpp"

namespace relief::acute::detail {
namespace {

// The opioid an order delivers, and by which route: a PCA's drug (IV), an epidural or nerve
// catheter's opioid additive (neuraxial), a scheduled opioid dose. Empty when it gives none.
struct OpioidSource {
  std::string drug;
  std::string how;  // "IV opioid PCA (morphine)"
  bool neuraxial = false;
};

std::vector<OpioidSource> opioids_of(const Formulary& formulary, const ModalityOrder& o) {
  std::vector<OpioidSource> out;
  auto is_opioid = [&](const std::string& id) {
    const DrugEntry* d = formulary.find(id);
    return d && d->drug_class == DrugClass::opioid;
  };
  if (o.pca && is_opioid(o.pca->drug)) out.push_back({o.pca->drug, modality_label(o.kind) + " (" + o.pca->drug + ")", false});
  if (o.scheduled && is_opioid(o.scheduled->drug))
    out.push_back({o.scheduled->drug, modality_label(o.kind) + " (" + o.scheduled->drug + ")", false});
  const std::vector<Additive>* additives = o.catheter ? &o.catheter->additives : o.block ? &o.block->additives : nullptr;
  if (additives)
    for (const auto& a : *additives)
      if (is_opioid(a.drug)) out.push_back({a.drug, modality_label(o.kind) + " with " + a.drug, true});
  return out;
}

}  // namespace

void check_concurrent_opioids(CheckContext& c, const ModalityOrder& proposed, const std::vector<ActiveOrder>& active) {
  // One PCA pump per child: a second one is a duplicate, never a plan. A change to the running
  // PCA is an order that replaces it, and the version it replaces is not among `active`.
  if (proposed.kind == Modality::pca)
    for (const auto& a : active)
      if (a.order.kind == Modality::pca) {
        c.add(Severity::refuse, "order/second-pca",
              "Refused: an " + modality_label(a.order.kind) + " of " + a.order.pca->drug +
                  " is already running for this child. Change that order (it replaces the running one) or stop it "
                  "first; two PCAs add their doses beyond every limit.");
        return;
      }
  const auto mine = opioids_of(c.formulary, proposed);
  if (mine.empty()) return;
  std::string others;
  for (const auto& a : active) {
    // A running block or spinal was given once (its time is not known here); the opioid of a
    // spinal given earlier is not a running source the way a pump or a catheter is.
    if (a.order.block) continue;
    for (const auto& src : opioids_of(c.formulary, a.order)) others += (others.empty() ? "" : ", ") + src.how;
  }
  if (others.empty()) return;
  c.add(Severity::warn, "order/opioid-from-two-orders",
        "Warning: this order's opioid (" + mine.front().how + ") adds to opioid already running (" + others +
            "). Each order's limits assume it is the only opioid source; neuraxial and systemic opioids together "
            "raise the risk of respiratory depression. Reduce one, monitor sedation and breathing closely, and give an "
            "override reason to go ahead.");
}

}  // namespace relief::acute::detail
