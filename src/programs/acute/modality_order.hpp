#pragma once
// What the acute pain service orders, one value type for every modality. The record wrapper
// (versions, start / change / stop with a reason, who and when) lives with the store; this is
// the clinical content that a version carries and that dose checking reads.
//
// One `kind` and exactly one body for it, rather than a std::variant: the JSON form stays
// self-describing ({"kind": "pca", "pca": {...}}) and Boost.Describe serialises it as is.
#include <boost/describe.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "programs/acute/quantity.hpp"
#include "programs/acute/route.hpp"

namespace relief::acute {

enum class Modality {
  pca,                        // IV opioid patient- / nurse- / parent-controlled analgesia
  epidural,                   // epidural or caudal catheter infusion
  peripheral_nerve_catheter,  // continuous peripheral nerve block
  spinal,                     // single intrathecal injection
  single_shot_block,          // single-shot regional block, caudal, or infiltration
  scheduled_dose,             // intermittent doses: acetaminophen, NSAIDs, an oral opioid ...
  topical,                    // creams, patches, sprays
  non_drug,                   // animal-assisted therapy, heat, TENS, music ...
};
BOOST_DESCRIBE_ENUM(Modality, pca, epidural, peripheral_nerve_catheter, spinal, single_shot_block, scheduled_dose,
                    topical, non_drug)
std::string modality_label(Modality m);  // "IV opioid PCA", "epidural infusion" ...

// Who presses the button: nurse- and parent-controlled analgesia (NCA / PrCA) serve children who
// cannot use PCA themselves (shared/reference/clinical.md 4.1).
enum class PcaController { patient, nurse, parent };
BOOST_DESCRIBE_ENUM(PcaController, patient, nurse, parent)

struct PcaOrder {
  std::string drug;                       // formulary id: "morphine", "hydromorphone", "fentanyl"
  Concentration concentration;            // of the syringe: 1 mg/mL, 10 mcg/mL
  DrugAmount demand_dose;                 // per successful press; mg, mcg or mL of the syringe
  int lockout_min = 10;                   // 5 to 60 minutes
  std::optional<DrugAmount> basal_rate_per_h;  // continuous background; absent or 0: none
  std::optional<DrugAmount> limit_1h;     // as programmed on the pump
  std::optional<DrugAmount> limit_4h;
  PcaController controller = PcaController::patient;
};
BOOST_DESCRIBE_STRUCT(PcaOrder, (),
                      (drug, concentration, demand_dose, lockout_min, basal_rate_per_h, limit_1h, limit_4h, controller))

// An opioid or clonidine mixed into a local anaesthetic (fentanyl 2 mcg/mL).
struct Additive {
  std::string drug;
  Concentration concentration;
};
BOOST_DESCRIBE_STRUCT(Additive, (), (drug, concentration))

// Top-ups a clinician may give through the catheter (Starship: bolus = the hourly rate, repeat
// once at 15 min, no more than 2 in 4 h).
struct ClinicianBolus {
  double volume_ml = 0;
  int min_interval_min = 15;
  int max_per_4h = 2;
};
BOOST_DESCRIBE_STRUCT(ClinicianBolus, (), (volume_ml, min_interval_min, max_per_4h))

// Epidural (incl. caudal) and continuous peripheral nerve catheters.
struct CatheterOrder {
  std::string site;                        // "T10 epidural", "left femoral", "caudal"
  std::string drug;                        // the local anaesthetic: "bupivacaine", "ropivacaine"
  Concentration concentration;             // 0.1%, 0.2% ...
  std::vector<Additive> additives;
  double rate_ml_h = 0;                    // 0 for a catheter used only for boluses
  std::optional<ClinicianBolus> clinician_bolus;
};
BOOST_DESCRIBE_STRUCT(CatheterOrder, (), (site, drug, concentration, additives, rate_ml_h, clinician_bolus))

// A spinal or single-shot block: one injection now.
struct BlockOrder {
  std::string site;                        // "caudal", "left femoral nerve", "wound infiltration"
  Route route = Route::perineural;         // caudal is epidural; a spinal is intrathecal
  std::string drug;
  Concentration concentration;
  double volume_ml = 0;
  bool with_adrenaline = false;            // raises the maximum for most local anaesthetics
  std::vector<Additive> additives;
};
BOOST_DESCRIBE_STRUCT(BlockOrder, (), (site, route, drug, concentration, volume_ml, with_adrenaline, additives))

// Regular or as-needed doses: acetaminophen 15 mg/kg IV q6h, ibuprofen 10 mg/kg oral q8h PRN.
// Dose checking assumes every allowed dose is given, which is what a daily maximum must survive.
struct ScheduledDoseOrder {
  std::string drug;
  Route route = Route::oral;
  DrugAmount dose;                         // mg or mcg (not mL: no concentration here)
  double interval_h = 6;
  bool as_needed = false;
  std::optional<int> max_doses_per_24h;
};
BOOST_DESCRIBE_STRUCT(ScheduledDoseOrder, (), (drug, route, dose, interval_h, as_needed, max_doses_per_24h))

struct TopicalOrder {
  std::string product;                     // "lidocaine 4% cream", "EMLA"
  std::string application_site;
  std::string amount;                      // as written: "1 g under occlusion"
  std::string frequency;                   // "once before cannulation"
};
BOOST_DESCRIBE_STRUCT(TopicalOrder, (), (product, application_site, amount, frequency))

enum class NonDrugKind { animal_assisted, heat_cold, tens, massage, music, child_life, breathing_relaxation, other };
BOOST_DESCRIBE_ENUM(NonDrugKind, animal_assisted, heat_cold, tens, massage, music, child_life, breathing_relaxation,
                    other)

struct NonDrugOrder {
  NonDrugKind kind = NonDrugKind::other;
  std::string description;                 // required for "other"; the animal and handler team ...
  std::string frequency;
};
BOOST_DESCRIBE_STRUCT(NonDrugOrder, (), (kind, description, frequency))

struct ModalityOrder {
  Modality kind = Modality::pca;
  std::optional<PcaOrder> pca;
  std::optional<CatheterOrder> catheter;           // epidural, peripheral_nerve_catheter
  std::optional<BlockOrder> block;                 // spinal, single_shot_block
  std::optional<ScheduledDoseOrder> scheduled;
  std::optional<TopicalOrder> topical;
  std::optional<NonDrugOrder> non_drug;
  std::string indication;
  std::string note;
};
BOOST_DESCRIBE_STRUCT(ModalityOrder, (), (kind, pca, catheter, block, scheduled, topical, non_drug, indication, note))

// Field-level sense, without the formulary or the patient: the body matches the kind, numbers are
// finite and positive, a PCA lockout is 5 to 60 minutes ... Each Problem names its field
// ("pca.lockout_min"). Empty when the order makes sense; dose limits are check_order's job.
std::vector<Problem> validate_order(const ModalityOrder& order);

// The drug a drug-bearing order delivers (the local anaesthetic for a catheter); empty for
// topical and non-drug orders.
std::string primary_drug(const ModalityOrder& order);

// Whether dose checking needs the child's weight for this order (every drug-bearing modality).
bool is_weight_based(const ModalityOrder& order);

// Convenience constructors for the common shapes.
ModalityOrder make_order(PcaOrder o);
ModalityOrder make_order(Modality kind, CatheterOrder o);  // epidural or peripheral_nerve_catheter
ModalityOrder make_order(Modality kind, BlockOrder o);     // spinal or single_shot_block
ModalityOrder make_order(ScheduledDoseOrder o);
ModalityOrder make_order(TopicalOrder o);
ModalityOrder make_order(NonDrugOrder o);

}  // namespace relief::acute
