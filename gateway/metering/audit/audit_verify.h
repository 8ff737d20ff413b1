#pragma once
// Reading the audit log back: checking every segment's chain and seal in order (`ndxpctl audit
// verify`), and going through its records (`ndxpctl audit search`). The files are trusted in
// nothing (segment_format.h).

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "gateway/metering/audit/audit_keys.h"
#include "ndxp/gateway/v1/audit_log.pb.h"

namespace ndxp::metering::audit {

struct VerifyReport {
  bool ok = true;
  // The first break: "segment-00000002.log: record 5: ...", empty when ok.
  std::string problem;
  // One line per segment checked.
  std::vector<std::string> segments;
  std::uint64_t records = 0;
};

// Checks, segment by segment in order of their numbers: no number missing (from 1); the header
// (format, its own number, the previous segment's name and last hash); every frame's hash
// against the chain; every record's index (its position: a removed or moved record shows); the
// seal (record count, last hash, key id and ECDSA signature by `verifier`'s key). Every segment
// must be sealed but the last, which may still be open (the gateway running, or a crash not yet
// recovered): reported, not a break. Stops at the first break.
VerifyReport VerifyAuditLog(const std::string& dir, const SealVerifier& verifier);

// Calls `each` with every record of every segment, in order; a segment's frames are read up to
// the first one that is not good (`warn` is told which).
void ForEachAuditRecord(const std::string& dir,
                        const std::function<void(const ndxp::gateway::v1::AuditRecord&)>& each,
                        const std::function<void(const std::string&)>& warn);

}  // namespace ndxp::metering::audit
