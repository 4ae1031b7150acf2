// Record ids: UUIDv7 (RFC 9562) in 32 hex digits, valid FHIR ids, unguessable, and ordered by
// creation time so that the store's id indexes grow at one end.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>

#include "store/store.hpp"

namespace relief {
namespace {

std::int64_t unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TEST(RecordId, IsAUuidVersion7InThirtyTwoLowerCaseHexDigits) {
  const std::regex fhir_id("[A-Za-z0-9\\-\\.]{1,64}");
  for (int i = 0; i < 200; ++i) {
    auto id = new_record_id();
    ASSERT_EQ(id.size(), 32u) << id;
    EXPECT_TRUE(std::regex_match(id, fhir_id)) << id;
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
    EXPECT_EQ(id[12], '7') << "version nibble: " << id;
    EXPECT_NE(std::string("89ab").find(id[16]), std::string::npos) << "RFC 9562 variant bits 10: " << id;
  }
}

TEST(RecordId, StartsWithItsCreationMillisecond) {
  auto before = unix_ms();
  auto id = new_record_id();
  auto after = unix_ms();
  auto stamped = static_cast<std::int64_t>(std::stoull(id.substr(0, 12), nullptr, 16));
  EXPECT_GE(stamped, before);
  EXPECT_LE(stamped, after);
}

TEST(RecordId, LaterIdsSortAfterEarlierOnesAndNoneRepeat) {
  auto first = new_record_id();
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  auto second = new_record_id();
  EXPECT_LT(first, second) << "made a millisecond or more apart";
  // Within one millisecond too: each id sorts after the one made before it, so records saved in
  // the same millisecond are listed in the order they were saved.
  std::string previous = new_record_id();
  for (int i = 0; i < 100000; ++i) {
    auto id = new_record_id();
    ASSERT_LT(previous, id) << "id " << i;
    previous = id;
  }
}

TEST(RecordId, IdsMadeInOneMillisecondStillDifferInTheirRandomBits) {
  // Unguessable: consecutive ids do not differ by one.
  auto a = new_record_id(), b = new_record_id();
  EXPECT_NE(std::stoull(a.substr(20), nullptr, 16) + 1, std::stoull(b.substr(20), nullptr, 16));
}

}  // namespace
}  // namespace relief
