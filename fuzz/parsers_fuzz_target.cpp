// One fuzz entry point for every parser that reads untrusted bytes: FHIR resources (Patient,
// Observation, Practitioner), request targets, instants, dates and search values. The only
// acceptable outcomes are a parsed value, MalformedInput or ValidationError; anything else
// (a crash, another exception, a sanitizer report) is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/errors.hpp"
#include "fhir/resources.hpp"
#include "fhir/search_params.hpp"
#include "http/message.hpp"

namespace {

template <class F>
void expect_clean(F&& parse) {
  try {
    parse();
  } catch (const relief::MalformedInput&) {
  } catch (const relief::ValidationError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  const relief::Date today{2024, 3, 1};
  const relief::Instant now{1'709'280'000'000};
  expect_clean([&] { relief::fhir::patient_from_fhir(input, today); });
  expect_clean([&] { relief::fhir::observation_from_fhir(input, now); });
  expect_clean([&] { relief::fhir::practitioner_from_fhir(input); });
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  relief::http::parse_target(input, path, query);
  relief::parse_instant(input, true);
  relief::parse_date(input);
  std::optional<relief::Instant> from, to;
  relief::fhir::narrow_date_range(input, from, to);
  relief::fhir::parse_token(input);
  return 0;
}
