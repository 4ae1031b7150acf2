#include "http/log_text.hpp"

#include <gtest/gtest.h>

namespace relief::http {
namespace {

TEST(RequestLog, AForgedLineStaysOnTheRequestsOwnLine) {
  // GET /x%0a[...] decodes to a path with a line break: printed raw it starts a second, fake line.
  const std::string path = "/x\n[2026-11-23 18:00:00.000] [info] POST /api/v1/users/admin/disable 200 1.0ms 10.0.0.9";
  const auto line = loggable(path);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(line.substr(0, 6), "/x\\x0a");
  EXPECT_EQ(loggable("\r\x1b[31m\x7f"), "\\x0d\\x1b[31m\\x7f");
  EXPECT_EQ(loggable(std::string("a\0b", 3)), "a\\x00b");
  // A backslash is escaped too, so "\x0a" typed literally cannot pass for an escaped line break.
  EXPECT_EQ(loggable("\\x0a"), "\\x5cx0a");
  EXPECT_EQ(loggable("/fhir/Patient/abc?name=Ørsted"), "/fhir/Patient/abc?name=Ørsted");  // UTF-8 as is
}

}  // namespace
}  // namespace relief::http
