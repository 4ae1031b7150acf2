#include "programs/acute/order_json.hpp"

#include <boost/describe.hpp>
#include <boost/json.hpp>
#include <boost/mp11.hpp>
#include <optional>
#include <type_traits>
#include <vector>

#include "core/errors.hpp"

namespace relief::acute {
namespace {
namespace json = boost::json;

template <class T> struct optional_of { using type = void; };
template <class T> struct optional_of<std::optional<T>> { using type = T; };
template <class T> struct vector_of { using type = void; };
template <class T> struct vector_of<std::vector<T>> { using type = T; };

// Where an order that Boost.JSON cannot read goes wrong: the deepest member of the described
// types that fails on its own, as a path ("order.pca.demand_dose.value") with its message, so a
// prescriber reads which field to fix, not "not a number" for the whole order.
template <class T>
std::pair<std::string, std::string> unreadable_part(const json::value& v, const std::string& path) {
  std::pair<std::string, std::string> found;
  if constexpr (!std::is_void_v<typename optional_of<T>::type>) {
    if (!v.is_null()) found = unreadable_part<typename optional_of<T>::type>(v, path);
  } else if constexpr (!std::is_void_v<typename vector_of<T>::type>) {
    if (v.is_array())
      for (std::size_t i = 0; i < v.as_array().size() && found.first.empty(); ++i)
        found = unreadable_part<typename vector_of<T>::type>(v.as_array()[i], path + "[" + std::to_string(i) + "]");
  } else if constexpr (boost::describe::has_describe_members<T>::value) {
    if (v.is_object())
      boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>([&](auto member) {
        using M = std::remove_cvref_t<decltype(std::declval<T&>().*member.pointer)>;
        const auto* part = v.as_object().if_contains(member.name);
        if (found.first.empty() && part) found = unreadable_part<M>(*part, path + "." + member.name);
      });
  }
  if (!found.first.empty()) return found;
  try {
    (void)json::value_to<T>(v);
  } catch (const std::exception& e) {
    return {path, user_message(e)};
  }
  return {};
}

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
  json::value whole(std::move(order));
  try {
    return json::value_to<ModalityOrder>(whole);
  } catch (const std::exception& e) {
    auto [path, message] = unreadable_part<ModalityOrder>(whole, "order");
    if (path.empty()) path = "order", message = user_message(e);
    throw ValidationError(path, "cannot be read: " + message + " (see docs/api.md for the shape)");
  }
}

}  // namespace relief::acute
