#include "connectors/common/paging.h"

#include <gtest/gtest.h>

#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors {
namespace {

using testing::ViolationField;

TEST(PagingTest, PageSizeDefaultsAndCaps) {
  EXPECT_EQ(*EffectivePageSize(0), 50);
  EXPECT_EQ(*EffectivePageSize(1), 1);
  EXPECT_EQ(*EffectivePageSize(1000), 1000);
  EXPECT_EQ(*EffectivePageSize(1001), 1000);
  auto negative = EffectivePageSize(-1);
  EXPECT_EQ(negative.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ViolationField(negative.status()), "page_size");
}

TEST(PagingTest, TokensRoundTripForTheSameFilter) {
  const PageTokenCodec codec(17);
  const std::string token = codec.Encode(/*filter=*/42, /*position=*/1234);
  EXPECT_EQ(
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
  auto position = codec.Decode(token, 42);
  ASSERT_TRUE(position.ok()) << position.status();
  EXPECT_EQ(*position, 1234u);
}

TEST(PagingTest, RejectsMisusedTokens) {
  const PageTokenCodec codec(17);
  const std::string token = codec.Encode(42, 1234);
  std::string altered = token;
  altered[3] = altered[3] == 'A' ? 'B' : 'A';
  for (const auto& [bad, filter] : std::vector<std::pair<std::string, std::uint64_t>>{
           {token, 43},
           {altered, 42},
           {"garbage", 42},
           {"!!!", 42},
           {token + "AA", 42},
           {PageTokenCodec(18).Encode(42, 1234), 42}}) {
    auto position = codec.Decode(bad, filter);
    EXPECT_EQ(position.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(ViolationField(position.status()), "page_token") << bad;
  }
}

}  // namespace
}  // namespace ndxp::connectors
