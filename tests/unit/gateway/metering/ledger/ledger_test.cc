#include "gateway/metering/ledger/ledger.h"

#include <atomic>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gateway/metering/ledger/sqlite_db.h"
#include "tests/unit/gateway/metering/ledger/ledger_test_support.h"

namespace ndxp::metering::ledger {
namespace {

using ::testing::HasSubstr;
using testing::QueryInt;
using testing::TempDir;

// 2026-11-30 17:30 UTC: 2026-12-01 00:30 in Asia/Ho_Chi_Minh.
const absl::Time kLateNovemberUtc = absl::FromCivil(absl::CivilSecond(2026, 11, 30, 17, 30, 0),
                                                    absl::UTCTimeZone());

struct Fixture {
  explicit Fixture(std::string time_zone = "Asia/Ho_Chi_Minh", std::size_t max_keys = 4096,
                   bool thread = false) {
    LedgerOptions options;
    options.path = dir.File("usage.db");
    options.time_zone = std::move(time_zone);
    options.max_pending_keys = max_keys;
    options.flush_thread = thread;
    options.flush_interval = absl::Milliseconds(20);
    options.clock = [this] { return now.load(); };
    auto opened = Ledger::Open(options, registry);
    EXPECT_TRUE(opened.ok()) << opened.status();
    ledger = *std::move(opened);
  }
  double Metric(const std::string& series) {
    const std::string text = registry.Render();
    auto at = text.find("\n" + series + " ");
    if (at == std::string::npos) return -1;
    return std::stod(text.substr(at + series.size() + 2));
  }
  std::int64_t Query(const std::string& sql) { return QueryInt(dir.File("usage.db"), sql); }

  TempDir dir;
  metrics::Registry registry;
  std::atomic<absl::Time> now{kLateNovemberUtc};
  std::unique_ptr<Ledger> ledger;
};

UsageEvent Call(std::string_view client, absl::StatusCode code = absl::StatusCode::kOk,
                bool served = true) {
  return UsageEvent{.client = client,
                    .connector = "population",
                    .method = "PopulationService/GetCitizen",
                    .procedure = "1.004227",
                    .dossier = "HS-0001",
                    .code = code,
                    .served = served};
}

TEST(LedgerTest, FlushWritesCountsAndRereadsThem) {
  Fixture f;
  for (int i = 0; i < 5; ++i) f.ledger->Record(Call("VN:PROV:79:ONESTOP"));
  f.ledger->Record(Call("VN:PROV:79:ONESTOP", absl::StatusCode::kNotFound));
  f.ledger->Record(Call("VN:PROV:79:ONESTOP", absl::StatusCode::kPermissionDenied, false));
  EXPECT_EQ(f.Metric("ndxp_gateway_ledger_pending_keys"), 4);  // 3 counts + 1 dossier
  ASSERT_TRUE(f.ledger->Flush().ok());
  EXPECT_EQ(f.Metric("ndxp_gateway_ledger_pending_keys"), 0);
  EXPECT_EQ(f.Metric("ndxp_gateway_ledger_flushes_total{result=\"ok\"}"), 1);
  EXPECT_EQ(f.Metric("ndxp_gateway_ledger_flush_lag_seconds"), 0);
  EXPECT_EQ(f.Query("SELECT SUM(calls) FROM usage"), 7);
  EXPECT_EQ(f.Query("SELECT SUM(served) FROM usage"), 6);
  EXPECT_EQ(f.Query("SELECT calls FROM usage WHERE outcome = 'OK' AND day = '2026-12-01' AND "
                    "province = '79' AND connector = 'population' AND procedure = '1.004227' AND "
                    "method = 'PopulationService/GetCitizen'"),
            5);
  EXPECT_EQ(f.Query("SELECT calls FROM usage WHERE outcome = 'PERMISSION_DENIED' AND served = 0"), 1);
  EXPECT_EQ(f.Query("SELECT calls FROM dossiers WHERE month = '2026-12' AND dossier = 'HS-0001' "
                    "AND province = '79'"),
            7);
  EXPECT_EQ(f.Query("SELECT served_ok FROM dossiers"), 5);
  // A second flush adds to the rows.
  f.ledger->Record(Call("VN:PROV:79:ONESTOP"));
  ASSERT_TRUE(f.ledger->Flush().ok());
  EXPECT_EQ(f.Query("SELECT calls FROM usage WHERE outcome = 'OK'"), 6);
  EXPECT_EQ(f.Query("SELECT COUNT(*) FROM dossiers"), 1);
  // Nothing pending: no write.
  ASSERT_TRUE(f.ledger->Flush().ok());
  EXPECT_EQ(f.Metric("ndxp_gateway_ledger_flushes_total{result=\"ok\"}"), 2);
}

TEST(LedgerTest, DaysInTheLedgersTimeZone) {
  Fixture utc("UTC");
  utc.ledger->Record(Call("A"));
  ASSERT_TRUE(utc.ledger->Flush().ok());
  EXPECT_EQ(utc.Query("SELECT COUNT(*) FROM usage WHERE day = '2026-11-30'"), 1);
  EXPECT_EQ(utc.Query("SELECT COUNT(*) FROM dossiers WHERE month = '2026-11'"), 1);
  EXPECT_EQ(utc.Query("SELECT COUNT(*) FROM meta WHERE key = 'time_zone' AND value = 'UTC'"), 1);
}

TEST(LedgerTest, ManyThreadsThroughTheFlushThreadExactTotals) {
  Fixture f("Asia/Ho_Chi_Minh", 4096, /*thread=*/true);
  constexpr int kThreads = 6;
  constexpr int kCalls = 5000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&f, t] {
      const std::string client = "VN:PROV:" + std::to_string(10 + t % 3) + ":X";
      for (int i = 0; i < kCalls; ++i) f.ledger->Record(Call(client));
    });
  }
  for (auto& thread : threads) thread.join();
  f.ledger.reset();  // the last flush
  EXPECT_EQ(f.Query("SELECT SUM(calls) FROM usage"), kThreads * kCalls);
  EXPECT_EQ(f.Query("SELECT COUNT(DISTINCT client) FROM usage"), 3);
}

