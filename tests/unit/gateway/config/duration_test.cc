#include "gateway/config/duration.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ndxp::config {
namespace {

using ::testing::HasSubstr;

std::pair<long long, int> Parsed(std::string_view text) {
  auto d = ParseDuration(text);
  EXPECT_TRUE(d.ok()) << text << ": " << d.status();
  return d.ok() ? std::pair<long long, int>{d->seconds(), d->nanos()}
                : std::pair<long long, int>{-1, -1};
}

std::string Error(std::string_view text) {
  auto d = ParseDuration(text);
  EXPECT_FALSE(d.ok()) << text;
  return std::string(d.status().message());
}

TEST(DurationTest, Units) {
  EXPECT_EQ(Parsed("250ms"), std::make_pair(0LL, 250000000));
  EXPECT_EQ(Parsed("30s"), std::make_pair(30LL, 0));
  EXPECT_EQ(Parsed("5m"), std::make_pair(300LL, 0));
  EXPECT_EQ(Parsed("1h"), std::make_pair(3600LL, 0));
  EXPECT_EQ(Parsed("15us"), std::make_pair(0LL, 15000));
  EXPECT_EQ(Parsed("15\xC2\xB5s"), std::make_pair(0LL, 15000));
  EXPECT_EQ(Parsed("7ns"), std::make_pair(0LL, 7));
  EXPECT_EQ(Parsed("0s"), std::make_pair(0LL, 0));
}

TEST(DurationTest, FractionsAndCompounds) {
  EXPECT_EQ(Parsed("1.5s"), std::make_pair(1LL, 500000000));
  EXPECT_EQ(Parsed("1m30s"), std::make_pair(90LL, 0));
  EXPECT_EQ(Parsed("1h0m0.25s"), std::make_pair(3600LL, 250000000));
  EXPECT_EQ(Parsed(".5h"), std::make_pair(1800LL, 0));
  EXPECT_EQ(Parsed("+2s"), std::make_pair(2LL, 0));
}

TEST(DurationTest, RejectsNegativeBareAndGarbage) {
  EXPECT_EQ(Error("-1s"), "negative duration \"-1s\" is not allowed");
  EXPECT_EQ(Error("30"),
            "expected a duration such as \"250ms\", \"30s\", \"5m\" or \"1h\", got \"30\"");
  EXPECT_THAT(Error("0"), HasSubstr("got \"0\""));
  EXPECT_THAT(Error(""), HasSubstr("got \"\""));
  EXPECT_THAT(Error("s"), HasSubstr("got \"s\""));
  EXPECT_THAT(Error("10 s"), HasSubstr("got \"10 s\""));
  EXPECT_THAT(Error("10sec"), HasSubstr("got \"10sec\""));
  EXPECT_THAT(Error("1d"), HasSubstr("got \"1d\""));
  EXPECT_THAT(Error("inf"), HasSubstr("got \"inf\""));
  EXPECT_THAT(Error("1.s.5"), HasSubstr("got \"1.s.5\""));
  EXPECT_THAT(Error("1s-1s"), HasSubstr("got \"1s-1s\""));
}

TEST(DurationTest, RejectsLongerThanProtobufHolds) {
  EXPECT_THAT(Error("87660001h"), HasSubstr("is too long"));
  EXPECT_THAT(Error("99999999999999999999999999h"), HasSubstr("got"));
  EXPECT_EQ(Parsed("315576000000s"), std::make_pair(kMaxDurationSeconds, 0));
  EXPECT_THAT(Error("315576000000.1s"), HasSubstr("is too long"));
}

TEST(DurationTest, FormatsWithTheLargestExactUnit) {
  auto make = [](long long s, int n) {
    google::protobuf::Duration d;
    d.set_seconds(s);
    d.set_nanos(n);
    return d;
  };
  EXPECT_EQ(FormatDuration(make(3600, 0)), "1h");
  EXPECT_EQ(FormatDuration(make(300, 0)), "5m");
  EXPECT_EQ(FormatDuration(make(90, 0)), "90s");
  EXPECT_EQ(FormatDuration(make(0, 250000000)), "250ms");
  EXPECT_EQ(FormatDuration(make(1, 500000000)), "1500ms");
  EXPECT_EQ(FormatDuration(make(0, 1500)), "1500ns");
  EXPECT_EQ(FormatDuration(make(0, 0)), "0s");
  EXPECT_EQ(FormatDuration(make(-5, 0)), "-5s");
  for (const char* text : {"250ms", "30s", "5m", "1h", "1.25s", "3us"}) {
    auto d = ParseDuration(text);
    ASSERT_TRUE(d.ok());
    auto again = ParseDuration(FormatDuration(*d));
    ASSERT_TRUE(again.ok()) << FormatDuration(*d);
    EXPECT_EQ(again->seconds(), d->seconds());
    EXPECT_EQ(again->nanos(), d->nanos());
  }
}

TEST(DurationTest, IsPositive) {
  google::protobuf::Duration d;
  EXPECT_FALSE(IsPositive(d));
  d.set_nanos(1);
  EXPECT_TRUE(IsPositive(d));
  d.set_seconds(-1);
  EXPECT_FALSE(IsPositive(d));
}

}  // namespace
}  // namespace ndxp::config
