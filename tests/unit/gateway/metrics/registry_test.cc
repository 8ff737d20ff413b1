#include "gateway/metrics/registry.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace ndxp::metrics {
namespace {

TEST(MetricsRegistryTest, EmptyRegistryRendersNothing) {
  Registry registry;
  EXPECT_EQ(registry.Render(), "");
}

TEST(MetricsRegistryTest, FamilyWithoutSeriesRendersOnlyHeader) {
  Registry registry;
  registry.AddCounter("ndxp_auth_failures_total", "Failed authentications.", {"method"});
  EXPECT_EQ(registry.Render(),
            "# HELP ndxp_auth_failures_total Failed authentications.\n"
            "# TYPE ndxp_auth_failures_total counter\n");
}

TEST(MetricsRegistryTest, RendersFamiliesInRegistrationOrderAndSeriesSorted) {
  Registry registry;
  auto& requests = registry.AddCounter("z_requests_total", "Requests.", {"client", "code"});
  auto& in_flight = registry.AddGauge("a_in_flight", "In flight.", {});
  requests.WithLabels({"b", "OK"}).Inc(2);
  requests.WithLabels({"a", "UNAVAILABLE"}).Inc();
  requests.WithLabels({"a", "OK"}).Inc(1e6);
  in_flight.WithLabels({}).Set(-3.5);
  EXPECT_EQ(registry.Render(),
            "# HELP z_requests_total Requests.\n"
            "# TYPE z_requests_total counter\n"
            "z_requests_total{client=\"a\",code=\"OK\"} 1000000\n"
            "z_requests_total{client=\"a\",code=\"UNAVAILABLE\"} 1\n"
            "z_requests_total{client=\"b\",code=\"OK\"} 2\n"
            "# HELP a_in_flight In flight.\n"
            "# TYPE a_in_flight gauge\n"
            "a_in_flight -3.5\n");
}

TEST(MetricsRegistryTest, RendersHistogramCumulatively) {
  Registry registry;
  auto& family = registry.AddHistogram("lat_seconds", "Latency.", {"method"}, {0.01, 0.1, 1});
  Histogram& h = family.WithLabels({"Get"});
  h.Observe(0.01);
  h.Observe(0.05);
  h.Observe(0.5);
  h.Observe(3);
  EXPECT_EQ(registry.Render(),
            "# HELP lat_seconds Latency.\n"
            "# TYPE lat_seconds histogram\n"
            "lat_seconds_bucket{method=\"Get\",le=\"0.01\"} 1\n"
            "lat_seconds_bucket{method=\"Get\",le=\"0.1\"} 2\n"
            "lat_seconds_bucket{method=\"Get\",le=\"1\"} 3\n"
            "lat_seconds_bucket{method=\"Get\",le=\"+Inf\"} 4\n"
            "lat_seconds_sum{method=\"Get\"} 3.56\n"
            "lat_seconds_count{method=\"Get\"} 4\n");
}

TEST(MetricsRegistryTest, TrailingInfBucketIsDropped) {
  Registry registry;
  auto& family = registry.AddHistogram("h", "H.", {}, {1, std::numeric_limits<double>::infinity()});
  family.WithLabels({}).Observe(2);
  EXPECT_EQ(registry.Render(),
            "# HELP h H.\n# TYPE h histogram\n"
            "h_bucket{le=\"1\"} 0\nh_bucket{le=\"+Inf\"} 1\nh_sum 2\nh_count 1\n");
}

TEST(MetricsRegistryTest, EscapesLabelValuesAndHelp) {
  Registry registry;
  auto& family = registry.AddGauge("g", "Help with \\ and\nnewline and \"quotes\".", {"client"});
  family.WithLabels({"Hệ thống \"một\" cửa\\\n"}).Set(1);
  EXPECT_EQ(registry.Render(),
            "# HELP g Help with \\\\ and\\nnewline and \"quotes\".\n"
            "# TYPE g gauge\n"
            "g{client=\"Hệ thống \\\"một\\\" cửa\\\\\\n\"} 1\n");
}

TEST(MetricsRegistryTest, SpecialValues) {
  Registry registry;
  auto& family = registry.AddGauge("g", "G.", {"k"});
  family.WithLabels({"inf"}).Set(std::numeric_limits<double>::infinity());
  family.WithLabels({"nan"}).Set(std::numeric_limits<double>::quiet_NaN());
  family.WithLabels({"ninf"}).Set(-std::numeric_limits<double>::infinity());
  EXPECT_EQ(registry.Render(),
            "# HELP g G.\n# TYPE g gauge\n"
            "g{k=\"inf\"} +Inf\ng{k=\"nan\"} NaN\ng{k=\"ninf\"} -Inf\n");
}

TEST(MetricsRegistryTest, CollectorsRenderAfterFamiliesInOrder) {
  Registry registry;
  registry.AddCollector([](std::string& out) { out += "# collector one\n"; });
  registry.AddGauge("g", "G.", {});
  registry.AddCollector([](std::string& out) { out += "# collector two\n"; });
  EXPECT_EQ(registry.Render(), "# HELP g G.\n# TYPE g gauge\n# collector one\n# collector two\n");
}

TEST(MetricsRegistryDeathTest, InvalidNamesAbort) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Registry registry;
  EXPECT_DEATH(registry.AddCounter("bad-name_total", "h", {}), "invalid metric name");
  EXPECT_DEATH(registry.AddGauge("", "h", {}), "invalid metric name");
  EXPECT_DEATH(registry.AddGauge("0abc", "h", {}), "invalid metric name");
  EXPECT_DEATH(registry.AddGauge("g", "h", {"bad label"}), "invalid label name");
  EXPECT_DEATH(registry.AddGauge("g", "h", {"__reserved"}), "invalid label name");
  EXPECT_DEATH(registry.AddGauge("g", "h", {"a:b"}), "invalid label name");
  EXPECT_DEATH(registry.AddGauge("g", "h", {"a", "a"}), "duplicate label name a");
  EXPECT_DEATH(registry.AddHistogram("h", "h", {"le"}, {1}), "\"le\" is reserved");
}

TEST(MetricsRegistryDeathTest, DuplicateOrClashingNamesAbort) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Registry registry;
  registry.AddCounter("calls_total", "Calls.", {});
  registry.AddHistogram("lat_seconds", "Latency.", {}, {1});
  EXPECT_DEATH(registry.AddCounter("calls_total", "Again.", {}), "already registered");
  EXPECT_DEATH(registry.AddGauge("calls_total", "Again.", {}), "already registered");
  EXPECT_DEATH(registry.AddGauge("lat_seconds_count", "Clash.", {}), "already registered");
  registry.AddGauge("rpc_count", "Calls.", {});
  EXPECT_DEATH(registry.AddHistogram("rpc", "Clash.", {}, {1}), "rpc_count is already registered");
}

TEST(MetricsRegistryDeathTest, BadBucketsAbort) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Registry registry;
  EXPECT_DEATH(registry.AddHistogram("h1", "h", {}, {1, 1}), "strictly increasing");
  EXPECT_DEATH(registry.AddHistogram("h2", "h", {}, {2, 1}), "strictly increasing");
  EXPECT_DEATH(registry.AddHistogram("h3", "h", {}, {std::numeric_limits<double>::quiet_NaN()}),
               "strictly increasing");
}

}  // namespace
}  // namespace ndxp::metrics
