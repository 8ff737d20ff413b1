#include "gateway/core/utf8.h"

#include <gtest/gtest.h>

namespace ndxp::core {
namespace {

TEST(Utf8Test, CountsCodePoints) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("Trường Tiểu học"), 15u);
  EXPECT_EQ(Utf8Length("\xF0\x9F\x98\x80"), 1u);  // U+1F600
}

TEST(Utf8Test, RejectsMalformedText) {
  for (const char* bad : {"\xff", "\x80", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80",
                          "\xF4\x90\x80\x80", "\xE1\x80", "abc\xC3"}) {
    EXPECT_FALSE(Utf8Length(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace ndxp::core
