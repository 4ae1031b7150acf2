#pragma once
// Amounts, concentrations and rates as prescribers write them, and the conversions dose checking
// needs. Local anaesthetics are written in percent (weight/volume): 1% is 10 mg/mL, so 0.25%
// bupivacaine is 2.5 mg/mL; every check converts to mg or mcg before it compares.
#include <boost/describe.hpp>
#include <optional>
#include <string>

namespace relief::acute {

// A number with its unit, as a finding shows it: {0.25, "mg/kg/h"}.
struct Quantity {
  double value = 0;
  std::string unit;
  bool operator==(const Quantity&) const = default;
};
BOOST_DESCRIBE_STRUCT(Quantity, (), (value, unit))

// "0.25 mg/kg/h": at most three decimals, trailing zeros dropped (0.1667 -> "0.167").
std::string format_number(double v);
std::string format(const Quantity& q);

enum class AmountUnit { mg, mcg, ml };
BOOST_DESCRIBE_ENUM(AmountUnit, mg, mcg, ml)

// A dose as ordered: 0.4 mg, 20 mcg, or 2 mL of the syringe's solution.
struct DrugAmount {
  double value = 0;
  AmountUnit unit = AmountUnit::mg;
  bool operator==(const DrugAmount&) const = default;
};
BOOST_DESCRIBE_STRUCT(DrugAmount, (), (value, unit))

enum class ConcentrationUnit { mg_per_ml, mcg_per_ml, percent };
BOOST_DESCRIBE_ENUM(ConcentrationUnit, mg_per_ml, mcg_per_ml, percent)

struct Concentration {
  double value = 0;
  ConcentrationUnit unit = ConcentrationUnit::mg_per_ml;
  bool operator==(const Concentration&) const = default;
};
BOOST_DESCRIBE_STRUCT(Concentration, (), (value, unit))

std::string to_string(AmountUnit u);         // "mg", "mcg", "mL"
std::string to_string(ConcentrationUnit u);  // "mg/mL", "mcg/mL", "%"
std::string format(const DrugAmount& a);     // "0.4 mg"
std::string format(const Concentration& c);  // "0.25%"

double mg_per_ml(const Concentration& c);    // 0.25% -> 2.5
// The amount in mg; a volume is converted with the concentration (nullopt: a volume without one).
std::optional<double> to_mg(const DrugAmount& a, const std::optional<Concentration>& c);
inline constexpr double kMcgPerMg = 1000;

}  // namespace relief::acute
