#include "gateway/config/audit_config.h"

#include "gateway/config/duration.h"
#include "gateway/core/strings.h"

namespace ndxp::config {
namespace {

namespace v1 = ::ndxp::gateway::v1;

absl::Status Invalid(std::string_view key, std::string_view problem) {
  return absl::InvalidArgumentError(core::ToAbsl(core::Cat("audit.", key, ": ", problem)));
}

bool AtLeastSeconds(const google::protobuf::Duration& d, std::int64_t seconds) {
  return d.seconds() > seconds || (d.seconds() == seconds && d.nanos() >= 0);
}

}  // namespace

void DefaultAudit(v1::Audit& audit) {
  if (audit.durability() == v1::AUDIT_DURABILITY_UNSPECIFIED) {
    audit.set_durability(v1::AUDIT_DURABILITY_STRICT);
  }
  if (audit.segment_max_bytes() == 0) audit.set_segment_max_bytes(kDefaultAuditSegmentMaxBytes);
  if (!audit.has_segment_max_age()) {
    audit.mutable_segment_max_age()->set_seconds(kDefaultAuditSegmentMaxAgeSeconds);
  }
  if (!audit.has_batch_delay()) {
    audit.mutable_batch_delay()->set_nanos(static_cast<int>(kDefaultAuditBatchDelayMillis * 1000000));
  }
  if (audit.queue_capacity() == 0) audit.set_queue_capacity(kDefaultAuditQueueCapacity);
}

absl::Status CheckAudit(const v1::Audit& audit) {
  if (audit.durability() != v1::AUDIT_DURABILITY_STRICT &&
      audit.durability() != v1::AUDIT_DURABILITY_BATCHED) {
    return Invalid("durability", "must be strict or batched");
  }
  if (audit.segment_max_bytes() < kMinAuditSegmentMaxBytes) {
    return Invalid("segment_max_bytes",
                   core::Cat("must be at least ", kMinAuditSegmentMaxBytes, ", got ",
                             audit.segment_max_bytes()));
  }
  if (!AtLeastSeconds(audit.segment_max_age(), 1)) {
    return Invalid("segment_max_age",
                   core::Cat("must be at least 1s, got ", FormatDuration(audit.segment_max_age())));
  }
  if (!IsPositive(audit.batch_delay()) ||
      AtLeastSeconds(audit.batch_delay(), kMaxAuditBatchDelaySeconds + 1) ||
      (audit.batch_delay().seconds() == kMaxAuditBatchDelaySeconds &&
       audit.batch_delay().nanos() > 0)) {
    return Invalid("batch_delay", core::Cat("must be positive and at most 10s, got ",
                                            FormatDuration(audit.batch_delay())));
  }
  if (audit.queue_capacity() < kMinAuditQueueCapacity ||
      audit.queue_capacity() > kMaxAuditQueueCapacity) {
    return Invalid("queue_capacity", core::Cat("must be from ", kMinAuditQueueCapacity, " to ",
                                               kMaxAuditQueueCapacity, ", got ",
                                               audit.queue_capacity()));
  }
  return absl::OkStatus();
}

}  // namespace ndxp::config
