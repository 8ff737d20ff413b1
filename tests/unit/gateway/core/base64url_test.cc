// The strict base64url decoder: canonical unpadded text only.
#include "gateway/auth/jwt/base64url.h"

#include <gtest/gtest.h>

namespace ndxp::auth::jwt {
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

}  // namespace
}  // namespace ndxp::auth::jwt
