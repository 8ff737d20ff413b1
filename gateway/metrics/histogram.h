#pragma once
// Histogram with fixed upper bounds chosen when its family is created. Observe is lock-free: one
// relaxed increment of the bucket the value falls in, one atomic add to the sum.

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace ndxp::metrics {

class alignas(64) Histogram {
 public:
  static constexpr std::string_view kTypeName = "histogram";

  // A consistent-enough copy for rendering and tests. bucket_counts are per bucket (not
  // cumulative); the last one counts values above every bound (and NaN).
  struct Snapshot {
    std::vector<uint64_t> bucket_counts;
    double sum = 0.0;
    uint64_t count = 0;
  };

  // `bounds` must be strictly increasing, finite and outlive the histogram (its Family owns them).
  explicit Histogram(std::span<const double> bounds);
  Histogram(const Histogram&) = delete;
  Histogram& operator=(const Histogram&) = delete;

  // A value equal to a bound goes in that bound's bucket (le means "less than or equal"); NaN
  // goes in the +Inf bucket.
  void Observe(double v) {
    auto above = [v](double bound) { return !(v <= bound); };
    size_t i = std::partition_point(bounds_.begin(), bounds_.end(), above) - bounds_.begin();
    counts_[i].fetch_add(1, std::memory_order_relaxed);
    sum_.fetch_add(v, std::memory_order_relaxed);
  }

  std::span<const double> bounds() const { return bounds_; }
  Snapshot Collect() const;

 private:
  std::span<const double> bounds_;
  // bounds_.size() + 1 counters; the last is the +Inf bucket. The total count is their sum, so the
  // rendered _count always equals the +Inf bucket, even while other threads observe.
  std::unique_ptr<std::atomic<uint64_t>[]> counts_;
  std::atomic<double> sum_{0.0};
};

// Seconds, 100 µs to 10 s in 1-2.5-5 steps: in-memory lookups through the gateway land in the
// lower buckets, remote upstreams and timeouts in the upper ones.
std::vector<double> DefaultLatencyBuckets();

}  // namespace ndxp::metrics
