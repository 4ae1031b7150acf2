#pragma once
// A synthetic demo site: staff for every discipline, two years of patients at the seed
// documents' volumes, with realistic pain observations. Everything in it is made up and
// labelled so (the site is marked synthetic, every FHIR resource carries the HTEST tag).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "store/store.hpp"

namespace relief {

struct DemoOptions {
  std::uint64_t seed = 20261122;
  std::optional<Date> anchor;    // "today" for the demo; default: the real today
  double years = 2.0;
  int acute_per_year = 1800;     // MAGIK acute pain service
  int clinic_per_year = 350;     // chronic pain clinic
  int acupuncture_per_year = 150;
  int iipt_beds = 12;            // rehabilitation inpatients at a time
  std::string password = "relief-demo-2026";  // for every demo account
};

struct DemoAccount {
  std::string username;
  std::string role;
};

struct DemoSummary {
  int staff = 0;
  int patients = 0;
  int episodes = 0;
  int encounters = 0;
  int observations = 0;
  int notes = 0;
  int questionnaires = 0;  // instrument administrations (FDI, PCS-C), each with its Observations
  std::vector<DemoAccount> accounts;
};

// Writes the demo site into an empty store. `progress` receives a line now and then.
// Why the demo site cannot be built on this database, or "" when it can. It writes made-up
// staff, accounts and patients over many transactions, and nothing in Relief is ever deleted,
// so it must start from a database nobody has used: no patients, no staff, no accounts.
std::string demo_refusal(Reader& r);

DemoSummary build_demo_site(Store& store, const DemoOptions& options,
                            const std::function<void(const std::string&)>& progress = {});

}  // namespace relief
