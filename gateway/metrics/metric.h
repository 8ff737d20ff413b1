#pragma once
// Counter and Gauge: one lock-free atomic each. Obtain them from a Family (registry.h), resolve the
// series once and keep the reference: Inc/Set never lock.

#include <atomic>
#include <string_view>

namespace ndxp::metrics {

// Monotonic counter. Negative and NaN increments are ignored: a counter only goes up.
// Aligned to a cache line so that series updated from different threads do not share one.
class alignas(64) Counter {
 public:
  static constexpr std::string_view kTypeName = "counter";

  Counter() = default;
  Counter(const Counter&) = delete;
  Counter& operator=(const Counter&) = delete;

  void Inc(double v = 1.0) {
    if (!(v >= 0.0)) return;
    value_.fetch_add(v, std::memory_order_relaxed);
  }
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

// A value that goes up and down (in-flight calls, queue depth, quota left).
class alignas(64) Gauge {
 public:
  static constexpr std::string_view kTypeName = "gauge";

  Gauge() = default;
  Gauge(const Gauge&) = delete;
  Gauge& operator=(const Gauge&) = delete;

  void Set(double v) { value_.store(v, std::memory_order_relaxed); }
  void Inc(double v = 1.0) { value_.fetch_add(v, std::memory_order_relaxed); }
  void Dec(double v = 1.0) { value_.fetch_sub(v, std::memory_order_relaxed); }
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

}  // namespace ndxp::metrics
