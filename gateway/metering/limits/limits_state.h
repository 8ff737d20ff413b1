#pragma once
// What the three limit stages (rate_limit, concurrency, quota) share: the connectors by dense
// index, every client's limits and counters in a slot per client index, the snapshot of the
// client registry they follow, and the metrics ndxp_gateway_limit_hits_total{client,connector,
// kind} and ndxp_gateway_quota_remaining{client,connector,period}.
//
// Reloads (docs/decisions/0021): a slot is made the first time a client id appears in a snapshot
// and lives as long as the process, like the client's index (auth::ClientIndexes). When a newer
// snapshot comes into force, every slot is reconfigured in place from it: buckets and quota
// counters keep what they hold (a reload never refills a bucket nor resets a quota), limits that
// are new start (a quota new to a client is seeded from the ledger), limits removed switch off,
// clients no longer registered lose their limits. The first call that carries a newer snapshot
// than the one applied applies it (under a mutex, once per reload); other calls take no lock.

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <absl/time/time.h>

#include "gateway/auth/client_registry.h"
#include "gateway/core/call_context.h"
#include "gateway/core/route_table.h"
#include "gateway/metering/limits/metering_calendar.h"
#include "gateway/metering/limits/quota_counter.h"
#include "gateway/metering/limits/token_bucket.h"
#include "gateway/metering/served_calls.h"
#include "gateway/metrics/registry.h"

namespace ndxp::metering {

// The kinds of limit hit, as the label `kind` of ndxp_gateway_limit_hits_total says them.
enum class LimitKind : int { kRate = 0, kConcurrency = 1, kQuotaDaily = 2, kQuotaMonthly = 3 };
inline constexpr int kLimitKinds = 4;
std::string_view LimitKindName(LimitKind kind);

// A rate limit: its bucket and what it was configured with (for the refusal's words).
struct RateLimit {
  TokenBucket bucket;
  std::atomic<std::uint32_t> count{0};
  std::atomic<std::int64_t> period_seconds{0};
  std::atomic<std::uint32_t> burst{0};
  // "" switches it off; `rate` is valid (validated with the configuration or the registry).
  void Set(const std::string& rate, std::uint32_t burst_size);
  bool enabled() const { return bucket.enabled(); }
  // "2/s, burst 3"
  std::string Describe() const;
};

// A daily or monthly quota: its counter and its limit (0: none).
struct QuotaLimit {
  QuotaCounter counter;
  std::atomic<std::uint64_t> limit{0};
};

// One client's limits and counters.
struct ClientSlot {
  ClientSlot(std::string client_id, std::size_t connectors);
  const std::string id;
  const std::string subject;  // "client:<id>", QuotaFailure's subject of its client-wide limits
  std::atomic<bool> has_rate{false};   // any rate limit, client-wide or on a connector
  std::atomic<bool> has_quota{false};  // any quota
  RateLimit rate;                      // over all connectors
  QuotaLimit daily;
  QuotaLimit monthly;
  // By connector index.
  std::unique_ptr<RateLimit[]> connector_rate;
  std::unique_ptr<QuotaLimit[]> connector_daily;
  std::unique_ptr<QuotaLimit[]> connector_monthly;
  // ndxp_gateway_limit_hits_total series, resolved at the first hit: [kind * connectors + c].
  std::unique_ptr<std::atomic<metrics::Counter*>[]> hits;
};

class LimitsState {
 public:
  using Snapshot = std::function<std::shared_ptr<const auth::ClientRegistry>()>;
  using Clock = std::function<absl::Time()>;

  // `routes` gives the connectors (their metric names); `snapshot` the client registry in force
  // (RegistrySource::Current); `zone` the metering time zone (MeteringTimeZone); `served` what
  // quotas start from (may be null: zero); `clock` the wall clock of quotas (absl::Now when
  // empty). Applies the current snapshot, seeding quotas. The metrics are registered in
  // `registry`, which must outlive this object's use by it (a collector renders the gauge).
  LimitsState(const core::RouteTable& routes, Snapshot snapshot, metrics::Registry& registry,
              absl::TimeZone zone, const ServedCalls* served, Clock clock = {});
  LimitsState(const LimitsState&) = delete;
  LimitsState& operator=(const LimitsState&) = delete;

  static constexpr std::size_t kNoConnector = static_cast<std::size_t>(-1);
  std::size_t ConnectorIndex(std::string_view name) const;
  const std::string& ConnectorName(std::size_t index) const { return connectors_[index]; }
  std::size_t connector_count() const { return connectors_.size(); }

  // The slot of the call's client, after applying a newer snapshot if the call carries one;
  // nullptr for a call without a client (or an index beyond kMaxClients).
  ClientSlot* SlotFor(const core::CallContext& context);
  // Applies the registry's current snapshot if it is not the one applied (tests, reloads).
  void Refresh();

  // Counts a refusal (slot may be null: label client="").
  void CountHit(ClientSlot* slot, std::size_t connector, LimitKind kind);

  const MeteringCalendar& calendar() const { return calendar_; }
  absl::Time Now() const { return clock_ ? clock_() : absl::Now(); }

  static constexpr std::size_t kChunkSize = 256;
  static constexpr std::size_t kChunks = 4096;
  static constexpr std::size_t kMaxClients = kChunkSize * kChunks;

 private:
  using Chunk = std::array<std::atomic<ClientSlot*>, kChunkSize>;
  ClientSlot* Get(std::size_t index) const;
  ClientSlot& GetOrCreate(std::size_t index, const std::string& id);
  void Apply(std::shared_ptr<const auth::ClientRegistry> snapshot);
  void Configure(ClientSlot& slot, const gateway::v1::ClientLimits* limits, bool fresh);
  void SeedQuota(QuotaLimit& quota, std::uint64_t limit, bool was_on, const std::string& client,
                 std::string_view connector, bool monthly);
  void RenderRemaining(std::string& out) const;

  std::vector<std::string> connectors_;
  Snapshot snapshot_;
  MeteringCalendar calendar_;
  const ServedCalls* served_;
  Clock clock_;
  metrics::Family<metrics::Counter>* hits_;

  std::array<std::atomic<Chunk*>, kChunks> chunks_{};
  std::vector<std::unique_ptr<Chunk>> owned_chunks_;     // under mutex_
  std::vector<std::unique_ptr<ClientSlot>> owned_slots_;  // under mutex_
  mutable std::mutex mutex_;                              // applying a snapshot; rendering
  std::atomic<const void*> applied_{nullptr};
  std::shared_ptr<const auth::ClientRegistry> applied_snapshot_;  // keeps applied_ unique
};

}  // namespace ndxp::metering
