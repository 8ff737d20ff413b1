#include "gateway/metrics/metric.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <thread>
#include <vector>

namespace ndxp::metrics {
namespace {

constexpr int kThreads = 8;
constexpr int kPerThread = 100000;

TEST(MetricsCounterTest, StartsAtZeroAndCounts) {
  Counter c;
  EXPECT_EQ(c.Value(), 0.0);
  c.Inc();
  c.Inc(2.5);
  EXPECT_EQ(c.Value(), 3.5);
}

TEST(MetricsCounterTest, IgnoresNegativeAndNaN) {
  Counter c;
  c.Inc(5);
  c.Inc(-1);
  c.Inc(std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(c.Value(), 5.0);
}

TEST(MetricsCounterTest, ConcurrentIncrementsGiveExactTotal) {
  Counter c;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&c] {
      for (int i = 0; i < kPerThread; ++i) c.Inc();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(c.Value(), static_cast<double>(kThreads) * kPerThread);
}

TEST(MetricsGaugeTest, SetIncDec) {
  Gauge g;
  g.Set(10);
  g.Inc();
  g.Inc(4);
  g.Dec(20);
  EXPECT_EQ(g.Value(), -5.0);
  g.Set(0.25);
  EXPECT_EQ(g.Value(), 0.25);
}

TEST(MetricsGaugeTest, ConcurrentIncAndDecBalance) {
  Gauge g;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&g, t] {
      for (int i = 0; i < kPerThread; ++i) {
        if (t % 2 == 0) {
          g.Inc(2);
        } else {
          g.Dec();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(g.Value(), static_cast<double>(kThreads / 2) * kPerThread);
}

}  // namespace
}  // namespace ndxp::metrics
