#pragma once
// The `audit:` section (config.proto, message Audit): its defaults and its checks, kept beside
// the other sections' but in a file of its own. Key files are left empty by the defaults: they
// default to files in the data directory, which is only known at start (data_dir.h).

#include <cstdint>

#include <absl/status/status.h>

#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::config {

inline constexpr std::uint64_t kDefaultAuditSegmentMaxBytes = 64ull * 1024 * 1024;
inline constexpr std::uint64_t kMinAuditSegmentMaxBytes = 4096;
inline constexpr std::int64_t kDefaultAuditSegmentMaxAgeSeconds = 3600;
inline constexpr std::int64_t kDefaultAuditBatchDelayMillis = 200;
inline constexpr std::int64_t kMaxAuditBatchDelaySeconds = 10;
inline constexpr std::uint32_t kDefaultAuditQueueCapacity = 65536;
inline constexpr std::uint32_t kMinAuditQueueCapacity = 16;
// A bound of our own, so that the queue's memory stays bounded too (records are ~300 bytes).
inline constexpr std::uint32_t kMaxAuditQueueCapacity = 1u << 22;

// durability strict, segment_max_bytes 64 MiB, segment_max_age 1h, batch_delay 200ms,
// queue_capacity 65536, for the fields left unset (0). Idempotent.
void DefaultAudit(ndxp::gateway::v1::Audit& audit);

// After DefaultAudit: segment_max_bytes at least 4096, segment_max_age at least 1s, batch_delay
// positive and at most 10s, queue_capacity 16 to 4194304, durability strict or batched. Errors
// are INVALID_ARGUMENT naming the key ("audit.queue_capacity: ..."). The key files are checked at
// start, when they are read.
absl::Status CheckAudit(const ndxp::gateway::v1::Audit& audit);

}  // namespace ndxp::config
