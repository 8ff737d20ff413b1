#pragma once
// The audit log's writer: a bounded queue that call threads fill without a lock, and one thread
// that writes what is queued to the segment log and syncs it, many records per sync (group
// commit), then lets the answers go that waited for their record (strict durability). Batched
// durability: the thread collects records for half of batch_delay, then writes and syncs.
//
// The bound: a call takes a place in the queue before its target runs (Reserve) and gives it back
// when its record is written, or when it was not admitted after all (Unreserve), so the queue
// never holds more than queue_capacity records; a call that finds no place is refused. A write or
// sync error fails the log for good (until a restart recovers it): the answers waiting are
// replaced by UNAVAILABLE (the data must not leave without its record), new calls are refused,
// readiness reports it.
//
// Metrics: ndxp_gateway_audit_backlog (places taken: records queued or to come from calls under
// way), ndxp_gateway_audit_queue_capacity, ndxp_gateway_audit_write_seconds (queued to durable),
// ndxp_gateway_audit_records_total, ndxp_gateway_audit_write_errors_total.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <absl/time/time.h>

#include "gateway/core/call.h"
#include "gateway/metering/audit/record_queue.h"
#include "gateway/metering/audit/segment_log.h"
#include "gateway/metrics/registry.h"
#include "ndxp/gateway/v1/audit_log.pb.h"

namespace ndxp::metering::audit {

// One record on its way to the log.
struct PendingRecord {
  ndxp::gateway::v1::AuditRecord record;  // all but its index
  // Strict durability: the call whose answer waits for this record (Call::ReleaseAnswer).
  core::Call* hold = nullptr;
  std::chrono::steady_clock::time_point queued = std::chrono::steady_clock::now();
};

class AuditWriter {
 public:
  struct Options {
    bool strict = true;
    absl::Duration batch_delay = absl::Milliseconds(200);
    std::uint32_t capacity = 65536;
    // How often an idle writer checks whether the open segment is due for sealing.
    absl::Duration idle_check = absl::Seconds(1);
  };
  AuditWriter(std::unique_ptr<SegmentLog> log, Options options, metrics::Registry& registry);
  // Close().
  ~AuditWriter();
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;

  // Takes a place in the queue for a record to come; false when the queue is full or the log
  // failed. Lock-free.
  bool Reserve();
  // Gives back a place taken with Reserve that no record will use.
  void Unreserve();
  // Queues a record in a place taken with Reserve.
  void Enqueue(std::unique_ptr<PendingRecord> record);

  bool strict() const { return options_.strict; }
  bool failed() const { return failed_.load(std::memory_order_acquire); }
  // "" while the log is fine; else what went wrong (readiness).
  std::string Problem() const;
  // Writes everything queued, syncs, seals the open segment, stops the thread. Idempotent. No
  // record may be queued after it.
  void Close();

 private:
  void Run();
  void Drain(std::vector<std::unique_ptr<PendingRecord>>& batch);
  void WriteBatch(std::vector<std::unique_ptr<PendingRecord>>& batch);
  void Fail(const absl::Status& status);
  void SleepFor(absl::Duration duration, bool wake_on_records);

  std::unique_ptr<SegmentLog> log_;
  const Options options_;
  RecordQueue<std::unique_ptr<PendingRecord>> queue_;
  alignas(64) std::atomic<std::int64_t> reserved_{0};
  alignas(64) std::atomic<std::int64_t> queued_{0};
  std::atomic<bool> sleeping_{false};
  std::atomic<bool> closing_{false};
  std::atomic<bool> failed_{false};
  std::mutex mu_;  // the writer's sleep; producers take it only to wake a sleeping writer
  std::condition_variable wake_;
  mutable std::mutex problem_mu_;
  std::string problem_;
  metrics::Gauge& backlog_;
  metrics::Counter& records_;
  metrics::Counter& write_errors_;
  metrics::Histogram& write_seconds_;
  std::thread thread_;
  bool closed_ = false;
};

// The status that replaces an answer whose record could not be written.
absl::Status AuditLogFailedError();

}  // namespace ndxp::metering::audit
