#include "gateway/metering/ledger/ledger.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "gateway/core/strings.h"
#include "gateway/metering/day_numbers.h"

namespace ndxp::metering::ledger {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;
// A failing flush is logged the first time, then once every this many attempts.
constexpr int kLogEveryFailures = 60;

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

}  // namespace

Ledger::LedgerMetrics Ledger::LedgerMetrics::Register(metrics::Registry& registry) {
  auto& flushes = registry.AddCounter(
      "ndxp_gateway_ledger_flushes_total",
      "Writes of the usage ledger's pending counts to its database, by result (ok, error; an "
      "error is retried with the next window).",
      {"result"});
  auto& dropped = registry.AddCounter(
      "ndxp_gateway_ledger_dropped_total",
      "Calls not counted (table=usage) and dossier ids not recorded (table=dossiers) by the usage "
      "ledger because its bound on keys held in memory was reached.",
      {"table"});
  return LedgerMetrics{
      .flushes_ok = flushes.WithLabels({"ok"}),
      .flushes_error = flushes.WithLabels({"error"}),
      .lag = registry
                 .AddGauge("ndxp_gateway_ledger_flush_lag_seconds",
                           "Age of the oldest call count of the usage ledger not yet written to "
                           "its database, as of the last flush attempt (0 when none is pending).",
                           {})
                 .WithLabels({}),
      .pending_keys = registry
                          .AddGauge("ndxp_gateway_ledger_pending_keys",
                                    "Distinct keys (counts and dossier ids) the usage ledger holds "
                                    "in memory, not yet written.",
                                    {})
                          .WithLabels({}),
      .dropped_calls = dropped.WithLabels({"usage"}),
      .dropped_dossiers = dropped.WithLabels({"dossiers"}),
  };
}

absl::StatusOr<std::unique_ptr<Ledger>> Ledger::Open(LedgerOptions options,
                                                     metrics::Registry& registry) {
  auto store = LedgerStore::Open(options.path, options.time_zone);
  if (!store.ok()) return store.status();
  return std::unique_ptr<Ledger>(new Ledger(std::move(options), *std::move(store), registry));
}

Ledger::Ledger(LedgerOptions options, std::unique_ptr<LedgerStore> store,
               metrics::Registry& registry)
    : options_(std::move(options)),
      zone_(MeteringTimeZone(options_.time_zone)),
      // The metering zones have a fixed offset (served_calls.h).
      zone_offset_seconds_(zone_.At(absl::UnixEpoch()).offset),
      store_(std::move(store)),
      counts_(options_.max_pending_keys),
      metrics_(LedgerMetrics::Register(registry)) {
  if (options_.flush_thread) flusher_ = std::thread([this] { FlushLoop(); });
}

Ledger::~Ledger() {
  if (flusher_.joinable()) {
    {
      absl::MutexLock lock(&wake_mu_);
      stop_ = true;
    }
    flusher_.join();  // the loop flushes once more after the stop
  } else {
    (void)Flush();
  }
  absl::MutexLock lock(&batch_mu_);
  if (!batch_.empty()) {
    std::uint64_t calls = 0;
    for (const auto& [key, counts] : batch_.counts) calls += counts.calls;
    spdlog::error("usage ledger {}: {} calls could not be written at shutdown and are lost",
                  options_.path, calls);
  }
}

std::int32_t Ledger::Today(absl::Time now) const {
  return static_cast<std::int32_t>(
      FloorDiv(absl::ToUnixSeconds(now) + zone_offset_seconds_, kSecondsPerDay));
}

void Ledger::Record(const UsageEvent& event) {
  const absl::Time now = options_.clock ? options_.clock() : absl::Now();
  const std::int32_t day = Today(now);
  const std::int32_t month =
      event.dossier.empty() || day < 0 ? 0 : MonthOfDay(static_cast<std::uint32_t>(day));
  const UsageAggregator::Added added = counts_.Add(event, day, month, now);
  if (added.new_count_key) metrics_.pending_keys.Inc();
  if (added.new_dossier_key) metrics_.pending_keys.Inc();
  if (added.count_dropped) metrics_.dropped_calls.Inc();
  if (added.dossier_dropped) metrics_.dropped_dossiers.Inc();
  if (added.near_full && !early_asked_.exchange(true, std::memory_order_relaxed)) {
    absl::MutexLock lock(&wake_mu_);  // once per window at most
    early_ = true;
  }
}

