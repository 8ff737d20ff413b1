#include "gateway/auth/api_key.h"

#include <cctype>
#include <set>

#include <gtest/gtest.h>

namespace ndxp::auth {
namespace {

TEST(ApiKeyTest, GeneratedKeysHaveTheDocumentedShape) {
  const std::string key = GenerateApiKey();
  ASSERT_EQ(key.size(), 5u + 43u);  // "ndxp_" + base64url(32 bytes) without padding
  EXPECT_TRUE(key.starts_with("ndxp_"));
  for (char c : key.substr(5)) {
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << key;
  }
}

TEST(ApiKeyTest, GeneratedKeysDiffer) {
  std::set<std::string> keys;
  for (int i = 0; i < 1000; ++i) keys.insert(GenerateApiKey());
  EXPECT_EQ(keys.size(), 1000u);
}

TEST(ApiKeyTest, Sha256HexKnownVectors) {
  // FIPS 180-2 test vectors.
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_NE(Sha256Hex(std::string_view("a\0b", 3)), Sha256Hex("a"));  // embedded NUL hashed
  const Sha256Digest raw = Sha256("abc");
  EXPECT_EQ(raw[0], 0xba);
  EXPECT_EQ(raw[31], 0xad);
}

TEST(ApiKeyTest, IsSha256Hex) {
  EXPECT_TRUE(IsSha256Hex(Sha256Hex("x")));
  EXPECT_FALSE(IsSha256Hex(""));
  EXPECT_FALSE(IsSha256Hex(std::string(63, 'a')));
  EXPECT_FALSE(IsSha256Hex(std::string(65, 'a')));
  EXPECT_FALSE(IsSha256Hex(std::string(64, 'A')));  // lowercase only
  EXPECT_FALSE(IsSha256Hex(std::string(64, 'g')));
  EXPECT_TRUE(IsSha256Hex(std::string(64, 'f')));
}

TEST(ApiKeyTest, ParseSha256HexInvertsSha256Hex) {
  Sha256Digest parsed;
  ASSERT_TRUE(ParseSha256Hex(Sha256Hex("abc"), parsed));
  EXPECT_EQ(parsed, Sha256("abc"));
  EXPECT_FALSE(ParseSha256Hex("zz", parsed));
}

}  // namespace
}  // namespace ndxp::auth
