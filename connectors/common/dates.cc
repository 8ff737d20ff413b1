#include "connectors/common/dates.h"

#include <absl/time/civil_time.h>

#include <cstdio>

#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors {

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

bool IsValidDate(const CivilDate& date) {
  return date.year >= 1 && date.year <= 9999 && date.month >= 1 && date.month <= 12 &&
         date.day >= 1 && date.day <= DaysInMonth(date.year, date.month);
}

namespace {
const absl::CivilDay kEpoch(1970, 1, 1);
}  // namespace

std::int32_t ToDays(const CivilDate& date) {
  return static_cast<std::int32_t>(absl::CivilDay(date.year, date.month, date.day) - kEpoch);
}

CivilDate FromDays(std::int32_t days) {
  const absl::CivilDay day = kEpoch + days;
  return CivilDate{static_cast<int>(day.year()), day.month(), day.day()};
}

int DayOfWeek(std::int32_t days) {
  return static_cast<int>(absl::GetWeekday(kEpoch + days)) -
         static_cast<int>(absl::Weekday::monday);
}

std::int32_t AddWorkingDays(std::int32_t days, int n) {
  const int step = n < 0 ? -1 : 1;
  while (DayOfWeek(days) >= 5) days += step;
  for (int left = n < 0 ? -n : n; left > 0;) {
    days += step;
    if (DayOfWeek(days) < 5) --left;
  }
  return days;
}

int AgeOn(const CivilDate& birth, const CivilDate& on) {
  int age = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
  return age;
}

void ToProto(const CivilDate& date, google::type::Date* out) {
  out->set_year(date.year);
  out->set_month(date.month);
  out->set_day(date.day);
}

CivilDate FromProto(const google::type::Date& date) {
  return CivilDate{date.year(), date.month(), date.day()};
}

bool IsSet(const google::type::Date& date) {
  return date.year() != 0 || date.month() != 0 || date.day() != 0;
}

std::string DateProblem(const google::type::Date& date) {
  static constexpr const char* kMonths[12] = {"January", "February", "March",     "April",
                                              "May",     "June",     "July",      "August",
                                              "September", "October", "November", "December"};
  const int year = date.year(), month = date.month(), day = date.day();
  if (year == 0 && month == 0 && day == 0) return "year, month and day are required";
  if (year < 0 || year > 9999) {
    return "the year is " + std::to_string(year) + ": it must be 1 to 9999";
  }
  if (month < 0 || month > 12) {
    return "the month is " + std::to_string(month) + ": it must be 1 to 12";
  }
  if (day < 0 || day > 31) return "the day is " + std::to_string(day) + ": it must be 1 to 31";
  if (year == 0) {
    if (month == 0) return "year and month are required (only the day was given)";
    if (day == 0) return "year and day are required (only the month was given)";
    return "the year is required (only the month and day were given)";
  }
  if (month == 0 && day == 0) return "month and day are required (only the year was given)";
  if (month == 0) return "the month is required (only the year and day were given)";
  if (day == 0) return "the day is required (only the year and month were given)";
  const int days = DaysInMonth(year, month);
  if (day > days) {
    return "the day is " + std::to_string(day) + ", but " + kMonths[month - 1] + " " +
           std::to_string(year) + " has " + std::to_string(days) + " days";
  }
  return "";
}

absl::StatusOr<CivilDate> ParseFullDate(const google::type::Date& date, std::string_view field) {
  if (std::string problem = DateProblem(date); !problem.empty()) {
    return core::FieldViolation(field, problem);
  }
  return FromProto(date);
}

std::string FormatIsoDate(const CivilDate& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buf;
}

std::string FormatLocalTimestamp(std::int64_t local_minutes) {
  const auto days = static_cast<std::int32_t>(local_minutes >= 0 ? local_minutes / 1440
                                                                 : (local_minutes - 1439) / 1440);
  const int minute_of_day = static_cast<int>(local_minutes - std::int64_t{days} * 1440);
  const CivilDate date = FromDays(days);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:00+07:00", date.year, date.month,
                date.day, minute_of_day / 60, minute_of_day % 60);
  return buf;
}

}  // namespace ndxp::connectors
