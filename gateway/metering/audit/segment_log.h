#pragma once
// The audit log's files: data_dir/audit/segment-NNNNNNNN.log, appended to by one writer (the
// AuditWriter's thread; nothing here is thread-safe). Opening recovers from a crash: the last
// segment, when not sealed, is read up to its last good frame; what follows (a torn tail after a
// kill -9: under strict durability only records never acknowledged can be there) is cut away and
// kept beside it in segment-NNNNNNNN.log.torn; then the segment is sealed. A segment is sealed
// (AuditSeal, its last frame) when the next record would take it past max_bytes, when it has
// records and is older than max_age, and on Close; the next one is opened with the next record,
// its header naming the sealed one and its last hash.

#include <cstdint>
#include <memory>
#include <string>

#include <absl/status/statusor.h>
#include <absl/time/time.h>

#include "gateway/metering/audit/audit_keys.h"
#include "gateway/metering/audit/segment_format.h"

namespace ndxp::metering::audit {

class SegmentLog {
 public:
  struct Options {
    std::string dir;  // data_dir/audit
    std::uint64_t max_bytes = 64ull * 1024 * 1024;
    absl::Duration max_age = absl::Hours(1);
  };
  // What opening found and did, for the start-up log.
  struct Recovery {
    std::uint64_t segments = 0;       // segment files found
    std::string sealed_segment;       // the unsealed last segment sealed now, if any
    std::uint64_t torn_bytes = 0;     // cut from its tail (kept in its .torn file)
    std::uint64_t recovered_records = 0;
  };

  // Makes `dir` when missing (mode 0700). `signer` must outlive the log.
  static absl::StatusOr<std::unique_ptr<SegmentLog>> Open(Options options, const SealSigner& signer,
                                                          Recovery* recovery = nullptr);
  ~SegmentLog();
  SegmentLog(const SegmentLog&) = delete;
  SegmentLog& operator=(const SegmentLog&) = delete;

  // Adds a record (its index is set here) to the batch being written; seals the open segment
  // first (and opens the next) when the record would take it past max_bytes or it is too old.
  absl::Status Append(ndxp::gateway::v1::AuditRecord& record, absl::Time now);
  // Writes the batch and syncs it (fdatasync): the records appended so far are durable.
  absl::Status Flush();
  // Seals the open segment if it has records and is older than max_age (the writer calls it when
  // idle too, so that a quiet segment is still sealed in time).
  absl::Status SealIfOld(absl::Time now);
  // Flushes and seals the open segment (when it has records). Idempotent.
  absl::Status Close(absl::Time now);

  std::uint64_t sequence() const { return sequence_; }
  const Hash& last_hash() const { return last_hash_; }

 private:
  SegmentLog(Options options, const SealSigner& signer)
      : options_(std::move(options)), signer_(signer) {}
  absl::Status Recover(Recovery& recovery);
  absl::Status OpenNext(absl::Time now);
  absl::Status Seal(absl::Time now);
  absl::Status WritePending();
  std::string PathOf(std::uint64_t sequence) const;

  Options options_;
  const SealSigner& signer_;
  int fd_ = -1;                  // the open segment, or -1 (the next record opens one)
  std::uint64_t sequence_ = 0;   // the open segment's, else the last one's (0: none yet)
  Hash last_hash_{};             // the chain's head: the last record's (or header's) hash
  std::uint64_t frames_ = 0;     // frames in the open segment (the next record's index)
  std::uint64_t bytes_ = 0;      // the open segment's size, with what is pending
  absl::Time opened_at_;
  std::string pending_;          // frames appended and not yet written
};

}  // namespace ndxp::metering::audit
