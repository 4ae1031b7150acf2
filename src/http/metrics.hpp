#pragma once
// Prometheus text exposition of request counts and latencies, and the store's commit counters.
#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <map>
#include <string>

#include "store/store.hpp"

namespace relief::http {

class Metrics {
 public:
  // Brackets one request's handling, so the in-flight gauge counts requests being handled.
  void started() { ++in_flight_; }
  void observe(const std::string& method, int status, double seconds);  // also ends it
  std::string render(const StoreStats& store) const;

 private:
  static constexpr std::array<double, 11> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0};
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;  // (method, status)
  std::array<std::uint64_t, kBuckets.size() + 1> bucket_counts_{};  // last: +Inf
  double latency_sum_ = 0;
  std::uint64_t latency_count_ = 0;
  std::atomic<std::int64_t> in_flight_{0};
};

}  // namespace relief::http
