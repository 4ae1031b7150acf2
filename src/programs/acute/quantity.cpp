#include "programs/acute/quantity.hpp"

#include <cmath>
#include <cstdio>

namespace relief::acute {

std::string format_number(double v) {
  if (!std::isfinite(v)) return "?";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

std::string format(const Quantity& q) { return q.unit.empty() ? format_number(q.value) : format_number(q.value) + " " + q.unit; }

std::string to_string(AmountUnit u) {
  switch (u) {
    case AmountUnit::mg: return "mg";
    case AmountUnit::mcg: return "mcg";
    case AmountUnit::ml: return "mL";
  }
  return "?";
}

std::string to_string(ConcentrationUnit u) {
  switch (u) {
    case ConcentrationUnit::mg_per_ml: return "mg/mL";
    case ConcentrationUnit::mcg_per_ml: return "mcg/mL";
    case ConcentrationUnit::percent: return "%";
  }
  return "?";
}

std::string format(const DrugAmount& a) { return format_number(a.value) + " " + to_string(a.unit); }

std::string format(const Concentration& c) {
  if (c.unit == ConcentrationUnit::percent) return format_number(c.value) + "%";
  return format_number(c.value) + " " + to_string(c.unit);
}

double mg_per_ml(const Concentration& c) {
  switch (c.unit) {
    case ConcentrationUnit::mg_per_ml: return c.value;
    case ConcentrationUnit::mcg_per_ml: return c.value / kMcgPerMg;
    case ConcentrationUnit::percent: return c.value * 10;  // g per 100 mL = 10 mg per mL per 1%
  }
  return 0;
}

std::optional<double> to_mg(const DrugAmount& a, const std::optional<Concentration>& c) {
  switch (a.unit) {
    case AmountUnit::mg: return a.value;
    case AmountUnit::mcg: return a.value / kMcgPerMg;
    case AmountUnit::ml:
      if (!c) return std::nullopt;
      return a.value * mg_per_ml(*c);
  }
  return std::nullopt;
}

}  // namespace relief::acute
