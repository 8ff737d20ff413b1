// base64url: the strict decoder takes canonical unpadded text only, and what the encoder writes.
#include "gateway/core/base64url.h"

#include <gtest/gtest.h>

namespace ndxp::core {
namespace {

TEST(Base64UrlTest, DecodesEveryLength) {
  EXPECT_EQ(DecodeBase64Url(""), "");
  EXPECT_EQ(DecodeBase64Url("Zg"), "f");
  EXPECT_EQ(DecodeBase64Url("Zm8"), "fo");
  EXPECT_EQ(DecodeBase64Url("Zm9v"), "foo");
  EXPECT_EQ(DecodeBase64Url("Zm9vYg"), "foob");
  EXPECT_EQ(DecodeBase64Url("-_8"), "\xfb\xff");
}

TEST(Base64UrlTest, RefusesPaddingStandardAlphabetAndWhitespace) {
  EXPECT_EQ(DecodeBase64Url("Zg=="), std::nullopt);
  EXPECT_EQ(DecodeBase64Url("Zm8="), std::nullopt);
  EXPECT_EQ(DecodeBase64Url("+/8"), std::nullopt);
  EXPECT_EQ(DecodeBase64Url("Zm9v "), std::nullopt);
  EXPECT_EQ(DecodeBase64Url("Zm\n9v"), std::nullopt);
  EXPECT_EQ(DecodeBase64Url(std::string_view("Zm\0v", 4)), std::nullopt);
}

TEST(Base64UrlTest, RefusesImpossibleLengthAndNonCanonicalTrailingBits) {
  EXPECT_EQ(DecodeBase64Url("Z"), std::nullopt);
  EXPECT_EQ(DecodeBase64Url("Zm9vY"), std::nullopt);
  EXPECT_EQ(DecodeBase64Url("Zh"), std::nullopt);  // "Zg" with a low bit set
  EXPECT_EQ(DecodeBase64Url("Zm9"), std::nullopt);  // "Zm8" with a low bit set
}

TEST(Base64UrlTest, TheEncoderWritesWhatTheDecoderTakesBack) {
  for (std::string bytes : {std::string(), std::string("f"), std::string("fo"), std::string("foo"),
                            std::string("\xfb\xff"), std::string(257, '\x80')}) {
    std::string encoded;
    AppendBase64Url(encoded, bytes);
    EXPECT_EQ(encoded.find('='), std::string::npos);
    EXPECT_EQ(DecodeBase64Url(encoded), bytes) << encoded;
  }
  std::string out = "prefix.";
  AppendBase64Url(out, "foob");
  EXPECT_EQ(out, "prefix.Zm9vYg");
}

}  // namespace
}  // namespace ndxp::core
