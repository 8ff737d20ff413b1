// The cache of verified JWTs: hits only for the same token, key-set generation and before expiry;
// bounded.
#include "gateway/auth/token_cache.h"

#include <gtest/gtest.h>

namespace ndxp::auth {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1'780'000'000);

std::shared_ptr<const jwt::VerifiedToken> Verified(std::string client) {
  auto token = std::make_shared<jwt::VerifiedToken>();
  token->client_id = std::move(client);
  return token;
}

TEST(TokenCacheTest, AHitIsTheSameTokenUnderTheSameKeysBeforeItExpires) {
  TokenCache cache(64);
  cache.Insert("a.b.c", 1, kNow + absl::Minutes(5), Verified("VN:PROV:79:ONESTOP"));
  auto hit = cache.Find("a.b.c", 1, kNow);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->client_id, "VN:PROV:79:ONESTOP");
  EXPECT_EQ(cache.Find("a.b.d", 1, kNow), nullptr);                    // another token
  EXPECT_EQ(cache.Find("a.b.c", 1, kNow + absl::Minutes(5)), nullptr);  // expired
  cache.Insert("x.y.z", 1, kNow + absl::Minutes(5), Verified("c"));
  EXPECT_EQ(cache.Find("x.y.z", 2, kNow), nullptr);  // the keys rotated since
  EXPECT_EQ(cache.Find("x.y.z", 1, kNow), nullptr);  // and the stale entry is gone
}

TEST(TokenCacheTest, ItStaysWithinItsCapacity) {
  TokenCache cache(32);  // 2 per shard
  for (int i = 0; i < 10000; ++i) {
    cache.Insert("token-" + std::to_string(i), 1, kNow + absl::Hours(1), Verified("c"));
  }
  int found = 0;
  for (int i = 0; i < 10000; ++i) {
    if (cache.Find("token-" + std::to_string(i), 1, kNow) != nullptr) ++found;
  }
  EXPECT_LE(found, 32);
  EXPECT_GT(found, 0);  // the latest ones are still there
}

}  // namespace
}  // namespace ndxp::auth
