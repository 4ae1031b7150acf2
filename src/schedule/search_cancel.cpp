#include "schedule/search_cancel.hpp"

#include <atomic>

namespace relief::schedule {
namespace {
std::atomic<bool> cancelled{false};
}

void cancel_all_searches() { cancelled.store(true, std::memory_order_relaxed); }
bool searches_cancelled() { return cancelled.load(std::memory_order_relaxed); }

}  // namespace relief::schedule
