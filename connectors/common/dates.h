#pragma once
// Calendar helpers for synthetic data and for google.type.Date: proleptic Gregorian dates as day
// numbers (days since 1970-01-01), so that ages, intervals and working days are integer arithmetic.

#include <absl/status/statusor.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "google/type/date.pb.h"

namespace ndxp::connectors {

struct CivilDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

// The moment every connector's synthetic data describes ("as of"): after the 1 July 2025
// reorganisation, so addresses are two-tier. Generated histories end before it.
inline constexpr CivilDate kSnapshotDate{2025, 12, 1};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);
// True for a real calendar date in years 1..9999.
bool IsValidDate(const CivilDate& date);

// Days since 1970-01-01 (negative before); valid for any date with year >= 1.
std::int32_t ToDays(const CivilDate& date);
CivilDate FromDays(std::int32_t days);
// 0 = Monday ... 6 = Sunday.
int DayOfWeek(std::int32_t days);
// The date `n` Monday-Friday days after `days` (before it when n < 0). A weekend start first
// moves to the next Monday (n >= 0) or the previous Friday (n < 0).
std::int32_t AddWorkingDays(std::int32_t days, int n);

// Completed years of age on `on` for someone born on `birth`.
int AgeOn(const CivilDate& birth, const CivilDate& on);

void ToProto(const CivilDate& date, google::type::Date* out);
CivilDate FromProto(const google::type::Date& date);
// True when any of year, month, day is non-zero (proto3 has no presence for "all zero").
bool IsSet(const google::type::Date& date);

// Why `date` is not a complete calendar date of years 1..9999, naming the part that is wrong and
// what is expected, for a field violation; "" when it is one. google.type.Date also allows
// partial dates (a year alone, month 0 and day 0; a month and day without a year), which no
// lookup accepts: "month and day are required (only the year was given)", "the month is 13: it
// must be 1 to 12", "the day is 30, but February 1990 has 28 days".
std::string DateProblem(const google::type::Date& date);
// DateProblem as a core::FieldViolation on `field`, or the date.
absl::StatusOr<CivilDate> ParseFullDate(const google::type::Date& date, std::string_view field);

// "2025-03-04"
std::string FormatIsoDate(const CivilDate& date);
// RFC 3339 in Vietnam's time (UTC+7), e.g. "2025-03-04T09:15:00+07:00", from minutes since
// 1970-01-01 00:00 local time.
std::string FormatLocalTimestamp(std::int64_t local_minutes);

}  // namespace ndxp::connectors
