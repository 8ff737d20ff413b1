#include "gateway/metrics/histogram.h"

namespace ndxp::metrics {

Histogram::Histogram(std::span<const double> bounds)
    : bounds_(bounds), counts_(std::make_unique<std::atomic<uint64_t>[]>(bounds.size() + 1)) {}

Histogram::Snapshot Histogram::Collect() const {
  Snapshot s;
  s.bucket_counts.reserve(bounds_.size() + 1);
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    uint64_t n = counts_[i].load(std::memory_order_relaxed);
    s.bucket_counts.push_back(n);
    s.count += n;
  }
  s.sum = sum_.load(std::memory_order_relaxed);
  return s;
}

std::vector<double> DefaultLatencyBuckets() {
  return {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
          0.05,   0.1,     0.25,   0.5,   1.0,    2.5,   5.0,  10.0};
}

}  // namespace ndxp::metrics
