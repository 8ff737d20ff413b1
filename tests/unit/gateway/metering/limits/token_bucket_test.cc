// The token bucket (GCRA): burst, refill, huge elapsed times, tokens given back, reconfiguring,
// and many threads racing for the same tokens.
#include "gateway/metering/limits/token_bucket.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <limits>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace ndxp::metering {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kStart = 1'000 * kSecond;

TEST(TokenBucketTest, AdmitsTheBurstAtOnceThenRefusesWithTheWaitForOneToken) {
  TokenBucket bucket(2, seconds(1), 3);  // 2/s, burst 3
  std::int64_t wait = 0;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(bucket.TryTake(kStart, &wait)) << i;
  EXPECT_FALSE(bucket.TryTake(kStart, &wait));
  EXPECT_EQ(wait, kSecond / 2);  // one token every 500ms
  EXPECT_EQ(bucket.Available(kStart), 0u);
}

TEST(TokenBucketTest, RefillsOneTokenPerInterval) {
  TokenBucket bucket(2, seconds(1), 3);
  std::int64_t wait = 0;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(bucket.TryTake(kStart, &wait));
  EXPECT_FALSE(bucket.TryTake(kStart + kSecond / 2 - 1, &wait));
  EXPECT_EQ(wait, 1);
  EXPECT_TRUE(bucket.TryTake(kStart + kSecond / 2, &wait));
  EXPECT_FALSE(bucket.TryTake(kStart + kSecond / 2, &wait));
  // After 1.5 s more, the bucket is full again (3), never more.
  EXPECT_EQ(bucket.Available(kStart + 2 * kSecond), 3u);
  EXPECT_EQ(bucket.Available(kStart + 100 * kSecond), 3u);
}

TEST(TokenBucketTest, SustainedRateIsNeverAboveTheConfiguredOne) {
  TokenBucket bucket(3, seconds(1), 1);  // an interval of 333333334 ns (rounded up)
  std::int64_t admitted = 0;
  for (std::int64_t t = kStart; t < kStart + 10 * kSecond; t += kSecond / 1000) {
    if (bucket.TryTake(t, nullptr)) ++admitted;
  }
  EXPECT_LE(admitted, 30);
  EXPECT_GE(admitted, 29);
}

TEST(TokenBucketTest, PerMinuteAndPerHourRates) {
  TokenBucket per_minute(6, minutes(1), 1);
  std::int64_t wait = 0;
  EXPECT_TRUE(per_minute.TryTake(kStart, &wait));
  EXPECT_FALSE(per_minute.TryTake(kStart, &wait));
  EXPECT_EQ(wait, 10 * kSecond);
  TokenBucket per_hour(1, hours(1), 1);
  EXPECT_TRUE(per_hour.TryTake(kStart, &wait));
  EXPECT_FALSE(per_hour.TryTake(kStart + kSecond, &wait));
  EXPECT_EQ(wait, 3599 * kSecond);
}

TEST(TokenBucketTest, NoOverflowOnHugeElapsedTimesOrExtremeClocks) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t kCenturies = 5'000'000'000'000'000'000;  // ~158 years of nanoseconds
  std::int64_t wait = 0;
  // The largest tolerance there is: a burst of 10^6 at 1/h (3.6e18 ns).
  TokenBucket slow(1, hours(1), 1'000'000);
  ASSERT_TRUE(slow.TryTake(0, &wait));
  // Idle for a century and a half: full, exactly the burst, then the wait for one token.
  EXPECT_EQ(slow.Available(kCenturies), 1'000'000u);
  for (int i = 0; i < 1'000'000; ++i) ASSERT_TRUE(slow.TryTake(kCenturies, &wait)) << i;
  EXPECT_FALSE(slow.TryTake(kCenturies, &wait));
  EXPECT_EQ(wait, 3600 * kSecond);
  // Clocks at the ends of the range do not wrap around.
  TokenBucket fast(1'000'000, seconds(1), 1'000'000);
  EXPECT_TRUE(fast.TryTake(std::numeric_limits<std::int64_t>::min() + 1, &wait));
  EXPECT_EQ(fast.Available(kMax - 10), 1'000'000u);
  EXPECT_TRUE(fast.TryTake(kMax - 10, &wait));
}

