// Decimals on the wire in plain shortest form: Boost.JSON 1.81's serialize writes 18.5 as
// "1.85E1" and 37.2 as "3.72E1", a different-looking precision (R4 datatypes.html#decimal).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/compact_json.hpp"

namespace relief {
namespace {

TEST(CompactJson, DoublesAreWrittenInShortestPlainForm) {
  EXPECT_EQ(compact_json(boost::json::value(18.5)), "18.5");
  EXPECT_EQ(compact_json(boost::json::value(37.2)), "37.2");
  EXPECT_EQ(compact_json(boost::json::value(0.1)), "0.1");
  EXPECT_EQ(compact_json(boost::json::value(-2.25)), "-2.25");
  // A whole number reads as one: the shortest form of a million is "1e+06".
  EXPECT_EQ(compact_json(boost::json::value(1000000.0)), "1000000");
  EXPECT_EQ(compact_json(boost::json::value(20.0)), "20");
  // Each reads back to the same double.
  for (double d : {18.5, 37.2, 0.1, 1.0 / 3.0, 123456.789, 1e-7, 1e21})
    EXPECT_EQ(boost::json::parse(compact_json(boost::json::value(d))).to_number<double>(), d) << d;
}

TEST(CompactJson, EverythingElseIsWhatBoostJsonWrites) {
  auto v = boost::json::parse(R"({"a":[1,-2,true,null,"x\"y\u0001"],"b":{"c":18446744073709551615}})");
  EXPECT_EQ(compact_json(v), boost::json::serialize(v));
  EXPECT_EQ(boost::json::parse(compact_json(v)), v);
}

}  // namespace
}  // namespace relief
