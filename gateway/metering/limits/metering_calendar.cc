#include "gateway/metering/limits/metering_calendar.h"

namespace ndxp::metering {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;
const absl::CivilDay kEpochDay(1970, 1, 1);

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

}  // namespace

MeteringCalendar::MeteringCalendar(absl::TimeZone zone)
    : zone_(zone), offset_seconds_(zone.At(absl::UnixEpoch()).offset) {}

QuotaPeriods MeteringCalendar::At(absl::Time t) const {
  const std::int64_t day = FloorDiv(absl::ToUnixSeconds(t) + offset_seconds_, kSecondsPerDay);
  if (day < 0) return {};
  return QuotaPeriods{static_cast<std::uint32_t>(day), MonthOfDay(static_cast<std::uint32_t>(day))};
}

absl::CivilDay MeteringCalendar::DayOf(std::uint32_t day) const { return kEpochDay + day; }

absl::CivilDay MeteringCalendar::FirstDayOfMonth(std::uint32_t month) const {
  return absl::CivilDay(absl::CivilMonth(1970, 1) + month);
}

absl::Time MeteringCalendar::NextDayStart(std::uint32_t day) const {
  return absl::FromUnixSeconds((static_cast<std::int64_t>(day) + 1) * kSecondsPerDay -
                               offset_seconds_);
}

absl::Time MeteringCalendar::NextMonthStart(std::uint32_t month) const {
  const absl::CivilDay next(absl::CivilMonth(1970, 1) + (static_cast<std::int64_t>(month) + 1));
  return absl::FromUnixSeconds((next - kEpochDay) * kSecondsPerDay - offset_seconds_);
}

}  // namespace ndxp::metering
