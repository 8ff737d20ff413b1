// Request ids, access-log lines and deadlines: the pure parts of the call pipeline.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "gateway/server/access_log.h"
#include "gateway/server/limits.h"
#include "gateway/server/log_sanitize.h"
#include "gateway/server/request_id.h"

namespace ndxp::server {
namespace {

TEST(RequestIdTest, AcceptsSafeTokensAndReplacesTheRest) {
  EXPECT_EQ(RequestIdFor("abc-123_x.y:z"), "abc-123_x.y:z");
  for (std::string bad : {std::string(""), std::string("has space"), std::string("a\nb"),
                          std::string("quote\""), std::string(129, 'a'), std::string("ü")}) {
    std::string id = RequestIdFor(bad);
    EXPECT_NE(id, bad);
    EXPECT_EQ(id.size(), 32u);
    EXPECT_TRUE(IsAcceptableRequestId(id));
  }
  EXPECT_NE(GenerateRequestId(), GenerateRequestId());
  EXPECT_TRUE(IsAcceptableRequestId("req-20261123-1234"));
  EXPECT_FALSE(IsAcceptableRequestId("079203001234"));        // a personal id
  EXPECT_FALSE(IsAcceptableRequestId("corr-123456789-x"));    // a 9-digit identity-card number
}

TEST(LogSanitizeTest, ControlCharactersAreEscapedAndLengthBounded) {
  EXPECT_EQ(SanitizeForLog("a\nb\r\x01" "c\\"), "a\\x0ab\\x0d\\x01c\\\\");
  EXPECT_EQ(SanitizeForLog("Nguyễn"), "Nguyễn");
  std::string cut = SanitizeForLog(std::string(1000, 'x'), 10);
  EXPECT_EQ(cut, "xxxxxxxxxx...");
}

TEST(AccessLogTest, LineIsOneJsonObjectWithEveryField) {
  AccessLogEntry entry{.time = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000)),
                       .request_id = "r1",
                       .protocol = "grpc",
                       .client = "VN:PROV:79:ONESTOP",
                       .method = "/ndxp.population.v1.PopulationService/GetCitizen",
                       .status = "OK",
                       .http_status = 0,
                       .duration_seconds = 0.0015,
                       .bytes_in = 14,
                       .bytes_out = 321};
  EXPECT_EQ(FormatAccessLogLine(entry),
            "{\"time\":\"2023-11-14T22:13:20.000000Z\",\"request_id\":\"r1\",\"protocol\":\"grpc\","
            "\"client\":\"VN:PROV:79:ONESTOP\",\"method\":\"/ndxp.population.v1.PopulationService/"
            "GetCitizen\",\"status\":\"OK\",\"duration_seconds\":0.001500,\"bytes_in\":14,"
            "\"bytes_out\":321}");
  entry.client = "a\"b\\c\n";
  entry.http_status = 404;
  std::string line = FormatAccessLogLine(entry);
  EXPECT_NE(line.find("\"client\":\"a\\\"b\\\\c\\n\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"http_status\":404"), std::string::npos) << line;
}

TEST(InputLimitsTest, DeadlinesAreDefaultedAndShortened) {
  InputLimits limits;
  absl::Time now = absl::FromUnixSeconds(1000);
  EXPECT_EQ(limits.EffectiveDeadline(now, absl::InfiniteFuture(), true), now + absl::Seconds(30));
  EXPECT_EQ(limits.EffectiveDeadline(now, absl::InfiniteFuture(), false), now + absl::Seconds(300));
  EXPECT_EQ(limits.EffectiveDeadline(now, now + absl::Seconds(5), true), now + absl::Seconds(5));
  EXPECT_EQ(limits.EffectiveDeadline(now, now + absl::Hours(2), true), now + absl::Seconds(300));
}

}  // namespace
}  // namespace ndxp::server

namespace ndxp::server {
namespace {

std::string ReadFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "r");
  std::string out;
  if (f == nullptr) return out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
  std::fclose(f);
  return out;
}

TEST(AccessLogWriterTest, EveryLineFromEveryThreadReachesTheFile) {
  std::string path = ::testing::TempDir() + "/access-" + std::to_string(::getpid()) + ".log";
  std::remove(path.c_str());
  {
    auto log = AccessLog::Open(path);
    ASSERT_TRUE(log.ok()) << log.status();
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&log, t] {
        for (int i = 0; i < 5000; ++i) {
          std::string id = "t" + std::to_string(t) + "-" + std::to_string(i);
          (*log)->Write(AccessLogEntry{.request_id = id, .protocol = "grpc", .status = "OK"});
        }
      });
    }
    for (auto& t : threads) t.join();
  }  // destruction flushes
  std::string text = ReadFile(path);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 20000);
  EXPECT_NE(text.find("\"request_id\":\"t3-4999\""), std::string::npos);
  EXPECT_NE(text.find("\"request_id\":\"t0-0\""), std::string::npos);
  std::remove(path.c_str());
}

TEST(AccessLogWriterTest, FlushWritesWhatWasLoggedSoFar) {
  std::string path = ::testing::TempDir() + "/access-flush-" + std::to_string(::getpid()) + ".log";
  std::remove(path.c_str());
  auto log = AccessLog::Open(path);
  ASSERT_TRUE(log.ok());
  (*log)->Write(AccessLogEntry{.request_id = "first", .status = "OK"});
  (*log)->Flush();
  EXPECT_NE(ReadFile(path).find("\"request_id\":\"first\""), std::string::npos);
  std::remove(path.c_str());
}

TEST(AccessLogWriterTest, DisabledAndUnopenableLogs) {
  auto disabled = AccessLog::Open("");
  ASSERT_TRUE(disabled.ok());
  EXPECT_FALSE((*disabled)->enabled());
  (*disabled)->Write(AccessLogEntry{});  // a no-op, not a crash
  auto bad = AccessLog::Open("/nonexistent-dir/x/access.log");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(std::string(bad.status().message()).find("access_log.path"), std::string::npos);
}

}  // namespace
}  // namespace ndxp::server
