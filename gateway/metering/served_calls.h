#pragma once
// What quotas start from: the calls each client was served (admitted to their target) in a range
// of days, as the usage ledger holds them, so that a restart does not reset a quota. The ledger
// implements it; the quota stage reads it once at start.

#include <cstdint>
#include <string_view>

#include <absl/time/civil_time.h>
#include <absl/time/time.h>

namespace ndxp::metering {

class ServedCalls {
 public:
  virtual ~ServedCalls() = default;
  // Calls of `client` served from day `first` to day `last` (both included, in the ledger's time
  // zone); on one connector (its metric label, e.g. "population"), or on all when `connector` is
  // empty.
  virtual std::uint64_t Served(std::string_view client, std::string_view connector,
                               absl::CivilDay first, absl::CivilDay last) const = 0;
};

// The time zone of the ledger's days and months and of daily and monthly quotas
// (ledger.time_zone): "Asia/Ho_Chi_Minh" (the default: UTC+7, no daylight saving) or "UTC".
inline absl::TimeZone MeteringTimeZone(std::string_view name) {
  return name == "UTC" ? absl::UTCTimeZone() : absl::FixedTimeZone(7 * 3600);
}

}  // namespace ndxp::metering
