// JWKS parsing: the keys kept, the keys skipped, and an error naming each malformed member.
#include "gateway/auth/jwt/key_set.h"

#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/jwt_test_signer.h"

namespace ndxp::auth::jwt {
namespace {

using Members = std::vector<std::pair<std::string, std::string>>;
using ::testing::HasSubstr;
using ::ndxp::testing::JwtTestKey;

const JwtTestKey& Rsa() {
  static const JwtTestKey key = JwtTestKey::Rsa("rsa-1");
  return key;
}

const JwtTestKey& Ec() {
  static const JwtTestKey key = JwtTestKey::P256("ec-1");
  return key;
}

// The members with `name` set to `json` (added when absent; removed when `json` is empty).
Members With(Members members, const std::string& name, const std::string& json) {
  for (auto it = members.begin(); it != members.end(); ++it) {
    if (it->first != name) continue;
    if (json.empty()) {
      members.erase(it);
    } else {
      it->second = json;
    }
    return members;
  }
  if (!json.empty()) members.emplace_back(name, json);
  return members;
}

std::string Jwks(std::vector<std::string> jwks) { return ::ndxp::testing::JwksJson(jwks); }
std::string Jwk(const Members& members) { return ::ndxp::testing::JsonObject(members); }

// The error message of parsing a JWKS of the good EC key and then `jwk` (keys[1]).
std::string ErrorOf(const Members& jwk) {
  auto set = KeySet::Parse(Jwks({Ec().PublicJwk(), Jwk(jwk)}));
  EXPECT_FALSE(set.ok());
  if (set.ok()) return "";
  EXPECT_EQ(set.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(set.status().message());
}

TEST(KeySetTest, KeepsRsaAndEcKeysByKid) {
  auto set = KeySet::Parse(Jwks({Rsa().PublicJwk(), Ec().PublicJwk()}));
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ((*set)->size(), 2u);
  ASSERT_NE((*set)->Find("rsa-1"), nullptr);
  EXPECT_EQ((*set)->Find("rsa-1")->algorithm, Algorithm::kRs256);
  ASSERT_NE((*set)->Find("ec-1"), nullptr);
  EXPECT_EQ((*set)->Find("ec-1")->algorithm, Algorithm::kEs256);
  EXPECT_EQ((*set)->Find("rsa-2"), nullptr);
}

TEST(KeySetTest, UseAndAlgAreOptional) {
  Members rsa = With(With(Rsa().PublicJwkMembers(), "use", ""), "alg", "");
  Members ec = With(With(Ec().PublicJwkMembers(), "use", ""), "alg", "");
  auto set = KeySet::Parse(Jwks({Jwk(rsa), Jwk(ec)}));
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ((*set)->size(), 2u);
}

TEST(KeySetTest, SkipsKeysThatAreNotOurSigningKeys) {
  auto set = KeySet::Parse(Jwks({
      Ec().PublicJwk(),
      Jwk(With(Rsa().PublicJwkMembers(), "use", R"("enc")")),
      Jwk(With(With(Rsa().PublicJwkMembers(), "alg", R"("RS384")"), "kid", R"("rs384")")),
      Jwk(With(With(Rsa().PublicJwkMembers(), "alg", R"("PS256")"), "kid", R"("ps256")")),
      R"({"kty":"oct","kid":"hmac","k":"c2VjcmV0"})",
      R"({"kty":"OKP","kid":"ed","crv":"Ed25519","x":"AAAA"})",
      Jwk(With(With(With(Ec().PublicJwkMembers(), "alg", ""), "crv", R"("P-384")"), "kid",
               R"("p384")")),
  }));
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ((*set)->size(), 1u);
  EXPECT_NE((*set)->Find("ec-1"), nullptr);
}

TEST(KeySetTest, NamesTheMalformedMember) {
  const Members rsa = With(Rsa().PublicJwkMembers(), "kid", R"("rsa-x")");
  const Members ec = With(Ec().PublicJwkMembers(), "kid", R"("ec-x")");
  EXPECT_EQ(ErrorOf(With(rsa, "n", "")), "JWKS keys[1].n is missing");
  EXPECT_EQ(ErrorOf(With(rsa, "n", "12")), "JWKS keys[1].n is not a string");
  EXPECT_EQ(ErrorOf(With(rsa, "n", R"("AQAB==")")),
            "JWKS keys[1].n is not base64url without padding");
  EXPECT_EQ(ErrorOf(With(rsa, "n", R"("")")), "JWKS keys[1].n is empty");
  EXPECT_EQ(ErrorOf(With(rsa, "e", "")), "JWKS keys[1].e is missing");
  EXPECT_EQ(ErrorOf(With(rsa, "e", R"("AQAA")")),  // 65536: even
            "JWKS keys[1].e is not an odd exponent from 3 to 2^256");
  EXPECT_EQ(ErrorOf(With(rsa, "e", R"("AQ")")),  // 1
            "JWKS keys[1].e is not an odd exponent from 3 to 2^256");
  EXPECT_EQ(ErrorOf(With(rsa, "kid", "")), "JWKS keys[1].kid is missing or empty");
  EXPECT_EQ(ErrorOf(With(rsa, "kid", R"("")")), "JWKS keys[1].kid is missing or empty");
  EXPECT_EQ(ErrorOf(With(rsa, "kty", "")), "JWKS keys[1].kty is missing or not a string");
  EXPECT_EQ(ErrorOf(With(rsa, "alg", R"("ES256")")), "JWKS keys[1].alg ES256 does not fit kty RSA");
  EXPECT_EQ(ErrorOf(With(ec, "alg", R"("RS256")")), "JWKS keys[1].alg RS256 does not fit kty EC");
  EXPECT_EQ(ErrorOf(With(ec, "crv", R"("P-384")")), "JWKS keys[1].crv is not P-256");
  EXPECT_EQ(ErrorOf(With(ec, "x", "")), "JWKS keys[1].x is missing");
  EXPECT_EQ(ErrorOf(With(ec, "y", R"("AAAA")")), "JWKS keys[1].y is not 32 bytes");
  EXPECT_EQ(ErrorOf(With(ec, "alg", "5")), "JWKS keys[1].alg is not a string");
  EXPECT_THAT(ErrorOf(With(rsa, "d", R"("AQAB")")),
              HasSubstr("JWKS keys[1] holds private key material (d)"));
}

TEST(KeySetTest, RefusesAPointOffTheCurve) {
  // y = 1 is on P-256 for no x used here.
  const std::string one = R"(")" + ::ndxp::testing::Base64Url(std::string(31, '\0') + "\x01") +
                          R"(")";
  EXPECT_EQ(ErrorOf(With(With(Ec().PublicJwkMembers(), "kid", R"("ec-x")"), "y", one)),
            "JWKS keys[1] is not a valid public key");
}

TEST(KeySetTest, RefusesASmallRsaModulus) {
  const JwtTestKey small = JwtTestKey::Rsa("small", 1024);
  EXPECT_EQ(ErrorOf(small.PublicJwkMembers()),
            "JWKS keys[1].n has 1024 bits; RSA keys must have 2048 to 8192");
}

TEST(KeySetTest, RefusesADuplicateKid) {
  auto set = KeySet::Parse(
      Jwks({Rsa().PublicJwk(), Jwk(With(Ec().PublicJwkMembers(), "kid", R"("rsa-1")"))}));
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().message(), "JWKS keys[1].kid \"rsa-1\" is a duplicate");
}

