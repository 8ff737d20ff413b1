#include "gateway/metering/ledger/usage_aggregator.h"

#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace ndxp::metering::ledger {
namespace {

UsageEvent Event(std::string_view client, std::string_view method, absl::StatusCode code,
                 bool served, std::string_view dossier = "") {
  return UsageEvent{.client = client,
                    .connector = "population",
                    .method = method,
                    .procedure = "1.001",
                    .dossier = dossier,
                    .code = code,
                    .served = served};
}

const absl::Time kNow = absl::FromUnixSeconds(1'790'000'000);

TEST(UsageAggregatorTest, ManyThreadsExactTotals) {
  UsageAggregator counts(1 << 16);
  constexpr int kThreads = 8;
  constexpr int kCalls = 20000;
  const std::vector<std::string> clients = {"VN:PROV:79:A", "VN:PROV:01:B", "VN:PROV:48:C"};
  std::vector<std::thread> threads;
  Batch batch;
  std::uint64_t dropped_calls = 0, dropped_dossiers = 0;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        const bool ok = i % 4 != 0;
        counts.Add(Event(clients[(t + i) % 3], i % 2 ? "S/A" : "S/B",
                         ok ? absl::StatusCode::kOk : absl::StatusCode::kNotFound, ok,
                         "D" + std::to_string(i % 10)),
                   20000, 650, kNow);
      }
    });
  }
  // Flushes while the threads count: nothing may be lost or counted twice.
  for (int i = 0; i < 20; ++i) counts.TakeInto(batch, 1 << 20, &dropped_calls, &dropped_dossiers);
  for (auto& thread : threads) thread.join();
  counts.TakeInto(batch, 1 << 20, &dropped_calls, &dropped_dossiers);
  EXPECT_EQ(dropped_calls, 0u);
  EXPECT_EQ(dropped_dossiers, 0u);
  std::uint64_t calls = 0, served = 0;
  for (const auto& [key, value] : batch.counts) {
    calls += value.calls;
    served += value.served;
  }
  EXPECT_EQ(calls, std::uint64_t{kThreads} * kCalls);
  EXPECT_EQ(served, std::uint64_t{kThreads} * kCalls * 3 / 4);
  // 3 clients x (S/A OK, S/B OK, S/B NOT_FOUND): every fourth call (S/B) fails.
  EXPECT_EQ(batch.counts.size(), 9u);
  // 3 clients x 10 dossiers, each counted once per call.
  EXPECT_EQ(batch.dossiers.size(), 30u);
  std::uint64_t dossier_calls = 0;
  for (const auto& [key, value] : batch.dossiers) dossier_calls += value.calls;
  EXPECT_EQ(dossier_calls, std::uint64_t{kThreads} * kCalls);
  EXPECT_EQ(counts.Oldest(), absl::InfiniteFuture());
}

TEST(UsageAggregatorTest, KeysByEveryDimension) {
  UsageAggregator counts(1024);
  counts.Add(Event("A", "S/A", absl::StatusCode::kOk, true), 1, 0, kNow);
  counts.Add(Event("A", "S/A", absl::StatusCode::kOk, true), 1, 0, kNow);
  counts.Add(Event("A", "S/A", absl::StatusCode::kOk, true), 2, 0, kNow);  // another day
  counts.Add(Event("B", "S/A", absl::StatusCode::kOk, true), 1, 0, kNow);  // another client
  counts.Add(Event("A", "S/B", absl::StatusCode::kOk, true), 1, 0, kNow);  // another method
  counts.Add(Event("A", "S/A", absl::StatusCode::kInternal, true), 1, 0, kNow);  // outcome
  UsageEvent other_procedure = Event("A", "S/A", absl::StatusCode::kOk, true);
  other_procedure.procedure = "";
  counts.Add(other_procedure, 1, 0, kNow);
  UsageEvent other_connector = Event("A", "S/A", absl::StatusCode::kOk, true);
  other_connector.connector = "business";
  counts.Add(other_connector, 1, 0, kNow);
  Batch batch;
  std::uint64_t dropped = 0;
  counts.TakeInto(batch, 1024, &dropped, &dropped);
  EXPECT_EQ(batch.counts.size(), 7u);
  auto it = batch.counts.find(CountKeyView{1, 0, "A", "population", "S/A", "1.001"});
  ASSERT_NE(it, batch.counts.end());
  EXPECT_EQ(it->second.calls, 2u);
  EXPECT_EQ(batch.oldest, kNow);
}

