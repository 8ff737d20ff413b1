// Quota counters and the metering calendar: counting up to the limit, the day and month rolling
// over in UTC+7, periods that only move forward, seeding from the ledger, calls given back.
#include "gateway/metering/limits/quota_counter.h"

#include <atomic>
#include <thread>
#include <vector>

#include <absl/time/civil_time.h>
#include <absl/time/time.h>
#include <gtest/gtest.h>

#include "gateway/metering/limits/metering_calendar.h"
#include "gateway/metering/served_calls.h"

namespace ndxp::metering {
namespace {

absl::Time At(int y, int m, int d, int hh, int mm, int ss, absl::TimeZone zone) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, ss), zone);
}

TEST(QuotaCounterTest, CountsUpToTheLimitInAPeriod) {
  QuotaCounter counter;
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(counter.TryTake(100, 5)) << i;
  EXPECT_FALSE(counter.TryTake(100, 5));
  EXPECT_EQ(counter.Used(100), 5u);
  EXPECT_TRUE(counter.TryTake(100, 6));  // a reload raised the limit
  EXPECT_FALSE(counter.TryTake(100, 6));
}

TEST(QuotaCounterTest, ANewPeriodStartsFromZeroAndPeriodsOnlyMoveForward) {
  QuotaCounter counter;
  ASSERT_TRUE(counter.TryTake(100, 2));
  ASSERT_TRUE(counter.TryTake(100, 2));
  ASSERT_FALSE(counter.TryTake(100, 2));
  EXPECT_TRUE(counter.TryTake(101, 2));
  EXPECT_EQ(counter.Used(101), 1u);
  EXPECT_EQ(counter.Used(100), 0u);
  // A late call that read the clock before the rollover counts in the new period.
  EXPECT_TRUE(counter.TryTake(100, 2));
  EXPECT_EQ(counter.Used(101), 2u);
  EXPECT_FALSE(counter.TryTake(100, 2));
}

TEST(QuotaCounterTest, GiveBackOnlyInTheSamePeriod) {
  QuotaCounter counter;
  ASSERT_TRUE(counter.TryTake(7, 1));
  counter.GiveBack(7);
  EXPECT_EQ(counter.Used(7), 0u);
  counter.GiveBack(7);  // never below zero
  EXPECT_EQ(counter.Used(7), 0u);
  ASSERT_TRUE(counter.TryTake(8, 1));
  counter.GiveBack(7);  // that period is over
  EXPECT_EQ(counter.Used(8), 1u);
}

TEST(QuotaCounterTest, SeedStartsThePeriodFromTheLedgerAndKeepsTheLargerCount) {
  QuotaCounter counter;
  counter.Seed(200, 4);
  EXPECT_EQ(counter.Used(200), 4u);
  EXPECT_TRUE(counter.TryTake(200, 5));
  EXPECT_FALSE(counter.TryTake(200, 5));
  counter.Seed(200, 2);  // fewer than counted: kept
  EXPECT_EQ(counter.Used(200), 5u);
  counter.Seed(199, 100);  // an earlier period: ignored
  EXPECT_EQ(counter.Used(200), 5u);
  counter.Seed(201, QuotaCounter::kMaxCount + 10);  // clamped
  EXPECT_EQ(counter.Used(201), QuotaCounter::kMaxCount);
}

TEST(QuotaCounterTest, ManyThreadsNeverAdmitMoreThanTheQuota) {
  QuotaCounter counter;
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) {
        if (counter.TryTake(300, 5000)) admitted.fetch_add(1);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(admitted.load(), 5000);
}

TEST(MeteringCalendarTest, DaysAndMonthsRollOverAtMidnightInUtcPlus7) {
  const absl::TimeZone vn = MeteringTimeZone("Asia/Ho_Chi_Minh");
  MeteringCalendar calendar(vn);
  // 2026-01-31 23:59:59 in Hanoi is 16:59:59 UTC; one second later it is February there.
  const QuotaPeriods before = calendar.At(At(2026, 1, 31, 23, 59, 59, vn));
  const QuotaPeriods after = calendar.At(At(2026, 2, 1, 0, 0, 0, vn));
  EXPECT_EQ(after.day, before.day + 1);
  EXPECT_EQ(after.month, before.month + 1);
  EXPECT_EQ(calendar.DayOf(before.day), absl::CivilDay(2026, 1, 31));
  EXPECT_EQ(calendar.DayOf(after.day), absl::CivilDay(2026, 2, 1));
  EXPECT_EQ(calendar.FirstDayOfMonth(before.month), absl::CivilDay(2026, 1, 1));
  EXPECT_EQ(calendar.NextDayStart(before.day), At(2026, 2, 1, 0, 0, 0, vn));
  EXPECT_EQ(calendar.NextMonthStart(before.month), At(2026, 2, 1, 0, 0, 0, vn));
  EXPECT_EQ(calendar.NextMonthStart(after.month), At(2026, 3, 1, 0, 0, 0, vn));
  // 17:00 UTC is already the next day in Hanoi, not yet in UTC.
  const absl::Time utc_evening = At(2026, 3, 10, 17, 0, 0, absl::UTCTimeZone());
  EXPECT_EQ(calendar.DayOf(calendar.At(utc_evening).day), absl::CivilDay(2026, 3, 11));
  MeteringCalendar utc(MeteringTimeZone("UTC"));
  EXPECT_EQ(utc.DayOf(utc.At(utc_evening).day), absl::CivilDay(2026, 3, 10));
  // December rolls into the next year.
  const QuotaPeriods december = calendar.At(At(2026, 12, 31, 12, 0, 0, vn));
  EXPECT_EQ(calendar.NextMonthStart(december.month), At(2027, 1, 1, 0, 0, 0, vn));
  EXPECT_EQ(calendar.FirstDayOfMonth(december.month + 1), absl::CivilDay(2027, 1, 1));
}

TEST(MeteringCalendarTest, MonthOfDayAgreesWithCivilTimeForThreeCenturies) {
  const absl::CivilDay epoch(1970, 1, 1);
  int wrong = 0;
  for (std::uint32_t day = 0; day < 120'000; ++day) {  // 1970 to 2298: leap years, 2100, 2200
    const absl::CivilDay civil = epoch + day;
    const auto expected = static_cast<std::uint32_t>((civil.year() - 1970) * 12 + civil.month() - 1);
    if (MonthOfDay(day) != expected && ++wrong < 5) {
      ADD_FAILURE() << absl::FormatCivilTime(civil) << ": month " << MonthOfDay(day) << ", not "
                    << expected;
    }
  }
  EXPECT_EQ(wrong, 0);
  EXPECT_EQ(MonthOfDay(0), 0u);
  EXPECT_EQ(MonthOfDay(static_cast<std::uint32_t>(absl::CivilDay(2028, 2, 29) - epoch)),
            (2028 - 1970) * 12 + 1u);
}

TEST(MeteringCalendarTest, AQuotaCounterFollowsTheCalendarAcrossMidnight) {
  const absl::TimeZone vn = MeteringTimeZone("Asia/Ho_Chi_Minh");
  MeteringCalendar calendar(vn);
  QuotaCounter daily;
  const absl::Time evening = At(2026, 5, 4, 23, 59, 0, vn);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(daily.TryTake(calendar.At(evening).day, 3));
  EXPECT_FALSE(daily.TryTake(calendar.At(evening + absl::Seconds(59)).day, 3));
  EXPECT_TRUE(daily.TryTake(calendar.At(evening + absl::Seconds(60)).day, 3));
}

}  // namespace
}  // namespace ndxp::metering
