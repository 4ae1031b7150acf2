#pragma once
#include <ostream>
#include <string>

#include "demo/demo_site.hpp"

namespace relief::cli {
void print_demo_summary(std::ostream& out, const DemoSummary& s, const std::string& password);
}