TEST(TokenBucketTest, GiveBackReturnsATokenButNeverAboveTheBurst) {
  TokenBucket bucket(1, seconds(1), 2);
  std::int64_t wait = 0;
  ASSERT_TRUE(bucket.TryTake(kStart, &wait));
  ASSERT_TRUE(bucket.TryTake(kStart, &wait));
  ASSERT_FALSE(bucket.TryTake(kStart, &wait));
  bucket.GiveBack();
  EXPECT_TRUE(bucket.TryTake(kStart, &wait));
  // Given back on a full bucket: still only the burst.
  TokenBucket full(1, seconds(1), 2);
  full.GiveBack();
  full.GiveBack();
  EXPECT_EQ(full.Available(kStart), 2u);
  EXPECT_TRUE(full.TryTake(kStart, &wait));
  EXPECT_TRUE(full.TryTake(kStart, &wait));
  EXPECT_FALSE(full.TryTake(kStart, &wait));
}

TEST(TokenBucketTest, ReconfiguringKeepsTheTokensTakenAndZeroSwitchesOff) {
  TokenBucket bucket(1, seconds(1), 2);
  std::int64_t wait = 0;
  ASSERT_TRUE(bucket.TryTake(kStart, &wait));
  ASSERT_TRUE(bucket.TryTake(kStart, &wait));
  bucket.Configure(1, seconds(1), 3);  // a larger burst: one more, not a refill
  EXPECT_TRUE(bucket.TryTake(kStart, &wait));
  EXPECT_FALSE(bucket.TryTake(kStart, &wait));
  bucket.Configure(0, seconds(1), 0);
  EXPECT_FALSE(bucket.enabled());
  EXPECT_TRUE(bucket.TryTake(kStart, &wait));
  TokenBucket unlimited;
  EXPECT_TRUE(unlimited.TryTake(kStart, &wait));
}

TEST(TokenBucketTest, ManyThreadsRacingNeverTakeMoreThanAllowed) {
  constexpr int kThreads = 8;
  constexpr int kTriesEach = 20000;
  constexpr std::uint32_t kBurst = 1000;
  // A frozen clock: exactly the burst.
  {
    TokenBucket bucket(10, seconds(1), kBurst);
    std::atomic<int> admitted{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < kTriesEach; ++i) {
          if (bucket.TryTake(kStart, nullptr)) admitted.fetch_add(1);
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(admitted.load(), static_cast<int>(kBurst));
  }
  // A moving clock (each thread's own view of it): never more than burst + elapsed * rate, with
  // tokens given back counted out.
  {
    TokenBucket bucket(1000, seconds(1), kBurst);  // one token per ms
    std::atomic<int> admitted{0};
    std::atomic<std::int64_t> latest{kStart};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kTriesEach; ++i) {
          const std::int64_t now = kStart + static_cast<std::int64_t>(i) * 10'000 + t;
          std::int64_t seen = latest.load();
          while (seen < now && !latest.compare_exchange_weak(seen, now)) {
          }
          if (!bucket.TryTake(now, nullptr)) continue;
          if (i % 7 == 0) {
            bucket.GiveBack();
          } else {
            admitted.fetch_add(1);
          }
        }
      });
    }
    for (auto& t : threads) t.join();
    const std::int64_t elapsed_ms = (latest.load() - kStart) / 1'000'000;
    EXPECT_LE(admitted.load(), static_cast<int>(kBurst + elapsed_ms + 1));
    EXPECT_GT(admitted.load(), 0);
  }
}

}  // namespace
}  // namespace ndxp::metering
