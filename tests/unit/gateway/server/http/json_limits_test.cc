#include "gateway/server/http/json_limits.h"

#include <gtest/gtest.h>

#include <string>

namespace ndxp::server::http {
namespace {

std::string Nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

TEST(HttpJsonDepthTest, CountsObjectsAndArrays) {
  EXPECT_TRUE(JsonDepthWithin("", 0));
  EXPECT_TRUE(JsonDepthWithin("1", 0));
  EXPECT_FALSE(JsonDepthWithin("{}", 0));
  EXPECT_TRUE(JsonDepthWithin("{}", 1));
  EXPECT_TRUE(JsonDepthWithin("{\"a\":[1,{\"b\":2}]}", 3));
  EXPECT_FALSE(JsonDepthWithin("{\"a\":[1,{\"b\":2}]}", 2));
  EXPECT_TRUE(JsonDepthWithin(Nested(32), 32));
  EXPECT_FALSE(JsonDepthWithin(Nested(33), 32));
}

TEST(HttpJsonDepthTest, SiblingsDoNotAddUp) {
  EXPECT_TRUE(JsonDepthWithin("[[1],[2],[3],{\"x\":1}]", 2));
  EXPECT_FALSE(JsonDepthWithin("[[1],[2],[3],{\"x\":{}}]", 2));
}

TEST(HttpJsonDepthTest, BracketsInStringsDoNotCount) {
  EXPECT_TRUE(JsonDepthWithin("{\"a\":\"[[[[{{{{\"}", 1));
  EXPECT_TRUE(JsonDepthWithin("{\"a\":\"\\\"[[[[\"}", 1)) << "escaped quote stays in the string";
  EXPECT_TRUE(JsonDepthWithin("{\"a\":\"\\\\\",\"b\":1}", 1)) << "escaped backslash ends";
  EXPECT_FALSE(JsonDepthWithin("{\"a\":\"\\\\\",\"b\":[[]]}", 2));
}

TEST(HttpJsonDepthTest, UnbalancedInputDoesNotUnderflow) {
  EXPECT_TRUE(JsonDepthWithin("]]]]}}}", 0));
  EXPECT_FALSE(JsonDepthWithin("]]]][[", 1));
}

}  // namespace
}  // namespace ndxp::server::http

namespace ndxp::server::http {
namespace {

JsonCheck::Result ResultOf(std::string_view json) { return CheckJson(json, 32).result; }

TEST(CheckJsonTest, AcceptsRfc8259) {
  for (const char* json :
       {"{}", "[]", "0", "-0.5e+10", "1E5", "true", "false", "null", "\"\"", " \n\t{\"a\" : 1 }\r\n",
        "{\"a\":[1,2,{\"b\":null}],\"c\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"}",
        "\"Nguyễn Thị Hương\"", "\"\xF0\x9F\x98\x80\"", "[[[]],[]]"}) {
    const JsonCheck check = CheckJson(json, 32);
    EXPECT_EQ(check.result, JsonCheck::Result::kOk) << json << ": " << check.problem;
  }
}

TEST(CheckJsonTest, RefusesWhatProtobufsParserWouldAccept) {
  const std::pair<const char*, const char*> cases[] = {
      {"{'personal_id':'079203001234'}", "double-quoted"},
      {"{\"a\":'x'}", "double quotes"},
      {"{\"a\":1,}", "trailing commas"},
      {"[1,2,]", "trailing commas"},
      {"{\"a\":1} {}", "text after"},
      {"{\"a\":1 /* c */}", "expected ','"},
      {"{a:1}", "double-quoted string"},
      {"[01]", "start with 0"},
      {"[1.]", "'.'"},
      {"[.5]", "not a JSON value"},
      {"[1e]", "exponent"},
      {"[NaN]", "not a JSON value"},
      {"[tru]", "not a JSON value"},
      {"\"a\tb\"", "control character"},
      {"\"\\x41\"", "unknown escape"},
      {"\"\\u12G4\"", "four hexadecimal"},
      {"\"abc", "not closed"},
      {"{\"a\" 1}", "expected ':'"},
      {"[1 2]", "expected ','"},
      {"{\"a\":1", "ends inside"},
      {"", "ends where a value"},
      {"\"\xC0\xAF\"", "UTF-8"},          // overlong '/'
      {"\"\xED\xA0\x80\"", "UTF-8"},      // a surrogate
      {"\"\xF4\x90\x80\x80\"", "UTF-8"},  // past U+10FFFF
      {"\"\xE1\x80\"", "UTF-8"},          // cut short
  };
  for (const auto& [json, problem] : cases) {
    const JsonCheck check = CheckJson(json, 32);
    EXPECT_EQ(check.result, JsonCheck::Result::kMalformed) << json;
    EXPECT_NE(check.problem.find(problem), std::string::npos) << json << ": " << check.problem;
  }
  EXPECT_EQ(CheckJson("{\"a\":1,}", 32).offset, 7u);
}

TEST(CheckJsonTest, NestingIsBoundedWithoutRecursion) {
  EXPECT_EQ(ResultOf(std::string(100000, '[') + std::string(100000, ']')),
            JsonCheck::Result::kTooDeep);
  EXPECT_EQ(CheckJson("[[[]]]", 3).result, JsonCheck::Result::kOk);
  EXPECT_EQ(CheckJson("[[[[]]]]", 3).result, JsonCheck::Result::kTooDeep);
  EXPECT_EQ(CheckJson("{\"a\":{\"b\":{}}}", 3).result, JsonCheck::Result::kOk);
  EXPECT_EQ(CheckJson("{\"a\":{\"b\":{\"c\":[]}}}", 3).result, JsonCheck::Result::kTooDeep);
}

}  // namespace
}  // namespace ndxp::server::http
