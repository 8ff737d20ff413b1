#include "gateway/config/validate_ledger.h"

#include "gateway/config/duration.h"
#include "gateway/core/strings.h"

namespace ndxp::config {

absl::Status ValidateLedger(const gateway::v1::Ledger& ledger) {
  if (ledger.has_flush_interval()) {
    const __int128 nanos = ToNanos(ledger.flush_interval());
    constexpr __int128 kMillis = 1'000'000;
    if (ledger.flush_interval().seconds() < 0 || ledger.flush_interval().nanos() < 0 ||
        nanos < kMinLedgerFlushIntervalMillis * kMillis ||
        nanos > kMaxLedgerFlushIntervalMillis * kMillis) {
      return absl::InvalidArgumentError(
          core::Cat("ledger.flush_interval: must be from 10ms to 60s, got ",
                    FormatDuration(ledger.flush_interval())));
    }
  }
  const std::string& zone = ledger.time_zone();
  if (!zone.empty() && zone != "Asia/Ho_Chi_Minh" && zone != "UTC") {
    return absl::InvalidArgumentError(core::Cat(
        "ledger.time_zone: \"", zone, "\" is not accepted (accepted: Asia/Ho_Chi_Minh, UTC)"));
  }
  return absl::OkStatus();
}

}  // namespace ndxp::config
