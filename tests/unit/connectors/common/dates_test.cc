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
  EXPECT_NE(description(0, 0, 0).find("is required"), std::string::npos);
  EXPECT_NE(description(2025, 0, 0).find("month and day are required"), std::string::npos);
  EXPECT_NE(description(2025, 3, 0).find("the day is required"), std::string::npos);
  EXPECT_NE(description(2025, 0, 3).find("the month is required"), std::string::npos);
  EXPECT_NE(description(0, 3, 4).find("the year is required"), std::string::npos);
  EXPECT_NE(description(2025, 13, 1).find("not 1 to 12"), std::string::npos);
  EXPECT_NE(description(2025, 2, 30).find("not a calendar date"), std::string::npos);
  EXPECT_NE(description(-5, 2, 3).find("1 to 9999"), std::string::npos);
  EXPECT_NE(description(2025, 2, -1).find("not a calendar date"), std::string::npos);
}

}  // namespace
}  // namespace ndxp::connectors