TEST(KeySetTest, RefusesADocumentWithoutUsableKeys) {
  EXPECT_EQ(KeySet::Parse(R"({"keys":[]})").status().message(),
            "JWKS has no RS256 or ES256 signing key");
  EXPECT_EQ(KeySet::Parse(R"({"keys":[{"kty":"oct","k":"AA"}]})").status().message(),
            "JWKS has no RS256 or ES256 signing key");
  EXPECT_EQ(KeySet::Parse(R"({"kty":"RSA"})").status().message(), "JWKS has no \"keys\" array");
  EXPECT_EQ(KeySet::Parse(R"({"keys":{}})").status().message(), "JWKS has no \"keys\" array");
  EXPECT_EQ(KeySet::Parse("not json").status().message(), "JWKS document is not valid JSON");
  EXPECT_EQ(KeySet::Parse(R"({"keys":[1]})").status().message(), "JWKS keys[0] is not an object");
}

TEST(KeySetTest, BoundsTheDocument) {
  std::vector<std::string> many(kMaxJwksKeys + 1, R"({"kty":"oct"})");
  EXPECT_EQ(KeySet::Parse(Jwks(many)).status().message(), "JWKS has more than 100 keys");
  const std::string huge = R"({"keys":[],"pad":")" + std::string(kMaxJwksBytes, 'a') + R"("})";
  EXPECT_EQ(KeySet::Parse(huge).status().message(), "JWKS document is longer than 1048576 bytes");
  EXPECT_EQ(KeySet::Parse(R"({"keys":[)" + std::string(100, '[') + std::string(100, ']') + "]}")
                .status()
                .message(),
            "JWKS document is nested deeper than 16");
}

}  // namespace
}  // namespace ndxp::auth::jwt
