#include "gateway/metering/ledger/usage_aggregator.h"

#include <algorithm>

namespace ndxp::metering::ledger {
namespace {

std::atomic<std::size_t> next_shard{0};

}  // namespace

UsageAggregator::UsageAggregator(std::size_t max_entries)
    : shard_bound_(std::max<std::size_t>(2, max_entries / kShards)) {}

UsageAggregator::Shard& UsageAggregator::MyShard() {
  thread_local const std::size_t mine = next_shard.fetch_add(1, std::memory_order_relaxed) % kShards;
  return shards_[mine];
}

UsageAggregator::Added UsageAggregator::Add(const UsageEvent& event, std::int32_t day,
                                            std::int32_t month, absl::Time now) {
  Added added;
  Shard& shard = MyShard();
  const CountKeyView key{day, static_cast<std::int32_t>(event.code), event.client, event.connector,
                         event.method, event.procedure};
  const bool with_dossier = !event.dossier.empty() && !event.client.empty();
  const bool served_ok = event.served && event.code == absl::StatusCode::kOk;
  absl::MutexLock lock(&shard.mu);
  if (shard.counts.empty() && shard.dossiers.empty()) shard.oldest = now;
  auto it = shard.counts.find(key);
  if (it == shard.counts.end()) {
    if (shard.counts.size() + shard.dossiers.size() >= shard_bound_) {
      added.count_dropped = true;
    } else {
      it = shard.counts
               .emplace(CountKey{key.day, key.code, std::string(key.client),
                                 std::string(key.connector), std::string(key.method),
                                 std::string(key.procedure)},
                        Counts{})
               .first;
      added.new_count_key = true;
    }
  }
  if (!added.count_dropped) {
    ++it->second.calls;
    if (event.served) ++it->second.served;
  }
  if (with_dossier) {
    const DossierKeyView dkey{month, event.client, event.connector, event.dossier};
    auto d = shard.dossiers.find(dkey);
    if (d == shard.dossiers.end()) {
      if (shard.counts.size() + shard.dossiers.size() >= shard_bound_) {
        added.dossier_dropped = true;
      } else {
        d = shard.dossiers
                .emplace(DossierKey{month, std::string(event.client), std::string(event.connector),
                                    std::string(event.dossier)},
                         DossierCounts{})
                .first;
        added.new_dossier_key = true;
      }
    }
    if (!added.dossier_dropped) {
      ++d->second.calls;
      if (served_ok) ++d->second.served_ok;
    }
  }
  added.near_full = (shard.counts.size() + shard.dossiers.size()) * 2 >= shard_bound_;
  return added;
}

std::size_t MergeInto(Batch& to, CountMap& from_counts, DossierMap& from_dossiers,
                      std::size_t max_entries, std::uint64_t* dropped_calls,
                      std::uint64_t* dropped_dossiers) {
  std::size_t merged = 0;
  for (auto& [key, counts] : from_counts) {
    auto it = to.counts.find(key);
    if (it == to.counts.end()) {
      if (to.entries() >= max_entries) {
        *dropped_calls += counts.calls;
        continue;
      }
      to.counts.emplace(key, counts);
    } else {
      it->second.calls += counts.calls;
      it->second.served += counts.served;
    }
    ++merged;
  }
  for (auto& [key, counts] : from_dossiers) {
    auto it = to.dossiers.find(key);
    if (it == to.dossiers.end()) {
      if (to.entries() >= max_entries) {
        ++*dropped_dossiers;
        continue;
      }
      to.dossiers.emplace(key, counts);
    } else {
      it->second.calls += counts.calls;
      it->second.served_ok += counts.served_ok;
    }
    ++merged;
  }
  return merged;
}

std::size_t UsageAggregator::TakeInto(Batch& batch, std::size_t max_batch_entries,
                                      std::uint64_t* dropped_calls,
                                      std::uint64_t* dropped_dossiers) {
  std::size_t taken = 0;
  for (Shard& shard : shards_) {
    CountMap counts;
    DossierMap dossiers;
    absl::Time oldest;
    {
      absl::MutexLock lock(&shard.mu);
      counts.swap(shard.counts);
      dossiers.swap(shard.dossiers);
      oldest = shard.oldest;
      shard.oldest = absl::InfiniteFuture();
    }
    if (counts.empty() && dossiers.empty()) continue;
    taken += counts.size() + dossiers.size();
    batch.oldest = std::min(batch.oldest, oldest);
    MergeInto(batch, counts, dossiers, max_batch_entries, dropped_calls, dropped_dossiers);
  }
  return taken;
}

absl::Time UsageAggregator::Oldest() const {
  absl::Time oldest = absl::InfiniteFuture();
  for (const Shard& shard : shards_) {
    absl::MutexLock lock(&shard.mu);
    oldest = std::min(oldest, shard.oldest);
  }
  return oldest;
}

std::uint64_t ServedIn(const CountMap& counts, std::string_view client, std::string_view connector,
                       std::int32_t first, std::int32_t last) {
  std::uint64_t served = 0;
  for (const auto& [key, value] : counts) {
    if (key.client == client && (connector.empty() || key.connector == connector) &&
        key.day >= first && key.day <= last) {
      served += value.served;
    }
  }
  return served;
}

std::uint64_t UsageAggregator::Served(std::string_view client, std::string_view connector,
                                      std::int32_t first, std::int32_t last) const {
  std::uint64_t served = 0;
  for (const Shard& shard : shards_) {
    absl::MutexLock lock(&shard.mu);
    served += ServedIn(shard.counts, client, connector, first, last);
  }
  return served;
}

}  // namespace ndxp::metering::ledger
