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
