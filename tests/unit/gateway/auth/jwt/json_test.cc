// Bounded JSON: objects only, size and depth limits, integers told from other numbers.
#include "gateway/auth/jwt/json.h"

#include <string>

#include <gtest/gtest.h>

namespace ndxp::auth::jwt {
namespace {

std::string Nested(std::size_t depth) {
  // depth 1 is {"a":0}; each further level wraps the value in an array.
  return "{\"a\":" + std::string(depth - 1, '[') + "0" + std::string(depth - 1, ']') + "}";
}

TEST(JsonTest, ParsesAnObject) {
  auto object = ParseObject(R"({"a":"x","b":2})", 100);
  ASSERT_TRUE(object.ok()) << object.status();
  EXPECT_EQ(StringMember(*object, "a"), "x");
  EXPECT_EQ(StringMember(*object, "b"), std::nullopt);
  EXPECT_EQ(Member(*object, "c"), nullptr);
}

TEST(JsonTest, RefusesWhatIsNotOneStrictObject) {
  EXPECT_EQ(ParseObject("[1]", 100).status().message(), "is not a JSON object");
  EXPECT_EQ(ParseObject("\"a\"", 100).status().message(), "is not a JSON object");
  EXPECT_EQ(ParseObject("{", 100).status().message(), "is not valid JSON");
  EXPECT_EQ(ParseObject(R"({"a":1,})", 100).status().message(), "is not valid JSON");
  EXPECT_EQ(ParseObject(R"({"a":1} /* c */)", 100).status().message(), "is not valid JSON");
  EXPECT_EQ(ParseObject(R"({"a":1}{})", 100).status().message(), "is not valid JSON");
  EXPECT_EQ(ParseObject("{\"a\":\"\xff\"}", 100).status().message(), "is not valid JSON");
  EXPECT_EQ(ParseObject("", 100).status().message(), "is not valid JSON");
}

TEST(JsonTest, BoundsSizeAndDepth) {
  EXPECT_EQ(ParseObject(R"({"a":"0123456789"})", 10).status().message(),
            "is longer than 10 bytes");
  EXPECT_TRUE(ParseObject(Nested(kMaxJsonDepth), 10'000).ok());
  EXPECT_EQ(ParseObject(Nested(kMaxJsonDepth + 1), 10'000).status().message(),
            "is nested deeper than 16");
  EXPECT_EQ(ParseObject(Nested(5000), 100'000).status().message(), "is nested deeper than 16");
}

TEST(JsonTest, DuplicateMemberKeepsTheLast) {
  auto object = ParseObject(R"({"a":"first","a":"last"})", 100);
  ASSERT_TRUE(object.ok());
  EXPECT_EQ(StringMember(*object, "a"), "last");
}

TEST(JsonTest, IntegersOnly) {
  auto object = ParseObject(
      R"({"i":1700000000,"n":-5,"f":1.5,"e":1e3,"z":1.0,"big":9223372036854775808,)"
      R"("huge":123456789012345678901234567890,"s":"1"})",
      1000);
  ASSERT_TRUE(object.ok()) << object.status();
  EXPECT_EQ(AsInteger(*Member(*object, "i")), 1700000000);
  EXPECT_EQ(AsInteger(*Member(*object, "n")), -5);
  for (const char* name : {"f", "e", "z", "big", "huge", "s"}) {
    EXPECT_EQ(AsInteger(*Member(*object, name)), std::nullopt) << name;
  }
}

}  // namespace
}  // namespace ndxp::auth::jwt
