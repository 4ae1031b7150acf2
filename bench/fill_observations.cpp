// Fills a store with N pain observations spread over P patients, for the search benchmark.
// Prints the patient ids (one per line) to --ids FILE so the load generator can pick from them.
#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <random>

#include "core/measure_definitions.hpp"
#include "store/store.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Fill a Relief database with synthetic pain observations (benchmark data)"};
  std::string db, ids_file;
  long observations = 1'000'000;
  int patients = 5000;
  app.add_option("--db", db, "SQLite file or postgresql:// URL")->required();
  app.add_option("--observations", observations, "how many observations")->capture_default_str();
  app.add_option("--patients", patients, "over how many patients")->capture_default_str();
  app.add_option("--ids", ids_file, "write the patient ids here")->required();
  CLI11_PARSE(app, argc, argv);

  using namespace relief;
  auto store = Store::open(db);
  Actor actor{"bench-fill", Role::admin, "local"};
  std::vector<std::string> ids;
  store->write(actor, [&](Transaction& tx) {
    for (int i = 0; i < patients; ++i) {
      Patient p;
      p.mrn = "B" + std::to_string(i);
      p.family = "Bench";
      p.given = {"Patient" + std::to_string(i)};
      p.birth_date = Date{2012, 1 + i % 12, 1 + i % 28};
      tx.put(p);
      ids.push_back(p.meta.id);
    }
  });
  std::ofstream out(ids_file);
  for (const auto& id : ids) out << id << "\n";

  std::mt19937_64 rng(7);
  auto start = std::chrono::steady_clock::now();
  const Instant base = *parse_instant("2024-01-01T00:00:00Z");
  long written = 0;
  while (written < observations) {
    long batch = std::min<long>(20'000, observations - written);
    store->write(actor, [&](Transaction& tx) {
      for (long i = 0; i < batch; ++i) {
        long n = written + i;
        Observation o;
        o.patient_id = ids[n % ids.size()];
        o.category = "survey";
        o.code = Coding{std::string(kLoinc), std::string(kPainNrsCode), "Pain NRS"};
        o.value = static_cast<double>(rng() % 11);
        o.unit = "{score}";
        o.reporter = Reporter::self;
        o.effective = Instant{base.ms + (n / static_cast<long>(ids.size())) * 4 * 3'600'000LL};
        tx.put(o);
      }
    });
    written += batch;
    if (written % 200'000 == 0) std::cerr << "fill: " << written << " observations\n";
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << "fill: " << written << " observations in " << secs << " s (" << static_cast<long>(written / secs)
            << " records/s, each with its version row, search row and audit entry)\n";
}
