// Log hygiene: what the gateway writes of what callers and libraries send.
#include <gtest/gtest.h>

#include "gateway/server/log_sanitize.h"

namespace ndxp::server {
namespace {

TEST(LogSanitizeTest, ControlCharactersAreEscapedAndLengthBounded) {
  EXPECT_EQ(SanitizeForLog("a\nb\r\x01" "c\\"), "a\\x0ab\\x0d\\x01c\\\\");
  EXPECT_EQ(SanitizeForLog("Nguyễn"), "Nguyễn");
  std::string cut = SanitizeForLog(std::string(1000, 'x'), 10);
  EXPECT_EQ(cut, "xxxxxxxxxx...");
}

}  // namespace
}  // namespace ndxp::server