void Ledger::FlushLoop() {
  for (;;) {
    bool stop = false;
    {
      absl::MutexLock lock(&wake_mu_);
      auto woken = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(wake_mu_) { return early_ || stop_; };
      wake_mu_.AwaitWithTimeout(absl::Condition(&woken), options_.flush_interval);
      stop = stop_;
      early_ = false;
    }
    early_asked_.store(false, std::memory_order_relaxed);
    (void)Flush();
    if (stop) return;
  }
}

absl::Status Ledger::Flush() {
  absl::MutexLock lock(&batch_mu_);
  return FlushLocked();
}

absl::Status Ledger::FlushLocked() {
  std::uint64_t dropped_calls = 0;
  std::uint64_t dropped_dossiers = 0;
  const std::size_t before = batch_.entries();
  const std::size_t taken =
      counts_.TakeInto(batch_, options_.max_pending_keys, &dropped_calls, &dropped_dossiers);
  metrics_.pending_keys.Dec(static_cast<double>(taken));
  metrics_.pending_keys.Inc(static_cast<double>(batch_.entries() - before));
  if (dropped_calls > 0) metrics_.dropped_calls.Inc(static_cast<double>(dropped_calls));
  if (dropped_dossiers > 0) metrics_.dropped_dossiers.Inc(static_cast<double>(dropped_dossiers));
  const double dropped_now = metrics_.dropped_calls.Value() + metrics_.dropped_dossiers.Value();
  absl::Status written = absl::OkStatus();
  if (!batch_.empty()) {
    written = store_->Write(batch_);
    if (written.ok()) {
      metrics_.flushes_ok.Inc();
      metrics_.pending_keys.Dec(static_cast<double>(batch_.entries()));
      batch_.Clear();
    } else {
      metrics_.flushes_error.Inc();
    }
  }
  {
    absl::MutexLock problem(&problem_mu_);
    if (written.ok()) {
      if (failures_in_a_row_ > 0) {
        spdlog::info("usage ledger {}: written again after {} failed flushes", options_.path,
                     failures_in_a_row_);
      }
      failures_in_a_row_ = 0;
      problem_.clear();
    } else {
      if (failures_in_a_row_ % kLogEveryFailures == 0) {
        spdlog::warn("usage ledger: flush failed ({} in a row), retried with the next window: {}",
                     failures_in_a_row_ + 1, std::string(written.message()));
      }
      ++failures_in_a_row_;
      problem_ = core::Cat("usage ledger cannot be written: ", core::ToStd(written.message()));
    }
    if (dropped_now > dropped_logged_) {
      spdlog::warn("usage ledger: {} calls and dossier ids not recorded so far: its bound on keys "
                   "held in memory ({} in all, {} per shard) was reached",
                   dropped_now, options_.max_pending_keys, counts_.shard_bound());
      dropped_logged_ = dropped_now;
    }
  }
  const absl::Time now = options_.clock ? options_.clock() : absl::Now();
  absl::Time oldest = counts_.Oldest();
  if (!batch_.empty()) oldest = std::min(oldest, batch_.oldest);
  metrics_.lag.Set(oldest == absl::InfiniteFuture() ? 0.0
                                            : std::max(0.0, absl::ToDoubleSeconds(now - oldest)));
  return written;
}

std::string Ledger::Problem() const {
  absl::MutexLock lock(&problem_mu_);
  return problem_;
}

std::uint64_t Ledger::Served(std::string_view client, std::string_view connector,
                             absl::CivilDay first, absl::CivilDay last) const {
  absl::MutexLock lock(&batch_mu_);
  auto stored = store_->Served(client, connector, first, last);
  if (!stored.ok()) {
    spdlog::error("usage ledger: cannot read served calls: {}", std::string(stored.status().message()));
  }
  const std::int32_t from = DayNumber(first);
  const std::int32_t to = DayNumber(last);
  return (stored.ok() ? *stored : 0) + ServedIn(batch_.counts, client, connector, from, to) +
         counts_.Served(client, connector, from, to);
}

}  // namespace ndxp::metering::ledger
