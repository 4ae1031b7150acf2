#pragma once
// The most of a drug a child can receive in any 24 hours: doses already given, scheduled doses
// still to come, and infusions that keep running. Daily maxima (acetaminophen across routes) and
// cumulative local anaesthetic (every catheter, block and bolus) are both this question.
//
// The worst 24-hour window starts at a dose (a past one or a future one) or now, so those are the
// only windows examined. Running infusions are projected from now on; what they delivered before
// now counts only as far as it was reported as given doses.
#include <map>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "programs/acute/route.hpp"

namespace relief::acute {

// Where an amount comes from, so a message can say "given" apart from "this order".
enum class ExposureOrigin { given, proposed, active };

struct DoseEvent {
  std::string drug;
  Route route = Route::iv;
  double mg = 0;
  Instant at;
  ExposureOrigin origin = ExposureOrigin::given;
  bool single_shot = false;  // a block or spinal injection
};

struct InfusionStream {
  std::string drug;
  Route route = Route::epidural;
  double mg_per_h = 0;
  Instant from;
  ExposureOrigin origin = ExposureOrigin::proposed;
};

struct Exposure {
  std::vector<DoseEvent> doses;
  std::vector<InfusionStream> infusions;
};

// One 24-hour window's total of one drug.
struct WindowTotal {
  Instant start;
  double mg = 0;
  std::map<std::pair<ExposureOrigin, Route>, double> parts;  // mg by origin and route
  int doses = 0;                                             // discrete doses inside
  std::vector<Route> routes() const;                         // routes with an amount
  std::string breakdown() const;                             // "given: oral 180 mg; this order: IV 720 mg"
};

inline constexpr std::int64_t kHourMs = 3'600'000;
inline constexpr std::int64_t kDayMs = 24 * kHourMs;

// Where the worst window can start: now, and every dose of these drugs within a day of now.
std::vector<Instant> window_starts(const Exposure& exposure, const std::vector<std::string>& drugs, Instant now);
// The total of `drug` in [start, start + 24 h).
WindowTotal window_total(const Exposure& exposure, const std::string& drug, Instant start);
// Every candidate window for `drug` (there is always the one starting now).
std::vector<WindowTotal> windows_24h(const Exposure& exposure, const std::string& drug, Instant now);

// "starting now", "starting 3 h ago", "starting in 6 h".
std::string describe_window_start(Instant start, Instant now);

}  // namespace relief::acute
