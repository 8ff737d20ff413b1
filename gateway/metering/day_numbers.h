#pragma once
// Day and month numbers of the metering calendar: a day is numbered from 1970-01-01 (day 0), a
// month from January 1970 (month 0). Used per call by the quota stage and the ledger.

#include <cstdint>

namespace ndxp::metering {

// The month number of a day number, by arithmetic on the proleptic Gregorian calendar: no loop,
// no table (absl's civil-time addition steps through the years, which shows in a profile).
inline std::uint32_t MonthOfDay(std::uint32_t day) {
  // Days counted in 400-year eras of 146097 days from 0000-03-01, years starting in March so
  // that the leap day ends a year.
  const std::int64_t z = static_cast<std::int64_t>(day) + 719468;  // days since 0000-03-01
  const std::int64_t era = z / 146097;
  const std::int64_t day_of_era = z - era * 146097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t march_month = (5 * day_of_year + 2) / 153;  // 0 = March
  const std::int64_t month = march_month < 10 ? march_month + 3 : march_month - 9;  // 1..12
  const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return static_cast<std::uint32_t>((year - 1970) * 12 + (month - 1));
}

}  // namespace ndxp::metering
