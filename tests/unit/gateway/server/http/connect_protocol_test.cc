#include "gateway/server/http/connect_protocol.h"

#include <gtest/gtest.h>

#include "gateway/server/http/url.h"

namespace ndxp::server::http {
namespace {

TEST(HttpConnectProtocolTest, ContentTypes) {
  EXPECT_EQ(ClassifyContentType("application/json"), ContentKind::kUnaryJson);
  EXPECT_EQ(ClassifyContentType("Application/JSON; charset=utf-8"), ContentKind::kUnaryJson);
  EXPECT_EQ(ClassifyContentType("application/proto"), ContentKind::kUnaryProto);
  EXPECT_EQ(ClassifyContentType("application/connect+proto"), ContentKind::kStreaming);
  EXPECT_EQ(ClassifyContentType("application/grpc"), ContentKind::kUnsupported);
  EXPECT_EQ(ClassifyContentType("text/plain"), ContentKind::kUnsupported);
  EXPECT_EQ(ClassifyContentType(""), ContentKind::kUnsupported);
  EXPECT_EQ(ClassifyContentType("application/jsonx"), ContentKind::kUnsupported);
}

TEST(HttpConnectProtocolTest, Timeout) {
  EXPECT_EQ(*ParseConnectTimeout("1500"), absl::Milliseconds(1500));
  EXPECT_EQ(*ParseConnectTimeout("9999999999"), absl::Milliseconds(9999999999));
  for (const char* bad : {"", "0", "-1", "1.5", "10s", "12345678901", " "}) {
    auto parsed = ParseConnectTimeout(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(parsed.status().message().find("connect-timeout-ms"), absl::string_view::npos);
  }
}

TEST(HttpConnectProtocolTest, VersionAndEncoding) {
  EXPECT_TRUE(CheckProtocolVersion(std::nullopt).ok());
  EXPECT_TRUE(CheckProtocolVersion("1").ok());
  EXPECT_EQ(CheckProtocolVersion("2").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(CheckContentEncoding(std::nullopt).ok());
  EXPECT_TRUE(CheckContentEncoding("identity").ok());
  EXPECT_EQ(CheckContentEncoding("gzip").code(), absl::StatusCode::kUnimplemented);
}

TEST(HttpConnectProtocolTest, ProcedurePaths) {
  EXPECT_TRUE(IsProcedurePath("/ndxp.population.v1.PopulationService/GetCitizen"));
  EXPECT_TRUE(IsProcedurePath("/a.B/C"));
  EXPECT_FALSE(IsProcedurePath("/v1/citizens"));
  EXPECT_FALSE(IsProcedurePath("/v1/citizens/079203001234"));
  EXPECT_FALSE(IsProcedurePath("/a.B/C/D"));
  EXPECT_FALSE(IsProcedurePath("/a.B/"));
  EXPECT_FALSE(IsProcedurePath("/metrics"));
  EXPECT_FALSE(IsProcedurePath("/a.B/C:verify"));
}

TEST(HttpUrlTest, SplitAndDecode) {
  Target target = SplitTarget("/v1/x?a=1&b=2#frag");
  EXPECT_EQ(target.path, "/v1/x");
  EXPECT_EQ(target.query, "a=1&b=2");
  EXPECT_EQ(SplitTarget("/v1/x").query, "");
  EXPECT_EQ(*PercentDecode("a%20b+c", false), "a b+c");
  EXPECT_EQ(*PercentDecode("a%20b+c", true), "a b c");
  EXPECT_EQ(*PercentDecode("a%2Fb", false, true), "a%2Fb");
  EXPECT_EQ(*PercentDecode("a%2fb", false), "a/b");
  EXPECT_FALSE(PercentDecode("a%2", false));
  EXPECT_FALSE(PercentDecode("a%g0", false));
}

TEST(HttpUrlTest, Query) {
  auto params = ParseQuery("a=1&&b.c=x%26y&a=2&flag");
  ASSERT_TRUE(params.ok());
  ASSERT_EQ(params->size(), 4u);
  EXPECT_EQ((*params)[1], (std::pair<std::string, std::string>{"b.c", "x&y"}));
  EXPECT_EQ((*params)[2].second, "2");
  EXPECT_EQ((*params)[3], (std::pair<std::string, std::string>{"flag", ""}));
  EXPECT_FALSE(ParseQuery("a=%").ok());
}

}  // namespace
}  // namespace ndxp::server::http