TEST(LedgerTest, DestructionFlushes) {
  Fixture f;
  f.ledger->Record(Call("A"));
  f.ledger.reset();
  EXPECT_EQ(f.Query("SELECT SUM(calls) FROM usage"), 1);
}

TEST(LedgerTest, ServedIsWhatTheDatabaseHoldsPlusWhatIsPending) {
  Fixture f;
  f.ledger->Record(Call("A"));
  f.ledger->Record(Call("A"));
  f.ledger->Record(Call("A", absl::StatusCode::kResourceExhausted, false));
  ASSERT_TRUE(f.ledger->Flush().ok());
  f.ledger->Record(Call("A"));
  UsageEvent business = Call("A");
  business.connector = "business";
  f.ledger->Record(business);
  const absl::CivilDay day(2026, 12, 1);
  EXPECT_EQ(f.ledger->Served("A", "", day, day), 4u);
  EXPECT_EQ(f.ledger->Served("A", "population", day, day), 3u);
  EXPECT_EQ(f.ledger->Served("A", "business", day, day), 1u);
  EXPECT_EQ(f.ledger->Served("A", "", day - 30, day - 1), 0u);
  EXPECT_EQ(f.ledger->Served("B", "", day, day), 0u);
  // Reopened: what quotas start from after a restart.
  f.ledger.reset();
  metrics::Registry registry;
  LedgerOptions options;
  options.path = f.dir.File("usage.db");
  options.flush_thread = false;
  auto reopened = Ledger::Open(options, registry);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  EXPECT_EQ((*reopened)->Served("A", "", absl::CivilDay(2026, 12, 1), absl::CivilDay(2026, 12, 31)),
            4u);
}

