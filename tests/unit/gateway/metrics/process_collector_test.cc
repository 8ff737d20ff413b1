#include "gateway/metrics/process_collector.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ctime>
#include <string>

namespace ndxp::metrics {
namespace {

using ::testing::HasSubstr;

// Field 2 with spaces and parentheses, as a process may name itself.
constexpr char kStat[] =
    "4242 (ndxp (gw) x) S 1 4242 4242 0 -1 4194560 500 0 0 0 150 50 0 0 20 0 9 0 123456 "
    "104857600 2560 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0\n";

TEST(MetricsParseProcStatTest, ReadsFieldsAfterCommandName) {
  std::optional<ProcStat> stat = ParseProcStat(kStat);
  ASSERT_TRUE(stat.has_value());
  EXPECT_EQ(stat->cpu_ticks, 200.0);
  EXPECT_EQ(stat->start_ticks, 123456.0);
  EXPECT_EQ(stat->vsize_bytes, 104857600.0);
  EXPECT_EQ(stat->rss_pages, 2560.0);
}

TEST(MetricsParseProcStatTest, RejectsTruncatedOrGarbage) {
  EXPECT_FALSE(ParseProcStat("").has_value());
  EXPECT_FALSE(ParseProcStat("1 (x) S 1 2 3").has_value());
  std::string bad = kStat;
  bad.replace(bad.find("150"), 3, "abc");
  EXPECT_FALSE(ParseProcStat(bad).has_value());
}

TEST(MetricsProcessStatsTest, ReadsThisProcess) {
  std::optional<ProcessStats> s = ReadProcessStats();
  ASSERT_TRUE(s.has_value());
  EXPECT_GT(s->resident_memory_bytes, 0);
  EXPECT_GE(s->virtual_memory_bytes, s->resident_memory_bytes);
  EXPECT_GE(s->cpu_seconds, 0);
  EXPECT_GE(s->open_fds, 3);  // stdin, stdout, stderr
  EXPECT_GE(s->max_fds, s->open_fds);
  double now = static_cast<double>(std::time(nullptr));
  EXPECT_GT(s->start_time_seconds, now - 24 * 3600);
  EXPECT_LE(s->start_time_seconds, now + 2);
}

TEST(MetricsProcessCollectorTest, RendersAllSixFamilies) {
  Registry registry;
  AddProcessCollector(registry);
  std::string text = registry.Render();
  EXPECT_THAT(text, HasSubstr("# TYPE process_cpu_seconds_total counter\n"));
  for (const char* name : {"process_resident_memory_bytes", "process_virtual_memory_bytes",
                           "process_open_fds", "process_max_fds", "process_start_time_seconds"}) {
    EXPECT_THAT(text, HasSubstr(std::string("# TYPE ") + name + " gauge\n"));
  }
  size_t rss = text.find("\nprocess_resident_memory_bytes ");
  ASSERT_NE(rss, std::string::npos);
  EXPECT_GT(std::stod(text.substr(rss + 31)), 0);
}

}  // namespace
}  // namespace ndxp::metrics
