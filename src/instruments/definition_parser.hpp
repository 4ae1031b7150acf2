#pragma once
// Reads an instrument definition from its JSON (the format is described in docs/instruments.md)
// and refuses one that is wrong: a bad definition is a clinical error waiting to happen, so it
// stops loading with a message naming the place, never a silently different score.
#include <boost/json/value.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "instruments/definition.hpp"

namespace relief::instruments {

class DefinitionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws DefinitionError: "flacc@1997: /scales/total/items/2: no item 'legz'".
Definition parse_definition(const boost::json::value& json);

// The consistency checks parse_definition runs (references resolve, published ranges match the
// items, bands cover the range without overlap, licensed text is absent ...); empty when sound.
std::vector<std::string> definition_problems(const Definition& d);

}  // namespace relief::instruments