TEST(LedgerTest, AFailedFlushIsCountedReportedAndRetried) {
  Fixture f;
  f.ledger->Record(Call("A"));
  // Another connection holds the write lock (an operator's sqlite3 shell, say).
  auto other = Db::Open(f.dir.File("usage.db"), Db::Mode::kReadWriteCreate);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->Exec("PRAGMA busy_timeout=0; BEGIN IMMEDIATE").ok());
  f.now = f.now.load() + absl::Seconds(5);
  absl::Status failed = f.ledger->Flush();
  EXPECT_FALSE(failed.ok());
  EXPECT_THAT(std::string(failed.message()), HasSubstr("usage.db"));
  EXPECT_THAT(f.ledger->Problem(), HasSubstr("usage ledger cannot be written"));
  EXPECT_EQ(f.Metric("ndxp_gateway_ledger_flushes_total{result=\"error\"}"), 1);
  EXPECT_EQ(f.Metric("ndxp_gateway_ledger_flush_lag_seconds"), 5);
  EXPECT_EQ(f.Metric("ndxp_gateway_ledger_pending_keys"), 2);
  f.ledger->Record(Call("A"));  // the next window adds to the kept batch
  ASSERT_TRUE((*other)->Exec("ROLLBACK").ok());
  ASSERT_TRUE(f.ledger->Flush().ok());
  EXPECT_EQ(f.ledger->Problem(), "");
  EXPECT_EQ(f.Metric("ndxp_gateway_ledger_pending_keys"), 0);
  EXPECT_EQ(f.Metric("ndxp_gateway_ledger_flush_lag_seconds"), 0);
  EXPECT_EQ(f.Query("SELECT SUM(calls) FROM usage"), 2);
  EXPECT_EQ(f.Query("SELECT calls FROM dossiers"), 2);
}

TEST(LedgerTest, OverTheBoundCallsAreDroppedAndCounted) {
  Fixture f("Asia/Ho_Chi_Minh", 64);  // 4 keys per shard; this thread uses one shard
  for (int i = 0; i < 10; ++i) {
    const std::string client = "C" + std::to_string(i);
    UsageEvent call = Call(client);
    call.dossier = "";
    f.ledger->Record(call);
  }
  EXPECT_EQ(f.Metric("ndxp_gateway_ledger_dropped_total{table=\"usage\"}"), 6);
  ASSERT_TRUE(f.ledger->Flush().ok());
  EXPECT_EQ(f.Query("SELECT SUM(calls) FROM usage"), 4);
}

TEST(LedgerTest, AShardNearItsBoundWakesTheFlushThreadEarly) {
  LedgerOptions options;
  TempDir dir;
  metrics::Registry registry;
  options.path = dir.File("usage.db");
  options.max_pending_keys = 64;
  options.flush_interval = absl::Seconds(60);  // only an early flush can write within the test
  auto ledger = Ledger::Open(options, registry);
  ASSERT_TRUE(ledger.ok());
  for (const char* client : {"A", "B", "C"}) {
    (*ledger)->Record(UsageEvent{.client = client, .connector = "population", .method = "S/M",
                                 .code = absl::StatusCode::kOk, .served = true});
  }
  // Bounded wait for the event (the flush), not for a time.
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  const std::string calls = "SELECT COALESCE(SUM(calls), 0) FROM usage";
  while (QueryInt(dir.File("usage.db"), calls) < 2 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_GE(QueryInt(dir.File("usage.db"), calls), 2);
}

TEST(LedgerTest, AnUnwritableDatabaseFailsToOpenNamingIt) {
  metrics::Registry registry;
  LedgerOptions options;
  options.path = "/nonexistent-dir/usage.db";
  auto ledger = Ledger::Open(options, registry);
  ASSERT_FALSE(ledger.ok());
  EXPECT_THAT(std::string(ledger.status().message()), HasSubstr("/nonexistent-dir/usage.db"));
}

}  // namespace
}  // namespace ndxp::metering::ledger
