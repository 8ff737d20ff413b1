#pragma once
// The usage ledger's counts in memory, between two flushes: what the hot path touches.
//
// Counts are kept in kShards shards, each a hash map behind its own small mutex; a thread always
// uses the same shard (threads are spread over the shards round-robin as they first record), so
// that two request threads rarely meet on one mutex and a hot key does not funnel every thread
// into one shard. The flush thread swaps each shard's maps out (O(1) under the shard's lock) and
// merges them into a Batch, which it writes.
//
// Memory is bounded: a shard holds at most max_entries / kShards distinct keys (counts and
// dossier ids together). A shard that reaches half of that asks for an early flush; a call that
// would need a new key in a full shard is not counted, and is reported as dropped (the caller
// counts it in ndxp_gateway_ledger_dropped_total). Decision 0027.

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

#include <absl/base/thread_annotations.h>
#include <absl/container/flat_hash_map.h>
#include <absl/synchronization/mutex.h>
#include <absl/time/time.h>

#include "gateway/metering/ledger/usage_event.h"

namespace ndxp::metering::ledger {

using CountMap = absl::flat_hash_map<CountKey, Counts, KeyHash, KeyEq>;
using DossierMap = absl::flat_hash_map<DossierKey, DossierCounts, KeyHash, KeyEq>;

// Counts taken out of the shards, waiting to be written (and kept for the next attempt when a
// write fails).
struct Batch {
  CountMap counts;
  DossierMap dossiers;
  absl::Time oldest = absl::InfiniteFuture();  // when its oldest count was recorded
  std::size_t entries() const { return counts.size() + dossiers.size(); }
  bool empty() const { return counts.empty() && dossiers.empty(); }
  void Clear() {
    counts.clear();
    dossiers.clear();
    oldest = absl::InfiniteFuture();
  }
};

class UsageAggregator {
 public:
  static constexpr std::size_t kShards = 16;

  // What Add did.
  struct Added {
    bool new_count_key = false;    // the call's count key is new in its shard
    bool new_dossier_key = false;  // its dossier key is new in its shard
    bool count_dropped = false;    // its shard was full: the call is not counted
    bool dossier_dropped = false;  // its shard was full: its dossier id is not recorded
    bool near_full = false;        // its shard holds half its bound or more: flush early
  };

  explicit UsageAggregator(std::size_t max_entries);

  // Counts one call on `day` (and its dossier id, when it has one and an identified client, in
  // `month`). `now` is stamped as the shard's oldest count when the shard was empty.
  Added Add(const UsageEvent& event, std::int32_t day, std::int32_t month, absl::Time now);

  // Moves every shard's counts into `batch`, merging equal keys. A key new to the batch is taken
  // only while the batch holds fewer than `max_batch_entries` keys; the calls of keys left out are
  // added to `*dropped_calls` (count keys) and `*dropped_dossiers`. Returns how many shard entries
  // were taken out (the shards are empty afterwards).
  std::size_t TakeInto(Batch& batch, std::size_t max_batch_entries, std::uint64_t* dropped_calls,
                       std::uint64_t* dropped_dossiers);

  // When the oldest count now in the shards was recorded; InfiniteFuture when they are empty.
  absl::Time Oldest() const;

  // Served calls of `client` now in the shards, on `connector` ("" = all), days first..last.
  std::uint64_t Served(std::string_view client, std::string_view connector, std::int32_t first,
                       std::int32_t last) const;

  std::size_t shard_bound() const { return shard_bound_; }

 private:
  struct alignas(64) Shard {
    mutable absl::Mutex mu;
    CountMap counts ABSL_GUARDED_BY(mu);
    DossierMap dossiers ABSL_GUARDED_BY(mu);
    absl::Time oldest ABSL_GUARDED_BY(mu) = absl::InfiniteFuture();
  };
  Shard& MyShard();

  const std::size_t shard_bound_;
  std::array<Shard, kShards> shards_;
};

// Merges `from` into `to` (as TakeInto does); returns the number of keys merged or added.
std::size_t MergeInto(Batch& to, CountMap& from_counts, DossierMap& from_dossiers,
                      std::size_t max_entries, std::uint64_t* dropped_calls,
                      std::uint64_t* dropped_dossiers);

// Served calls in `counts` (as UsageAggregator::Served).
std::uint64_t ServedIn(const CountMap& counts, std::string_view client, std::string_view connector,
                       std::int32_t first, std::int32_t last);

}  // namespace ndxp::metering::ledger
