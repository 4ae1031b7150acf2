#include "store/sql_connection.hpp"

#include <charconv>

namespace relief {

std::int64_t SqlRow::int64(std::size_t i) const {
  const auto& v = values_.at(i);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<std::int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) {
    std::int64_t out = 0;
    auto [ptr, ec] = std::from_chars(p->data(), p->data() + p->size(), out);
    if (ec != std::errc{}) throw SqlError("column " + std::to_string(i) + " is not an integer: " + *p);
    return out;
  }
  throw SqlError("column " + std::to_string(i) + " is NULL where an integer was expected");
}

double SqlRow::real(std::size_t i) const {
  const auto& v = values_.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::stod(*p);
  throw SqlError("column " + std::to_string(i) + " is NULL where a number was expected");
}

std::string SqlRow::text(std::size_t i) const {
  const auto& v = values_.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
  return {};
}

bool is_postgres_url(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

}  // namespace relief
