// RS256 and ES256 signatures as JWS carries them, made by the test signer (OpenSSL directly).
#include "gateway/auth/jwt/signature.h"

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "tests/support/jwt_test_signer.h"

namespace ndxp::auth::jwt {
namespace {

using ::ndxp::testing::JwtTestKey;

constexpr std::string_view kInput = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0";

struct Fixture {
  JwtTestKey rsa = JwtTestKey::Rsa("rsa");
  JwtTestKey ec = JwtTestKey::P256("ec");
  std::shared_ptr<const KeySet> keys =
      *KeySet::Parse(::ndxp::testing::JwksJson({rsa.PublicJwk(), ec.PublicJwk()}));
};

const Fixture& F() {
  static const Fixture* fixture = new Fixture();
  return *fixture;
}

std::string Flipped(std::string bytes, std::size_t at) {
  bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
  return bytes;
}

TEST(SignatureTest, VerifiesRs256) {
  const PublicKey& key = *F().keys->Find("rsa");
  const std::string signature = F().rsa.SignBytes(kInput);
  ASSERT_EQ(signature.size(), 256u);
  EXPECT_TRUE(VerifySignature(key, kInput, signature));
  EXPECT_FALSE(VerifySignature(key, "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ5In0", signature));
  EXPECT_FALSE(VerifySignature(key, kInput, Flipped(signature, 100)));
  EXPECT_FALSE(VerifySignature(key, kInput, signature.substr(1)));
  EXPECT_FALSE(VerifySignature(key, kInput, std::string(1, '\0') + signature));
  EXPECT_FALSE(VerifySignature(key, kInput, ""));
}

TEST(SignatureTest, VerifiesEs256AsRawRAndS) {
  const PublicKey& key = *F().keys->Find("ec");
  const std::string signature = F().ec.SignBytes(kInput);
  ASSERT_EQ(signature.size(), kEs256SignatureBytes);
  EXPECT_TRUE(VerifySignature(key, kInput, signature));
  EXPECT_FALSE(VerifySignature(key, "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ5In0", signature));
  EXPECT_FALSE(VerifySignature(key, kInput, Flipped(signature, 5)));   // r
  EXPECT_FALSE(VerifySignature(key, kInput, Flipped(signature, 40)));  // s
  EXPECT_FALSE(VerifySignature(key, kInput, signature.substr(0, 63)));
  EXPECT_FALSE(VerifySignature(key, kInput, signature + '\0'));
  EXPECT_FALSE(VerifySignature(key, kInput, std::string(64, '\0')));  // r = s = 0
  EXPECT_FALSE(VerifySignature(key, kInput, std::string(64, '\xff')));  // r, s >= n
}

TEST(SignatureTest, AnRs256SignatureDoesNotVerifyOnTheEcKeyNorTheReverse) {
  EXPECT_FALSE(VerifySignature(*F().keys->Find("ec"), kInput, F().rsa.SignBytes(kInput)));
  EXPECT_FALSE(VerifySignature(*F().keys->Find("rsa"), kInput, F().ec.SignBytes(kInput)));
}

TEST(SignatureTest, RawToDer) {
  EXPECT_EQ(EcdsaRawToDer(std::string(63, '\x01')), std::nullopt);
  EXPECT_EQ(EcdsaRawToDer(std::string(65, '\x01')), std::nullopt);
  // r = 1, s = 2: SEQUENCE { INTEGER 1, INTEGER 2 }.
  std::string raw(64, '\0');
  raw[31] = 1;
  raw[63] = 2;
  EXPECT_EQ(EcdsaRawToDer(raw), std::string("\x30\x06\x02\x01\x01\x02\x01\x02", 8));
  // A high bit gets a leading zero byte: INTEGER 0x00ff...
  const std::optional<std::string> der = EcdsaRawToDer(std::string(64, '\xff'));
  ASSERT_TRUE(der.has_value());
  EXPECT_EQ(der->size(), 2u + 2 * (2 + 33));
}

}  // namespace
}  // namespace ndxp::auth::jwt
