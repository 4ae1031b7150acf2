#pragma once
// Every clinical record is versioned and never destroyed: a correction is a new version.
#include <cstdint>
#include <string>

#include "core/time.hpp"

namespace relief {

struct RecordMeta {
  std::string id;
  std::int64_t version = 0;  // 1 for the first version
  std::string site_id;
  Instant recorded_at;       // when this version was written
  std::string recorded_by;   // username that wrote this version
};

}  // namespace relief