TEST(UsageAggregatorTest, DossiersOnlyForIdentifiedCallsAndServedOkCounted) {
  UsageAggregator counts(1024);
  counts.Add(Event("", "S/A", absl::StatusCode::kUnauthenticated, false, "D1"), 1, 0, kNow);
  counts.Add(Event("A", "S/A", absl::StatusCode::kNotFound, true, "D1"), 1, 0, kNow);
  counts.Add(Event("A", "S/A", absl::StatusCode::kOk, true, "D1"), 1, 0, kNow);
  counts.Add(Event("A", "S/A", absl::StatusCode::kPermissionDenied, false, "D2"), 1, 0, kNow);
  Batch batch;
  std::uint64_t dropped = 0;
  counts.TakeInto(batch, 1024, &dropped, &dropped);
  ASSERT_EQ(batch.dossiers.size(), 2u);
  auto d1 = batch.dossiers.find(DossierKeyView{0, "A", "population", "D1"});
  ASSERT_NE(d1, batch.dossiers.end());
  EXPECT_EQ(d1->second.calls, 2u);
  EXPECT_EQ(d1->second.served_ok, 1u);
  auto d2 = batch.dossiers.find(DossierKeyView{0, "A", "population", "D2"});
  ASSERT_NE(d2, batch.dossiers.end());
  EXPECT_EQ(d2->second.served_ok, 0u);
}

TEST(UsageAggregatorTest, AFullShardDropsNewKeysAndSaysSo) {
  // 16 shards x 4 keys; this thread uses one shard.
  UsageAggregator counts(64);
  ASSERT_EQ(counts.shard_bound(), 4u);
  std::vector<std::string> clients;
  for (int i = 0; i < 6; ++i) clients.push_back("C" + std::to_string(i));
  std::vector<UsageAggregator::Added> added;
  for (const auto& client : clients) {
    added.push_back(counts.Add(Event(client, "S/A", absl::StatusCode::kOk, true), 1, 0, kNow));
  }
  EXPECT_TRUE(added[0].new_count_key);
  EXPECT_FALSE(added[0].near_full);
  EXPECT_TRUE(added[1].near_full);  // half of the bound
  EXPECT_FALSE(added[3].count_dropped);
  EXPECT_TRUE(added[4].count_dropped);
  EXPECT_TRUE(added[5].count_dropped);
  // A key already there is still counted.
  EXPECT_FALSE(counts.Add(Event("C0", "S/A", absl::StatusCode::kOk, true), 1, 0, kNow).count_dropped);
  Batch batch;
  std::uint64_t dropped = 0;
  counts.TakeInto(batch, 1024, &dropped, &dropped);
  EXPECT_EQ(batch.counts.size(), 4u);
  // The shard is empty again: new keys fit.
  EXPECT_TRUE(counts.Add(Event("C5", "S/A", absl::StatusCode::kOk, true), 1, 0, kNow).new_count_key);
}

TEST(UsageAggregatorTest, ABoundedBatchCountsWhatItCannotTake) {
  UsageAggregator counts(1024);
  for (int i = 0; i < 5; ++i) {
    counts.Add(Event("C" + std::to_string(i), "S/A", absl::StatusCode::kOk, true), 1, 0, kNow);
    counts.Add(Event("C" + std::to_string(i), "S/A", absl::StatusCode::kOk, true), 1, 0, kNow);
  }
  Batch batch;
  std::uint64_t dropped_calls = 0, dropped_dossiers = 0;
  EXPECT_EQ(counts.TakeInto(batch, 3, &dropped_calls, &dropped_dossiers), 5u);
  EXPECT_EQ(batch.counts.size(), 3u);
  EXPECT_EQ(dropped_calls, 4u);  // two keys of two calls each
}

TEST(UsageAggregatorTest, ServedPendingByClientConnectorAndDays) {
  UsageAggregator counts(1024);
  counts.Add(Event("A", "S/A", absl::StatusCode::kOk, true), 10, 0, kNow);
  counts.Add(Event("A", "S/A", absl::StatusCode::kOk, true), 11, 0, kNow);
  counts.Add(Event("A", "S/A", absl::StatusCode::kResourceExhausted, false), 11, 0, kNow);
  counts.Add(Event("B", "S/A", absl::StatusCode::kOk, true), 11, 0, kNow);
  EXPECT_EQ(counts.Served("A", "", 10, 11), 2u);
  EXPECT_EQ(counts.Served("A", "population", 11, 11), 1u);
  EXPECT_EQ(counts.Served("A", "business", 10, 11), 0u);
  EXPECT_EQ(counts.Served("B", "", 0, 100), 1u);
}

}  // namespace
}  // namespace ndxp::metering::ledger
