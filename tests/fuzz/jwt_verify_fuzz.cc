// JWT bearer tokens through the verifier, on arbitrary input, in two modes picked by the first
// byte: the rest as the raw token (what `authorization: Bearer` carries), or the rest as a header
// JSON and a claims JSON separated by a newline, signed with a key of the verifier's set, so that
// the fuzzer reaches the claim checks behind the signature. A verified token names a client and the
// kid of a key in the set; a refusal has a known reason and never quotes a part of the token.
#include <cstdint>
#include <memory>
#include <string>
#include <variant>

#include "gateway/auth/jwt/key_set.h"
#include "gateway/auth/jwt/verifier.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/support/jwt_test_signer.h"

namespace {

using namespace ndxp::auth::jwt;
using ndxp::testing::JwtTestKey;

constexpr std::int64_t kNowSeconds = 1'700'000'000;

struct World {
  JwtTestKey ec = JwtTestKey::P256("ec-1");
  JwtTestKey rsa = JwtTestKey::Rsa("rsa-1");
  std::unique_ptr<Verifier> verifier;
  World() {
    ndxp::gateway::v1::Jwt config;
    config.set_jwks_file("/etc/ndxp/jwks.json");
    config.add_issuers("https://idp.example");
    config.add_audiences("ndxp-gateway");
    auto made = Verifier::Create(config);
    NDXP_FUZZ_CHECK(made.ok());
    verifier = *std::move(made);
    auto keys = KeySet::Parse(ndxp::testing::JwksJson({ec.PublicJwk(), rsa.PublicJwk()}));
    NDXP_FUZZ_CHECK(keys.ok());
    verifier->SetKeys(*keys);
  }
};

const World& TheWorld() {
  static const World* world = new World();
  return *world;
}

bool KnownReason(std::string_view reason) {
  for (std::string_view known : {kTokenMalformed, kTokenAlgorithmUnsupported, kTokenKeyUnknown,
                                 kTokenSignatureInvalid, kTokenExpired, kTokenNotYetValid,
                                 kTokenIssuerInvalid, kTokenAudienceInvalid, kTokenClientMissing}) {
    if (reason == known) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0 || size > 16384) return 0;
  const World& world = TheWorld();
  const std::string_view rest = ndxp::fuzz::AsText(data + 1, size - 1);
  std::string token;
  if ((data[0] & 1) == 0) {
    token = rest;
  } else {
    const std::size_t newline = rest.find('\n');
    const std::string_view header = rest.substr(0, newline);
    const std::string_view claims =
        newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
    const JwtTestKey& key = (data[0] & 2) != 0 ? world.rsa : world.ec;
    token = key.MintWithHeader(header, claims);
  }
  const VerifyResult result = world.verifier->Verify(token, absl::FromUnixSeconds(kNowSeconds));
  if (const VerifiedToken* ok = std::get_if<VerifiedToken>(&result)) {
    NDXP_FUZZ_CHECK(!ok->client_id.empty());
    NDXP_FUZZ_CHECK(ok->key_id == "ec-1" || ok->key_id == "rsa-1");
    NDXP_FUZZ_CHECK(ok->issuer == "https://idp.example");
    NDXP_FUZZ_CHECK(ok->expires + kDefaultClockSkew > absl::FromUnixSeconds(kNowSeconds));
    return 0;
  }
  const Refusal& refusal = std::get<Refusal>(result);
  NDXP_FUZZ_CHECK(KnownReason(refusal.reason));
  NDXP_FUZZ_CHECK(!refusal.message.empty());
  // No part of the token that could be a real one (16 characters or more, no space, an uppercase
  // letter or a digit: not a word of the fixed messages, which a fuzzer soon writes) appears in
  // the message.
  std::size_t start = 0;
  while (start <= token.size()) {
    const std::size_t dot = std::min(token.find('.', start), token.size());
    const std::string_view part = std::string_view(token).substr(start, dot - start);
    if (part.size() >= 16 && part.find(' ') == std::string_view::npos &&
        part.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != std::string_view::npos) {
      NDXP_FUZZ_CHECK(refusal.message.find(token.substr(start, dot - start)) == std::string::npos);
    }
    start = dot + 1;
  }
  return 0;
}
