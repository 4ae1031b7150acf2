#pragma once
// Boost.JSON conversions for core value types, so records serialise with value_from/value_to.
#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>

#include "core/time.hpp"

namespace relief {

void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const Instant& t);
Instant tag_invoke(boost::json::value_to_tag<Instant>, const boost::json::value& v);
void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const Date& d);
Date tag_invoke(boost::json::value_to_tag<Date>, const boost::json::value& v);

}  // namespace relief
