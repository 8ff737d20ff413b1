#include "gateway/metrics/family.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <thread>
#include <vector>

#include "gateway/metrics/registry.h"

namespace ndxp::metrics {
namespace {

TEST(MetricsFamilyTest, SameLabelValuesGiveSameSeries) {
  Registry registry;
  auto& family = registry.AddCounter("calls_total", "Calls.", {"client", "code"});
  Counter& a = family.WithLabels({"VN:PROV:79:ONESTOP", "OK"});
  Counter& b = family.WithLabels({"VN:PROV:79:ONESTOP", "OK"});
  Counter& c = family.WithLabels({"VN:PROV:79:ONESTOP", "NOT_FOUND"});
  EXPECT_EQ(&a, &b);
  EXPECT_NE(&a, &c);
  a.Inc();
  b.Inc();
  EXPECT_EQ(a.Value(), 2.0);
  EXPECT_EQ(c.Value(), 0.0);
  EXPECT_EQ(family.SeriesCount(), 2u);
}

TEST(MetricsFamilyTest, SpanAndStdStringValues) {
  Registry registry;
  auto& family = registry.AddGauge("depth", "Depth.", {"queue"});
  std::string queue = "audit";
  std::array<std::string_view, 1> values = {queue};
  EXPECT_EQ(&family.WithLabels(std::span<const std::string_view>(values)),
            &family.WithLabels({queue}));
}

TEST(MetricsFamilyTest, NoLabels) {
  Registry registry;
  auto& family = registry.AddGauge("up", "Up.", {});
  family.WithLabels({}).Set(1);
  EXPECT_EQ(family.WithLabels({}).Value(), 1.0);
}

TEST(MetricsFamilyTest, ReferencesStayValidAsSeriesAreAdded) {
  Registry registry;
  auto& family = registry.AddCounter("x_total", "X.", {"i"});
  Counter& first = family.WithLabels({"0"});
  for (int i = 1; i < 1000; ++i) family.WithLabels({std::to_string(i)}).Inc();
  first.Inc(3);
  EXPECT_EQ(family.WithLabels({"0"}).Value(), 3.0);
}

TEST(MetricsFamilyTest, HistogramSeriesUseFamilyBuckets) {
  Registry registry;
  auto& family = registry.AddHistogram("d_seconds", "D.", {"m"}, {0.5, 1});
  Histogram& h = family.WithLabels({"Get"});
  ASSERT_EQ(h.bounds().size(), 2u);
  EXPECT_EQ(h.bounds()[1], 1.0);
}

TEST(MetricsFamilyTest, ConcurrentResolveAndIncrement) {
  Registry registry;
  auto& family = registry.AddCounter("c_total", "C.", {"k"});
  constexpr int kThreads = 4;
  constexpr int kPerThread = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&family] {
      for (int i = 0; i < kPerThread; ++i) family.WithLabels({i % 2 ? "odd" : "even"}).Inc();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(family.WithLabels({"odd"}).Value(), kThreads * kPerThread / 2);
  EXPECT_EQ(family.WithLabels({"even"}).Value(), kThreads * kPerThread / 2);
}

TEST(MetricsFamilyDeathTest, WrongLabelCountAborts) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Registry registry;
  auto& family = registry.AddCounter("calls_total", "Calls.", {"client", "code"});
  EXPECT_DEATH(family.WithLabels({"only-one"}),
               "calls_total has 2 label name\\(s\\) but WithLabels got 1 value");
  EXPECT_DEATH(family.WithLabels({"a", "b", "c"}), "got 3 value");
  EXPECT_DEATH(family.WithLabels({}), "got 0 value");
}

}  // namespace
}  // namespace ndxp::metrics
