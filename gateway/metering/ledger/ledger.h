#pragma once
// The usage ledger: every call counted by client x connector x method x outcome x procedure x day,
// and the dossier ids seen per client x connector x month, in SQLite (ledger_store.h).
//
// Record() is the hot path (the usage stage's OnEnd): it adds to in-memory counts
// (usage_aggregator.h: sharded, no global lock, no I/O). One flush thread writes them every
// flush_interval, in one transaction; a kill -9 loses at most the calls counted since the last
// successful flush (one window). A failed write (disk full, database locked) keeps the counts and
// retries them with the next window; it is logged, counted, and reported by Problem() (readiness)
// until a write succeeds. The destructor flushes what is left (graceful shutdown).
//
// Metrics:
//   ndxp_gateway_ledger_flushes_total{result="ok"|"error"}  flush attempts that wrote something
//   ndxp_gateway_ledger_flush_lag_seconds    age of the oldest count not yet in the database, as
//                                            of the last flush attempt (0 when none is pending)
//   ndxp_gateway_ledger_pending_keys         distinct keys in memory, not yet written
//   ndxp_gateway_ledger_dropped_total{table="usage"|"dossiers"}  calls not counted / dossier ids
//                                            not recorded because the memory bound was reached

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include <absl/base/thread_annotations.h>
#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <absl/synchronization/mutex.h>
#include <absl/time/time.h>

#include "gateway/metering/ledger/ledger_store.h"
#include "gateway/metering/ledger/usage_aggregator.h"
#include "gateway/metering/served_calls.h"
#include "gateway/metrics/registry.h"

namespace ndxp::metering::ledger {

// Distinct keys (counts and dossier ids) held in memory at most, by default.
inline constexpr std::size_t kDefaultMaxPendingKeys = 131072;
inline constexpr absl::Duration kDefaultFlushInterval = absl::Seconds(1);

struct LedgerOptions {
  std::string path;  // the database file, data_dir/usage.db
  absl::Duration flush_interval = kDefaultFlushInterval;
  std::string time_zone = "Asia/Ho_Chi_Minh";  // ledger.time_zone (metering::MeteringTimeZone)
  std::size_t max_pending_keys = kDefaultMaxPendingKeys;
  // The wall clock (tests set it); default absl::Now.
  std::function<absl::Time()> clock;
  // false: no flush thread; only Flush() writes (tests).
  bool flush_thread = true;
};

class Ledger final : public ServedCalls {
 public:
  // Opens the database (an error names its path) and starts the flush thread. The metrics are
  // registered in `registry`, which must outlive the ledger.
  static absl::StatusOr<std::unique_ptr<Ledger>> Open(LedgerOptions options,
                                                      metrics::Registry& registry);
  // Stops the flush thread and writes what is pending (once; a failure is logged with the number
  // of calls lost).
  ~Ledger() override;
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;

  // Counts one call, now. Never blocks on I/O; takes only its shard's mutex.
  void Record(const UsageEvent& event);

  // Writes what is pending now (the flush thread does this every window).
  absl::Status Flush();

  // "" while the ledger is written fine; else why it is not (readiness).
  std::string Problem() const;

  // ServedCalls: what the database holds plus what is pending.
  std::uint64_t Served(std::string_view client, std::string_view connector, absl::CivilDay first,
                       absl::CivilDay last) const override;

  const std::string& path() const { return options_.path; }
  absl::TimeZone time_zone() const { return zone_; }

 private:
  Ledger(LedgerOptions options, std::unique_ptr<LedgerStore> store, metrics::Registry& registry);
  void FlushLoop();
  absl::Status FlushLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(batch_mu_);
  std::int32_t Today(absl::Time now) const;

  const LedgerOptions options_;
  const absl::TimeZone zone_;
  const std::int64_t zone_offset_seconds_;
  std::unique_ptr<LedgerStore> store_;
  UsageAggregator counts_;

  struct LedgerMetrics {
    static LedgerMetrics Register(metrics::Registry& registry);
    metrics::Counter& flushes_ok;
    metrics::Counter& flushes_error;
    metrics::Gauge& lag;
    metrics::Gauge& pending_keys;
    metrics::Counter& dropped_calls;
    metrics::Counter& dropped_dossiers;
  };
  const LedgerMetrics metrics_;

  // The flush: the batch taken out of the shards (kept when its write failed) and the database.
  mutable absl::Mutex batch_mu_;
  Batch batch_ ABSL_GUARDED_BY(batch_mu_);

  mutable absl::Mutex problem_mu_;
  std::string problem_ ABSL_GUARDED_BY(problem_mu_);
  int failures_in_a_row_ ABSL_GUARDED_BY(problem_mu_) = 0;
  double dropped_logged_ ABSL_GUARDED_BY(problem_mu_) = 0;

  // The flush thread's wake-ups: an early flush (a shard near its bound) or the stop.
  absl::Mutex wake_mu_;
  bool early_ ABSL_GUARDED_BY(wake_mu_) = false;
  bool stop_ ABSL_GUARDED_BY(wake_mu_) = false;
  std::atomic<bool> early_asked_{false};
  std::thread flusher_;
};

}  // namespace ndxp::metering::ledger
