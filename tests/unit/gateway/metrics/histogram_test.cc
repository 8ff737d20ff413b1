#include "gateway/metrics/histogram.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <thread>
#include <vector>

namespace ndxp::metrics {
namespace {

using ::testing::ElementsAre;

const std::vector<double> kBounds = {0.1, 1, 10};

TEST(MetricsHistogramTest, PlacesValuesInBuckets) {
  Histogram h(kBounds);
  h.Observe(0.05);  // <= 0.1
  h.Observe(0.5);   // <= 1
  h.Observe(5);     // <= 10
  h.Observe(50);    // +Inf
  h.Observe(-3);    // below every bound: first bucket
  Histogram::Snapshot s = h.Collect();
  EXPECT_THAT(s.bucket_counts, ElementsAre(2, 1, 1, 1));
  EXPECT_EQ(s.count, 5u);
  EXPECT_DOUBLE_EQ(s.sum, 52.55);
}

TEST(MetricsHistogramTest, ValueEqualToBoundGoesInThatBucket) {
  Histogram h(kBounds);
  h.Observe(0.1);
  h.Observe(1);
  h.Observe(10);
  EXPECT_THAT(h.Collect().bucket_counts, ElementsAre(1, 1, 1, 0));
}

TEST(MetricsHistogramTest, JustAboveBoundGoesInNextBucket) {
  Histogram h(kBounds);
  h.Observe(std::nextafter(0.1, 1.0));
  h.Observe(std::nextafter(10.0, 11.0));
  EXPECT_THAT(h.Collect().bucket_counts, ElementsAre(0, 1, 0, 1));
}

TEST(MetricsHistogramTest, InfinityAndNaNGoInLastBucket) {
  Histogram h(kBounds);
  h.Observe(std::numeric_limits<double>::infinity());
  h.Observe(std::numeric_limits<double>::quiet_NaN());
  h.Observe(-std::numeric_limits<double>::infinity());
  EXPECT_THAT(h.Collect().bucket_counts, ElementsAre(1, 0, 0, 2));  // -Inf <= 0.1
}

TEST(MetricsHistogramTest, NoBoundsMeansOnlyInfBucket) {
  Histogram h(std::span<const double>{});
  h.Observe(3);
  EXPECT_THAT(h.Collect().bucket_counts, ElementsAre(1));
}

TEST(MetricsHistogramTest, ConcurrentObservationsGiveExactCounts) {
  Histogram h(kBounds);
  constexpr int kThreads = 4;
  constexpr int kPerThread = 50000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&h] {
      for (int i = 0; i < kPerThread; ++i) h.Observe(i % 2 == 0 ? 0.5 : 2.0);
    });
  }
  for (auto& t : threads) t.join();
  Histogram::Snapshot s = h.Collect();
  constexpr uint64_t kHalf = kThreads * kPerThread / 2;
  EXPECT_THAT(s.bucket_counts, ElementsAre(0, kHalf, kHalf, 0));
  EXPECT_EQ(s.count, 2 * kHalf);
  EXPECT_DOUBLE_EQ(s.sum, kHalf * 2.5);
}

TEST(MetricsDefaultLatencyBucketsTest, IncreasingFromTenthOfMillisecondToTenSeconds) {
  std::vector<double> b = DefaultLatencyBuckets();
  EXPECT_GE(b.size(), 12u);
  EXPECT_LE(b.size(), 18u);
  EXPECT_EQ(b.front(), 0.0001);
  EXPECT_EQ(b.back(), 10.0);
  EXPECT_TRUE(std::is_sorted(b.begin(), b.end()));
  EXPECT_EQ(std::adjacent_find(b.begin(), b.end()), b.end());
}

}  // namespace
}  // namespace ndxp::metrics
