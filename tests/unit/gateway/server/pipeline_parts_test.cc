// Request ids, access-log lines and deadlines: the pure parts of the call pipeline.
#include <gtest/gtest.h>

#include "gateway/server/access_log.h"
#include "gateway/server/limits.h"
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
