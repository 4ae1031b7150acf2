#include "instruments/json_merge_patch.hpp"

#include <boost/json/object.hpp>

namespace relief::instruments {

void apply_merge_patch(boost::json::value& target, const boost::json::value& patch) {
  if (!patch.is_object()) {
    target = patch;
    return;
  }
  if (!target.is_object()) target = boost::json::object{};
  auto& object = target.as_object();
  for (const auto& [key, value] : patch.as_object()) {
    if (value.is_null()) {
      object.erase(key);
      continue;
    }
    auto found = object.find(key);
    if (found == object.end()) {
      boost::json::value fresh;
      apply_merge_patch(fresh, value);
      object.emplace(key, std::move(fresh));
    } else {
      apply_merge_patch(found->value(), value);
    }
  }
}

}  // namespace relief::instruments
