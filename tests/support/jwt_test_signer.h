#pragma once
// Test-only JWT minting: RSA and P-256 key pairs generated with OpenSSL, their public JWKs and a
// JWKS of them, and compact JWS tokens signed RS256 or ES256 (and HS256, for attacks) — written
// independently of gateway/auth/jwt, so that unit and integration tests check the verifier against
// tokens it did not make. Generated keys never leave the process.

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <openssl/types.h>

namespace ndxp::testing {

// base64url without padding.
std::string Base64Url(std::string_view bytes);

class JwtTestKey {
 public:
  // A fresh RSA key pair (RS256) of `bits` bits; less than 2048 only to test that it is refused.
  static JwtTestKey Rsa(std::string kid, int bits = 2048);
  // A fresh P-256 key pair (ES256).
  static JwtTestKey P256(std::string kid);

  const std::string& kid() const { return kid_; }
  // "RS256" or "ES256".
  std::string_view alg() const;

  // The public JWK's members, values as JSON text: kty, kid, use "sig", alg, and n, e or crv,
  // x, y (for tests that alter a member; see JsonObject).
  std::vector<std::pair<std::string, std::string>> PublicJwkMembers() const;
  // The public JWK as JSON.
  std::string PublicJwk() const;
  // The public key as PEM (SubjectPublicKeyInfo), the "secret" of the HS256 key-confusion attack.
  std::string PublicPem() const;

  // The JWS signature over `signing_input`: RSASSA-PKCS1-v1_5 SHA-256, or ECDSA as 64-byte r||s.
  std::string SignBytes(std::string_view signing_input) const;
  // A compact JWS with header {"alg":alg(),"kid":kid(),"typ":"JWT"} and payload `claims_json`.
  std::string Mint(std::string_view claims_json) const;
  // A compact JWS with exactly `header_json` as header, signed with this key.
  std::string MintWithHeader(std::string_view header_json, std::string_view claims_json) const;

 private:
  JwtTestKey(std::string kid, bool rsa, std::shared_ptr<EVP_PKEY> pkey)
      : kid_(std::move(kid)), rsa_(rsa), pkey_(std::move(pkey)) {}
  std::string kid_;
  bool rsa_;
  std::shared_ptr<EVP_PKEY> pkey_;
};

// A JSON object from members whose values are given as JSON text, e.g. {{"exp", "1700000000"},
// {"iss", "\"https://idp\""}}; members in the order given.
std::string JsonObject(const std::vector<std::pair<std::string, std::string>>& members);

// {"keys":[<jwk>,...]} of the given JWK JSON texts.
std::string JwksJson(const std::vector<std::string>& jwks);

// A compact JWS signed HS256 with `secret` (the verifier must refuse any HS256 token).
std::string MintHs256(std::string_view secret, std::string_view header_json,
                      std::string_view claims_json);

// A compact JWS with alg "none" and an empty signature.
std::string MintUnsigned(std::string_view claims_json);

}  // namespace ndxp::testing
