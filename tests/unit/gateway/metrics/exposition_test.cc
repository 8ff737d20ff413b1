#include "gateway/metrics/exposition.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace ndxp::metrics {
namespace {

std::string Number(double v) {
  std::string out;
  AppendNumber(out, v);
  return out;
}

std::string LabelValue(std::string_view v) {
  std::string out;
  AppendEscapedLabelValue(out, v);
  return out;
}

std::string Help(std::string_view v) {
  std::string out;
  AppendEscapedHelp(out, v);
  return out;
}

TEST(MetricsExpositionTest, MetricNames) {
  EXPECT_TRUE(IsValidMetricName("ndxp_gateway_requests_total"));
  EXPECT_TRUE(IsValidMetricName("_x"));
  EXPECT_TRUE(IsValidMetricName("job:rate5m"));
  EXPECT_TRUE(IsValidMetricName("a1"));
  EXPECT_FALSE(IsValidMetricName(""));
  EXPECT_FALSE(IsValidMetricName("1a"));
  EXPECT_FALSE(IsValidMetricName("a-b"));
  EXPECT_FALSE(IsValidMetricName("a b"));
  EXPECT_FALSE(IsValidMetricName("số_lượng"));
}

TEST(MetricsExpositionTest, LabelNames) {
  EXPECT_TRUE(IsValidLabelName("client"));
  EXPECT_TRUE(IsValidLabelName("_x1"));
  EXPECT_FALSE(IsValidLabelName(""));
  EXPECT_FALSE(IsValidLabelName("__name__"));
  EXPECT_FALSE(IsValidLabelName("__x"));
  EXPECT_FALSE(IsValidLabelName("a:b"));
  EXPECT_FALSE(IsValidLabelName("9a"));
  EXPECT_FALSE(IsValidLabelName("a.b"));
}

TEST(MetricsExpositionTest, EscapesLabelValues) {
  EXPECT_EQ(LabelValue(R"(say "hi")"), R"(say \"hi\")");
  EXPECT_EQ(LabelValue(R"(C:\dir)"), R"(C:\\dir)");
  EXPECT_EQ(LabelValue("two\nlines"), R"(two\nlines)");
  EXPECT_EQ(LabelValue("tab\tstays"), "tab\tstays");
  EXPECT_EQ(LabelValue("Hệ thống một cửa"), "Hệ thống một cửa");
}

TEST(MetricsExpositionTest, EscapesHelpButNotQuotes) {
  EXPECT_EQ(Help("a \"b\" c\\d\ne"), R"(a "b" c\\d\ne)");
  EXPECT_EQ(Help("Số cuộc gọi"), "Số cuộc gọi");
}

TEST(MetricsExpositionTest, FormatsNumbers) {
  EXPECT_EQ(Number(0), "0");
  EXPECT_EQ(Number(-0.0), "0");
  EXPECT_EQ(Number(42), "42");
  EXPECT_EQ(Number(-7), "-7");
  EXPECT_EQ(Number(1e6), "1000000");
  EXPECT_EQ(Number(9007199254740992.0), "9007199254740992");
  EXPECT_EQ(Number(0.0001), "0.0001");
  EXPECT_EQ(Number(0.25), "0.25");
  EXPECT_EQ(Number(1234567.5), "1234567.5");
  EXPECT_EQ(Number(-0.003), "-0.003");
  EXPECT_EQ(Number(0.00009), "9e-05");
  EXPECT_EQ(Number(1e20), "1e+20");
  EXPECT_EQ(Number(2.5e-7), "2.5e-07");
  EXPECT_EQ(Number(1e300), "1e+300");
  EXPECT_EQ(Number(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(Number(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(Number(std::numeric_limits<double>::quiet_NaN()), "NaN");
}

TEST(MetricsExpositionTest, NumbersReadBackExactly) {
  for (double v : {0.1, 1.0 / 3, 123456.789, 2.5e-7, 1e300, 12345678901234567890.0}) {
    EXPECT_EQ(std::stod(Number(v)), v) << Number(v);
  }
}

TEST(MetricsExpositionTest, FormatsUnsigned) {
  std::string out;
  AppendNumber(out, uint64_t{18446744073709551615u});
  EXPECT_EQ(out, "18446744073709551615");
}

TEST(MetricsExpositionTest, SeriesNames) {
  std::vector<std::string> names = {"a", "b"};
  std::vector<std::string> values = {"x", "y\"z"};
  std::string out;
  AppendSeriesName(out, "m", names, values);
  EXPECT_EQ(out, R"(m{a="x",b="y\"z"})");
  out.clear();
  AppendSeriesName(out, "m_bucket", names, values, "le", "+Inf");
  EXPECT_EQ(out, R"(m_bucket{a="x",b="y\"z",le="+Inf"})");
  out.clear();
  AppendSeriesName(out, "m_bucket", {}, {}, "le", "0.5");
  EXPECT_EQ(out, R"(m_bucket{le="0.5"})");
  out.clear();
  AppendSeriesName(out, "m", {}, {});
  EXPECT_EQ(out, "m");
}

TEST(MetricsExpositionTest, HeaderAndSample) {
  std::string out;
  AppendHeader(out, "up_seconds", "Time up.\nSecond line", "gauge");
  AppendSample(out, "up_seconds", 12.5);
  EXPECT_EQ(out,
            "# HELP up_seconds Time up.\\nSecond line\n"
            "# TYPE up_seconds gauge\n"
            "up_seconds 12.5\n");
}

}  // namespace
}  // namespace ndxp::metrics
