#pragma once
// Checks of the `ledger` section (config.proto, message Ledger): flush_interval from 10ms to 60s
// when set; time_zone "", "Asia/Ho_Chi_Minh" or "UTC". Errors are INVALID_ARGUMENT naming the key,
// e.g. `ledger.flush_interval: must be from 10ms to 60s, got 5m`.

#include <absl/status/status.h>

#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::config {

inline constexpr long long kMinLedgerFlushIntervalMillis = 10;
inline constexpr long long kMaxLedgerFlushIntervalMillis = 60'000;

absl::Status ValidateLedger(const ndxp::gateway::v1::Ledger& ledger);

}  // namespace ndxp::config
