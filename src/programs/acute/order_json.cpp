#include "programs/acute/order_json.hpp"

#include <boost/json.hpp>

#include "core/errors.hpp"

namespace relief::acute {
namespace {
namespace json = boost::json;

// Adds the keys `defaults` has and `into` lacks; recurses where both hold objects.
void merge_defaults(json::object& into, const json::object& defaults) {
  for (const auto& [key, value] : defaults) {
    auto* mine = into.if_contains(key);
    if (!mine) into.emplace(key, value);
    else if (mine->is_object() && value.is_object()) merge_defaults(mine->as_object(), value.as_object());
  }
}

template <class Body>
void merge_body(json::object& order, const char* key) {
  auto* body = order.if_contains(key);
  if (!body || body->is_null()) return;
  if (!body->is_object()) throw ValidationError(std::string("order.") + key, "must be an object");
  merge_defaults(body->as_object(), json::value_from(Body{}).as_object());
}

}  // namespace

ModalityOrder order_from_json(const json::value& v) {
  if (!v.is_object()) throw ValidationError("order", "must be an object such as {\"kind\": \"pca\", \"pca\": {...}}");
  json::object order = v.as_object();
  merge_defaults(order, json::value_from(ModalityOrder{}).as_object());
  merge_body<PcaOrder>(order, "pca");
  merge_body<CatheterOrder>(order, "catheter");
  merge_body<BlockOrder>(order, "block");
  merge_body<ScheduledDoseOrder>(order, "scheduled");
  merge_body<TopicalOrder>(order, "topical");
  merge_body<NonDrugOrder>(order, "non_drug");
  try {
    return json::value_to<ModalityOrder>(json::value(std::move(order)));
  } catch (const std::exception& e) {
    throw ValidationError("order", "cannot be read: " + user_message(e) + " (see docs/api.md for the shape)");
  }
}

}  // namespace relief::acute
