#include "connectors/common/dates.h"

#include <gtest/gtest.h>

namespace ndxp::connectors {
namespace {

TEST(DatesTest, DayNumbers) {
  EXPECT_EQ(ToDays({1970, 1, 1}), 0);
  EXPECT_EQ(ToDays({1969, 12, 31}), -1);
  EXPECT_EQ(ToDays({2000, 3, 1}), 11017);
  for (std::int32_t d = -30000; d < 30000; d += 17) {
    EXPECT_EQ(ToDays(FromDays(d)), d);
  }
  EXPECT_EQ(FromDays(ToDays({2024, 2, 29})), (CivilDate{2024, 2, 29}));
}

TEST(DatesTest, Validity) {
  EXPECT_TRUE(IsValidDate({2024, 2, 29}));
  EXPECT_FALSE(IsValidDate({2025, 2, 29}));
  EXPECT_FALSE(IsValidDate({1900, 2, 29}));
  EXPECT_TRUE(IsValidDate({2000, 2, 29}));
  EXPECT_FALSE(IsValidDate({2025, 13, 1}));
  EXPECT_FALSE(IsValidDate({2025, 4, 31}));
  EXPECT_FALSE(IsValidDate({0, 1, 1}));
  EXPECT_FALSE(IsValidDate({2025, 1, 0}));
}

TEST(DatesTest, WorkingDays) {
  const std::int32_t monday = ToDays({2025, 12, 1});
  EXPECT_EQ(DayOfWeek(monday), 0);
  EXPECT_EQ(DayOfWeek(ToDays({1970, 1, 1})), 3);  // a Thursday
  const std::int32_t friday = ToDays({2025, 11, 28});
  EXPECT_EQ(AddWorkingDays(friday, 1), monday);
  EXPECT_EQ(AddWorkingDays(monday, -1), friday);
  EXPECT_EQ(AddWorkingDays(friday, 0), friday);
  EXPECT_EQ(AddWorkingDays(friday + 1, 0), monday);       // Saturday moves forward
  EXPECT_EQ(AddWorkingDays(friday + 2, -1), friday - 1);  // Sunday moves back, then one day
  EXPECT_EQ(AddWorkingDays(monday, 5), monday + 7);
  EXPECT_EQ(AddWorkingDays(AddWorkingDays(monday, -13), 13), monday);
}

TEST(DatesTest, Ages) {
  EXPECT_EQ(AgeOn({1990, 6, 15}, {2025, 6, 14}), 34);
  EXPECT_EQ(AgeOn({1990, 6, 15}, {2025, 6, 15}), 35);
}

TEST(DatesTest, ProtoAndText) {
  google::type::Date date;
  ToProto({2025, 3, 4}, &date);
  EXPECT_EQ(date.year(), 2025);
  EXPECT_EQ(FromProto(date), (CivilDate{2025, 3, 4}));
  EXPECT_TRUE(IsSet(date));
  EXPECT_FALSE(IsSet(google::type::Date()));
  EXPECT_EQ(FormatIsoDate({2025, 3, 4}), "2025-03-04");
  const std::int64_t minute = std::int64_t{ToDays({2025, 3, 4})} * 1440 + 9 * 60 + 15;
  EXPECT_EQ(FormatLocalTimestamp(minute), "2025-03-04T09:15:00+07:00");
}

google::type::Date Date(int year, int month, int day) {
  google::type::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

TEST(DatesTest, DateProblemNamesThePartThatIsWrong) {
  EXPECT_EQ(DateProblem(Date(2024, 2, 29)), "");
  EXPECT_EQ(DateProblem(Date(1, 1, 1)), "");
  EXPECT_EQ(DateProblem(Date(9999, 12, 31)), "");
  EXPECT_EQ(DateProblem(Date(0, 0, 0)), "year, month and day are required");
  EXPECT_EQ(DateProblem(Date(1990, 0, 0)), "month and day are required (only the year was given)");
  EXPECT_EQ(DateProblem(Date(1990, 0, 5)),
            "the month is required (only the year and day were given)");
  EXPECT_EQ(DateProblem(Date(1990, 5, 0)),
            "the day is required (only the year and month were given)");
  EXPECT_EQ(DateProblem(Date(0, 5, 2)), "the year is required (only the month and day were given)");
  EXPECT_EQ(DateProblem(Date(0, 5, 0)), "year and day are required (only the month was given)");
  EXPECT_EQ(DateProblem(Date(0, 0, 2)), "year and month are required (only the day was given)");
  EXPECT_EQ(DateProblem(Date(2023, 2, 29)), "the day is 29, but February 2023 has 28 days");
  EXPECT_EQ(DateProblem(Date(2025, 4, 31)), "the day is 31, but April 2025 has 30 days");
  EXPECT_EQ(DateProblem(Date(2025, 13, 1)), "the month is 13: it must be 1 to 12");
  EXPECT_EQ(DateProblem(Date(2025, -1, 1)), "the month is -1: it must be 1 to 12");
  EXPECT_EQ(DateProblem(Date(2025, 1, 32)), "the day is 32: it must be 1 to 31");
  EXPECT_EQ(DateProblem(Date(10000, 1, 1)), "the year is 10000: it must be 1 to 9999");
  EXPECT_EQ(DateProblem(Date(-2147483647 - 1, 1, 1)),
            "the year is -2147483648: it must be 1 to 9999");
  // Whatever DateProblem accepts, IsValidDate accepts, and the reverse.
  for (int month = -1; month <= 13; ++month) {
    for (int day = -1; day <= 32; ++day) {
      for (int year : {0, 1900, 2000, 2023, 2024}) {
        const auto date = Date(year, month, day);
        EXPECT_EQ(DateProblem(date).empty(), IsValidDate(FromProto(date)))
            << year << "-" << month << "-" << day;
      }
    }
  }
}

}  // namespace
}  // namespace ndxp::connectors

namespace ndxp::connectors {
namespace {

TEST(DatesTest, FullDatesSayWhatIsMissing) {
  const auto description = [](int y, int m, int d) {
    google::type::Date date;
    date.set_year(y);
    date.set_month(m);
    date.set_day(d);
    auto parsed = ParseFullDate(date, "date");
    if (parsed.ok()) return std::string("ok");
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    return std::string(parsed.status().message());
  };
  EXPECT_EQ(description(2025, 3, 4), "ok");
  EXPECT_NE(description(0, 0, 0).find("year, month and day are required"), std::string::npos);
  EXPECT_NE(description(2025, 0, 0).find("month and day are required"), std::string::npos);
  EXPECT_NE(description(2025, 3, 0).find("the day is required"), std::string::npos);
  EXPECT_NE(description(2025, 0, 3).find("the month is required"), std::string::npos);
  EXPECT_NE(description(0, 3, 4).find("the year is required"), std::string::npos);
  EXPECT_NE(description(2025, 13, 1).find("the month is 13: it must be 1 to 12"), std::string::npos);
  EXPECT_NE(description(2025, 2, 30).find("the day is 30, but February 2025 has 28 days"),
            std::string::npos);
  EXPECT_NE(description(-5, 2, 3).find("1 to 9999"), std::string::npos);
  EXPECT_NE(description(2025, 2, -1).find("the day is -1: it must be 1 to 31"), std::string::npos);
}

}  // namespace
}  // namespace ndxp::connectors
