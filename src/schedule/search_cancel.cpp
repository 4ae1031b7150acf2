#include "schedule/search_cancel.hpp"

#include <atomic>
#include <chrono>

namespace relief::schedule {
namespace {
std::atomic<bool> cancelled{false};

// The searches run on the thread that called them (one search thread per solve).
struct ThisThread {
  std::function<bool()> gone;
  std::chrono::steady_clock::time_point asked{};
  bool known_gone = false;
};
thread_local ThisThread here;
}  // namespace

void cancel_all_searches() { cancelled.store(true, std::memory_order_relaxed); }

bool searches_cancelled() {
  if (cancelled.load(std::memory_order_relaxed)) return true;
  if (!here.gone || here.known_gone) return here.known_gone;
  auto now = std::chrono::steady_clock::now();
  if (now - here.asked < std::chrono::milliseconds(50)) return false;
  here.asked = now;
  here.known_gone = here.gone();
  return here.known_gone;
}

StopWhenGone::StopWhenGone(std::function<bool()> gone) : outer_(std::move(here.gone)) {
  here = ThisThread{std::move(gone), {}, false};
}

StopWhenGone::~StopWhenGone() { here = ThisThread{std::move(outer_), {}, false}; }

}  // namespace relief::schedule
