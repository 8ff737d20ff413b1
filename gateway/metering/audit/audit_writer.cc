#include "gateway/metering/audit/audit_writer.h"

#include <spdlog/spdlog.h>

#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::metering::audit {
namespace {

constexpr std::size_t kMaxBatch = 4096;

std::vector<double> WriteBuckets() {
  return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

}  // namespace

absl::Status AuditLogFailedError() {
  return core::ErrorWithReason(absl::StatusCode::kUnavailable,
                               "the audit log cannot record this call now; retry later",
                               "AUDIT_LOG_FAILED");
}

AuditWriter::AuditWriter(std::unique_ptr<SegmentLog> log, Options options,
                         metrics::Registry& registry)
    : log_(std::move(log)),
      options_(options),
      queue_(options.capacity),
      backlog_(registry
                   .AddGauge("ndxp_gateway_audit_backlog",
                             "Places taken in the audit queue: records waiting to be written, and "
                             "records to come from calls under way.",
                             {})
                   .WithLabels({})),
      records_(registry
                   .AddCounter("ndxp_gateway_audit_records_total",
                               "Audit records written and synced.", {})
                   .WithLabels({})),
      write_errors_(registry
                        .AddCounter("ndxp_gateway_audit_write_errors_total",
                                    "Audit log writes or syncs that failed (the log then refuses "
                                    "calls until restarted).",
                                    {})
                        .WithLabels({})),
      write_seconds_(registry
                         .AddHistogram("ndxp_gateway_audit_write_seconds",
                                       "Time from an audit record queued to durable (synced).", {},
                                       WriteBuckets())
                         .WithLabels({})) {
  registry
      .AddGauge("ndxp_gateway_audit_queue_capacity",
                "Places in the audit queue (audit.queue_capacity); calls that read personal data "
                "are refused UNAVAILABLE when the backlog reaches it.",
                {})
      .WithLabels({})
      .Set(options_.capacity);
  thread_ = std::thread([this] { Run(); });
}

AuditWriter::~AuditWriter() { Close(); }

bool AuditWriter::Reserve() {
  if (failed_.load(std::memory_order_acquire) || closing_.load(std::memory_order_acquire)) {
    return false;
  }
  const std::int64_t taken = reserved_.fetch_add(1, std::memory_order_relaxed);
  if (taken >= static_cast<std::int64_t>(options_.capacity)) {
    reserved_.fetch_sub(1, std::memory_order_relaxed);
    return false;
  }
  backlog_.Set(static_cast<double>(taken + 1));
  return true;
}

void AuditWriter::Unreserve() {
  backlog_.Set(static_cast<double>(reserved_.fetch_sub(1, std::memory_order_relaxed) - 1));
}

void AuditWriter::Enqueue(std::unique_ptr<PendingRecord> record) {
  core::Call* hold = record->hold;
  if (!queue_.Push(std::move(record))) {
    // Cannot happen while every record has its place (the ring is at least queue_capacity).
    spdlog::error("audit log: queue overrun; a record is lost");
    write_errors_.Inc();
    Unreserve();
    if (hold != nullptr) hold->ReleaseAnswer(AuditLogFailedError());
    return;
  }
  queued_.fetch_add(1, std::memory_order_seq_cst);
  if (sleeping_.load(std::memory_order_seq_cst)) {
    std::lock_guard<std::mutex> lock(mu_);
    wake_.notify_one();
  }
}

std::string AuditWriter::Problem() const {
  std::lock_guard<std::mutex> lock(problem_mu_);
  return problem_;
}

void AuditWriter::Close() {
  if (closed_) return;
  closed_ = true;
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_.store(true, std::memory_order_seq_cst);
    wake_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

void AuditWriter::SleepFor(absl::Duration duration, bool wake_on_records) {
  std::unique_lock<std::mutex> lock(mu_);
  if (wake_on_records) sleeping_.store(true, std::memory_order_seq_cst);
  wake_.wait_for(lock, absl::ToChronoNanoseconds(duration), [&] {
    return closing_.load(std::memory_order_seq_cst) ||
           (wake_on_records && queued_.load(std::memory_order_seq_cst) > 0);
  });
  sleeping_.store(false, std::memory_order_seq_cst);
}

void AuditWriter::Drain(std::vector<std::unique_ptr<PendingRecord>>& batch) {
  while (batch.size() < kMaxBatch) {
    std::optional<std::unique_ptr<PendingRecord>> next = queue_.Pop();
    if (!next) break;
    queued_.fetch_sub(1, std::memory_order_relaxed);
    batch.push_back(std::move(*next));
  }
}

void AuditWriter::Run() {
  std::vector<std::unique_ptr<PendingRecord>> batch;
  batch.reserve(kMaxBatch);
  for (;;) {
    Drain(batch);
    if (batch.empty()) {
      if (closing_.load(std::memory_order_seq_cst)) {
        Drain(batch);  // a record queued just before Close
        if (batch.empty()) break;
        continue;
      }
      SleepFor(options_.idle_check, true);
      if (!failed()) {
        if (absl::Status s = log_->SealIfOld(absl::Now()); !s.ok()) Fail(s);
      }
      continue;
    }
    if (!options_.strict && !closing_.load(std::memory_order_seq_cst)) {
      // Batched: collect for half the delay after the first record, then write and sync once.
      const auto waited = std::chrono::steady_clock::now() - batch.front()->queued;
      const absl::Duration left = options_.batch_delay / 2 - absl::FromChrono(waited);
      if (left > absl::ZeroDuration()) SleepFor(left, false);
      Drain(batch);
    }
    WriteBatch(batch);
    batch.clear();
  }
  if (!failed()) {
    if (absl::Status s = log_->Close(absl::Now()); !s.ok()) Fail(s);
  }
}

void AuditWriter::WriteBatch(std::vector<std::unique_ptr<PendingRecord>>& batch) {
  absl::Status written = failed() ? AuditLogFailedError() : absl::OkStatus();
  if (written.ok()) {
    const absl::Time now = absl::Now();
    for (auto& pending : batch) {
      written = log_->Append(pending->record, now);
      if (!written.ok()) break;
    }
    if (written.ok()) written = log_->Flush();
    if (!written.ok()) Fail(written);
  }
  const auto durable = std::chrono::steady_clock::now();
  const std::size_t count = batch.size();
  for (auto& pending : batch) {
    if (written.ok()) {
      records_.Inc();
      write_seconds_.Observe(std::chrono::duration<double>(durable - pending->queued).count());
    }
    // The call may be gone as soon as its answer is released: nothing of it is read after.
    if (core::Call* hold = pending->hold) {
      pending->hold = nullptr;
      hold->ReleaseAnswer(written.ok() ? absl::OkStatus() : AuditLogFailedError());
    }
  }
  backlog_.Set(static_cast<double>(
      reserved_.fetch_sub(static_cast<std::int64_t>(count), std::memory_order_relaxed) -
      static_cast<std::int64_t>(count)));
}

void AuditWriter::Fail(const absl::Status& status) {
  write_errors_.Inc();
  if (failed_.exchange(true, std::memory_order_acq_rel)) return;
  spdlog::error("{} (calls that read personal data are refused until the gateway is restarted)",
                std::string(status.message()));
  std::lock_guard<std::mutex> lock(problem_mu_);
  problem_ = core::Cat("audit log failed: ", core::ToStd(status.message()));
}

}  // namespace ndxp::metering::audit
