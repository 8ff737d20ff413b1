#pragma once
// The days and months of quotas, in the metering time zone (ledger.time_zone, a fixed offset:
// UTC+7 or UTC; see served_calls.h MeteringTimeZone): a time's day and month as small numbers,
// found with arithmetic only (no time zone lookup per call), and when the next ones start.

#include <cstdint>

#include <absl/time/civil_time.h>
#include <absl/time/time.h>

#include "gateway/metering/day_numbers.h"

namespace ndxp::metering {

// A day is numbered from 1970-01-01 (day 0), a month from January 1970 (month 0).
struct QuotaPeriods {
  std::uint32_t day = 0;
  std::uint32_t month = 0;
};

class MeteringCalendar {
 public:
  // `zone` must have a fixed offset (both accepted zones do); its offset is read once.
  explicit MeteringCalendar(absl::TimeZone zone);

  QuotaPeriods At(absl::Time t) const;
  absl::CivilDay DayOf(std::uint32_t day) const;
  absl::CivilDay FirstDayOfMonth(std::uint32_t month) const;
  // When the day (month) after `day` (`month`) starts.
  absl::Time NextDayStart(std::uint32_t day) const;
  absl::Time NextMonthStart(std::uint32_t month) const;

 private:
  absl::TimeZone zone_;
  std::int64_t offset_seconds_ = 0;
};

}  // namespace ndxp::metering
