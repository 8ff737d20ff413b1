// The verifier end to end: tokens minted by the test signer with keys made in the test, every
// refusal reason, key rotation, and configuration errors.
#include "gateway/auth/jwt/verifier.h"

#include <atomic>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/jwt_test_signer.h"

namespace ndxp::auth::jwt {
namespace {

using ::ndxp::testing::Base64Url;
using ::ndxp::testing::JsonObject;
using ::ndxp::testing::JwksJson;
using ::ndxp::testing::JwtTestKey;
using ::testing::ElementsAre;
using Members = std::vector<std::pair<std::string, std::string>>;

constexpr std::int64_t kNowSeconds = 1'700'000'000;
const absl::Time kNow = absl::FromUnixSeconds(kNowSeconds);

struct Keys {
  JwtTestKey rsa1 = JwtTestKey::Rsa("rsa-1");
  JwtTestKey rsa2 = JwtTestKey::Rsa("rsa-2");
  JwtTestKey ec1 = JwtTestKey::P256("ec-1");
  JwtTestKey attacker = JwtTestKey::Rsa("rsa-1");  // same kid as rsa1, another key
};

const Keys& K() {
  static const Keys* keys = new Keys();
  return *keys;
}

std::shared_ptr<const KeySet> SetOf(const std::vector<const JwtTestKey*>& keys) {
  std::vector<std::string> jwks;
  for (const JwtTestKey* key : keys) jwks.push_back(key->PublicJwk());
  auto set = KeySet::Parse(JwksJson(jwks));
  EXPECT_TRUE(set.ok()) << set.status();
  return set.ok() ? *set : nullptr;
}

gateway::v1::Jwt Config() {
  gateway::v1::Jwt config;
  config.set_jwks_file("/etc/ndxp/jwks.json");
  config.add_issuers("https://idp.example");
  config.add_audiences("ndxp-gateway");
  return config;
}

std::unique_ptr<Verifier> Make(const gateway::v1::Jwt& config = Config()) {
  auto verifier = Verifier::Create(config);
  EXPECT_TRUE(verifier.ok()) << verifier.status();
  (*verifier)->SetKeys(SetOf({&K().rsa1, &K().ec1}));
  return *std::move(verifier);
}

std::string Claims(std::int64_t exp = kNowSeconds + 300, const Members& extra = {}) {
  Members members = {{"iss", R"("https://idp.example")"},
                     {"aud", R"(["ndxp-gateway","other"])"},
                     {"client_id", R"("VN:PROV:79:ONESTOP")"},
                     {"exp", std::to_string(exp)},
                     {"scope", R"("citizen.read")"}};
  members.insert(members.end(), extra.begin(), extra.end());
  return JsonObject(members);
}

// The reason a token is refused ("" when it verifies). Every refusal's message is checked not to
// contain any part of the token.
std::string ReasonOf(const Verifier& verifier, std::string_view token, absl::Time now = kNow) {
  const VerifyResult result = verifier.Verify(token, now);
  const Refusal* refusal = std::get_if<Refusal>(&result);
  if (refusal == nullptr) return "";
  EXPECT_FALSE(refusal->message.empty());
  std::size_t start = 0;
  while (start < token.size()) {
    std::size_t end = std::min(token.find('.', start), token.size());
    if (end - start >= 8) {
      EXPECT_EQ(refusal->message.find(token.substr(start, 8)), std::string::npos)
          << refusal->message;
    }
    start = end + 1;
  }
  return std::string(refusal->reason);
}

std::string ReasonOf(std::string_view token, absl::Time now = kNow) {
  return ReasonOf(*Make(), token, now);
}

// The token's three parts.
std::vector<std::string> Parts(const std::string& token) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot; (dot = token.find('.', start)) != std::string::npos; start = dot + 1) {
    parts.push_back(token.substr(start, dot - start));
  }
  parts.push_back(token.substr(start));
  return parts;
}

std::string Header(std::string_view alg, std::string_view kid) {
  return JsonObject(
      {{"alg", "\"" + std::string(alg) + "\""}, {"kid", "\"" + std::string(kid) + "\""}});
}

// ---- accepted ---------------------------------------------------------------------------------

TEST(VerifierTest, VerifiesRs256) {
  const VerifyResult result = Make()->Verify(K().rsa1.Mint(Claims()), kNow);
  const VerifiedToken* token = std::get_if<VerifiedToken>(&result);
  ASSERT_NE(token, nullptr) << std::get<Refusal>(result).message;
  EXPECT_EQ(token->client_id, "VN:PROV:79:ONESTOP");
  EXPECT_EQ(token->key_id, "rsa-1");
  EXPECT_EQ(token->issuer, "https://idp.example");
  EXPECT_EQ(token->expires, kNow + absl::Seconds(300));
  EXPECT_THAT(token->scopes, ElementsAre("citizen.read"));
}

TEST(VerifierTest, VerifiesEs256) {
  const VerifyResult result = Make()->Verify(K().ec1.Mint(Claims()), kNow);
  const VerifiedToken* token = std::get_if<VerifiedToken>(&result);
  ASSERT_NE(token, nullptr) << std::get<Refusal>(result).message;
  EXPECT_EQ(token->key_id, "ec-1");
  EXPECT_EQ(token->client_id, "VN:PROV:79:ONESTOP");
}

TEST(VerifierTest, ConfiguredClaimNames) {
  gateway::v1::Jwt config = Config();
  config.set_client_claim("azp");
  config.set_scope_claim("scp");
  const std::string token =
      K().rsa1.Mint(Claims(kNowSeconds + 300, {{"azp", R"("portal")"}, {"scp", R"(["a","b"])"}}));
  const VerifyResult result = Make(config)->Verify(token, kNow);
  ASSERT_TRUE(std::holds_alternative<VerifiedToken>(result)) << std::get<Refusal>(result).message;
  EXPECT_EQ(std::get<VerifiedToken>(result).client_id, "portal");
  EXPECT_THAT(std::get<VerifiedToken>(result).scopes, ElementsAre("a", "b"));
}

// ---- keys: kid, rotation, key confusion --------------------------------------------------------

TEST(VerifierTest, ChoosesTheKeyByKid) {
  auto verifier = Make();
  verifier->SetKeys(SetOf({&K().rsa1, &K().rsa2}));
  EXPECT_EQ(ReasonOf(*verifier, K().rsa1.Mint(Claims())), "");
  EXPECT_EQ(ReasonOf(*verifier, K().rsa2.Mint(Claims())), "");
  // Signed by rsa-1 but naming rsa-2.
  EXPECT_EQ(ReasonOf(*verifier, K().rsa1.MintWithHeader(Header("RS256", "rsa-2"), Claims())),
            kTokenSignatureInvalid);
}

TEST(VerifierTest, RotationRefusesTheOldKidAfterSetKeys) {
  auto verifier = Make();
  const std::string old_token = K().rsa1.Mint(Claims());
  const std::string new_token = K().rsa2.Mint(Claims());
  EXPECT_EQ(ReasonOf(*verifier, old_token), "");
  EXPECT_EQ(ReasonOf(*verifier, new_token), kTokenKeyUnknown);
  verifier->SetKeys(SetOf({&K().rsa2}));
  EXPECT_EQ(verifier->keys()->size(), 1u);
  EXPECT_EQ(ReasonOf(*verifier, new_token), "");
  EXPECT_EQ(ReasonOf(*verifier, old_token), kTokenKeyUnknown);
}

TEST(VerifierTest, NoKeysLoadedRefusesEverything) {
  auto verifier = Verifier::Create(Config());
  ASSERT_TRUE(verifier.ok());
  EXPECT_EQ((*verifier)->keys(), nullptr);
  EXPECT_EQ(ReasonOf(**verifier, K().rsa1.Mint(Claims())), kTokenKeyUnknown);
}

TEST(VerifierTest, KidRequiredAndKnown) {
  EXPECT_EQ(ReasonOf(K().rsa2.Mint(Claims())), kTokenKeyUnknown);
  EXPECT_EQ(ReasonOf(K().rsa1.MintWithHeader(R"({"alg":"RS256"})", Claims())), kTokenKeyUnknown);
  // No kid even when the set has a single key.
  auto single = Make();
  single->SetKeys(SetOf({&K().rsa1}));
  EXPECT_EQ(ReasonOf(*single, K().rsa1.MintWithHeader(R"({"alg":"RS256"})", Claims())),
            kTokenKeyUnknown);
  EXPECT_EQ(ReasonOf(K().rsa1.MintWithHeader(R"({"alg":"RS256","kid":1})", Claims())),
            kTokenMalformed);
}

TEST(VerifierTest, AlgorithmMustFitTheKey) {
  // RS256 header naming the EC key (key confusion), signed with an RSA key.
  EXPECT_EQ(ReasonOf(K().rsa1.MintWithHeader(Header("RS256", "ec-1"), Claims())),
            kTokenAlgorithmUnsupported);
  // ES256 header naming the RSA key, signed with an EC key.
  EXPECT_EQ(ReasonOf(K().ec1.MintWithHeader(Header("ES256", "rsa-1"), Claims())),
            kTokenAlgorithmUnsupported);
}

TEST(VerifierTest, RefusesAlgNone) {
  EXPECT_EQ(ReasonOf(::ndxp::testing::MintUnsigned(Claims())), kTokenAlgorithmUnsupported);
  const std::string body = Base64Url(Header("none", "rsa-1")) + "." + Base64Url(Claims());
  EXPECT_EQ(ReasonOf(body + "."), kTokenAlgorithmUnsupported);
  for (const char* alg : {"None", "NONE", "rs256", "RS256 ", "RS384", "PS256", "ES384", ""}) {
    EXPECT_EQ(ReasonOf(K().rsa1.MintWithHeader(Header(alg, "rsa-1"), Claims())),
              kTokenAlgorithmUnsupported)
        << alg;
  }
}

TEST(VerifierTest, RefusesHs256WithThePublicKeyAsSecret) {
  const std::string header = Header("HS256", "rsa-1");
  EXPECT_EQ(ReasonOf(::ndxp::testing::MintHs256(K().rsa1.PublicPem(), header, Claims())),
            kTokenAlgorithmUnsupported);
  EXPECT_EQ(ReasonOf(::ndxp::testing::MintHs256(K().rsa1.PublicJwk(), header, Claims())),
            kTokenAlgorithmUnsupported);
}

TEST(VerifierTest, IgnoresKeysTheTokenBringsAlong) {
  // The attacker's own key, embedded (jwk) or pointed at (jku), under a trusted kid.
  const std::string header = JsonObject({{"alg", R"("RS256")"},
                                         {"kid", R"("rsa-1")"},
                                         {"jku", R"("https://evil.example/jwks")"},
                                         {"jwk", K().attacker.PublicJwk()}});
  EXPECT_EQ(ReasonOf(K().attacker.MintWithHeader(header, Claims())), kTokenSignatureInvalid);
}

TEST(VerifierTest, RefusesCrit) {
  const std::string header =
      JsonObject({{"alg", R"("RS256")"}, {"kid", R"("rsa-1")"}, {"crit", R"(["exp"])"}});
  EXPECT_EQ(ReasonOf(K().rsa1.MintWithHeader(header, Claims())), kTokenMalformed);
}

// ---- signature --------------------------------------------------------------------------------

TEST(VerifierTest, RefusesATamperedPayload) {
  for (const JwtTestKey* key : {&K().rsa1, &K().ec1}) {
    const std::vector<std::string> parts = Parts(key->Mint(Claims()));
    const std::string other = Base64Url(Claims(kNowSeconds + 300, {{"admin", "true"}}));
    EXPECT_EQ(ReasonOf(parts[0] + "." + other + "." + parts[2]), kTokenSignatureInvalid);
  }
}

TEST(VerifierTest, RefusesATamperedSignature) {
  for (const JwtTestKey* key : {&K().rsa1, &K().ec1}) {
    std::vector<std::string> parts = Parts(key->Mint(Claims()));
    std::string& signature = parts[2];
    signature[10] = signature[10] == 'A' ? 'B' : 'A';
    EXPECT_EQ(ReasonOf(parts[0] + "." + parts[1] + "." + signature), kTokenSignatureInvalid);
    EXPECT_EQ(ReasonOf(parts[0] + "." + parts[1] + "."), kTokenSignatureInvalid);
    EXPECT_EQ(ReasonOf(parts[0] + "." + parts[1] + "." + signature.substr(0, 40)),
              kTokenSignatureInvalid);
  }
  // An ES256 signature in DER, as OpenSSL makes it, is not the JWS form.
  std::vector<std::string> parts = Parts(K().ec1.Mint(Claims()));
  const std::string der = Base64Url(std::string("\x30\x44\x02\x20", 4) + std::string(32, 'x') +
                                    std::string("\x02\x20", 2) + std::string(32, 'y'));
  EXPECT_EQ(ReasonOf(parts[0] + "." + parts[1] + "." + der), kTokenSignatureInvalid);
}

TEST(VerifierTest, ChecksTheSignatureBeforeAnyClaim) {
  // Expired, wrong issuer and a bad signature: the signature is what is reported.
  std::vector<std::string> parts = Parts(K().rsa1.Mint(JsonObject({{"exp", "1"}, {"iss", "1"}})));
  parts[2][5] = parts[2][5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(ReasonOf(parts[0] + "." + parts[1] + "." + parts[2]), kTokenSignatureInvalid);
  // A payload that is not even JSON, not signed: refused for its signature.
  EXPECT_EQ(ReasonOf(parts[0] + "." + Base64Url("not json") + "." + parts[2]),
            kTokenSignatureInvalid);
}

// ---- claims -----------------------------------------------------------------------------------

TEST(VerifierTest, ExpiryAndNotBeforeWithTheDefaultSkew) {
  const std::string expired_30s = K().ec1.Mint(Claims(kNowSeconds - 30));
  EXPECT_EQ(ReasonOf(expired_30s), "");  // within the 60 s default
  EXPECT_EQ(ReasonOf(expired_30s, kNow + absl::Seconds(31)), kTokenExpired);
  EXPECT_EQ(ReasonOf(K().ec1.Mint(Claims(kNowSeconds - 3600))), kTokenExpired);
  const std::string later =
      K().ec1.Mint(Claims(kNowSeconds + 7200, {{"nbf", std::to_string(kNowSeconds + 3600)}}));
  EXPECT_EQ(ReasonOf(later), kTokenNotYetValid);
  EXPECT_EQ(ReasonOf(later, kNow + absl::Seconds(3540)), "");
}

TEST(VerifierTest, ConfiguredSkew) {
  gateway::v1::Jwt config = Config();
  config.mutable_clock_skew()->set_seconds(300);
  const std::string expired_4m = K().rsa1.Mint(Claims(kNowSeconds - 240));
  EXPECT_EQ(ReasonOf(*Make(config), expired_4m), "");
  config.mutable_clock_skew()->set_seconds(0);
  EXPECT_EQ(ReasonOf(*Make(config), expired_4m), kTokenExpired);
}

TEST(VerifierTest, IssuerAudienceClient) {
  EXPECT_EQ(ReasonOf(K().rsa1.Mint(JsonObject({{"iss", R"("https://other")"},
                                                {"aud", R"("ndxp-gateway")"},
                                                {"client_id", R"("c")"},
                                                {"exp", std::to_string(kNowSeconds + 60)}}))),
            kTokenIssuerInvalid);
  const Members base = {{"iss", R"("https://idp.example")"},
                        {"exp", std::to_string(kNowSeconds + 60)},
                        {"client_id", R"("c")"}};
  auto with = [&](Members extra) {
    Members members = base;
    members.insert(members.end(), extra.begin(), extra.end());
    return K().rsa1.Mint(JsonObject(members));
  };
  EXPECT_EQ(ReasonOf(with({{"aud", R"("ndxp-gateway")"}})), "");
  EXPECT_EQ(ReasonOf(with({{"aud", R"(["a","ndxp-gateway"])"}})), "");
  EXPECT_EQ(ReasonOf(with({{"aud", R"("elsewhere")"}})), kTokenAudienceInvalid);
  EXPECT_EQ(ReasonOf(with({{"aud", R"(["a","b"])"}})), kTokenAudienceInvalid);
  EXPECT_EQ(ReasonOf(K().rsa1.Mint(JsonObject({{"iss", R"("https://idp.example")"},
                                                {"aud", R"("ndxp-gateway")"},
                                                {"exp", std::to_string(kNowSeconds + 60)}}))),
            kTokenClientMissing);
}

TEST(VerifierTest, NonIntegerExpIsMalformed) {
  for (const char* exp : {"1700000300.5", "1.7000003e9", R"("1700000300")", "1e400",
                          "123456789012345678901234567890"}) {
    EXPECT_EQ(ReasonOf(K().rsa1.Mint(JsonObject({{"iss", R"("https://idp.example")"},
                                                  {"aud", R"("ndxp-gateway")"},
                                                  {"client_id", R"("c")"},
                                                  {"exp", exp}}))),
              kTokenMalformed)
        << exp;
  }
}

// ---- malformed --------------------------------------------------------------------------------

TEST(VerifierTest, RefusesWhatIsNotACompactJws) {
  const std::string token = K().rsa1.Mint(Claims());
  const std::vector<std::string> p = Parts(token);
  EXPECT_EQ(ReasonOf(""), kTokenMalformed);
  EXPECT_EQ(ReasonOf(p[0] + "." + p[1]), kTokenMalformed);
  EXPECT_EQ(ReasonOf(token + "." + p[2]), kTokenMalformed);
  EXPECT_EQ(ReasonOf(token + "."), kTokenMalformed);
  EXPECT_EQ(ReasonOf(p[0]), kTokenMalformed);
  EXPECT_EQ(ReasonOf(" " + token), kTokenMalformed);
  EXPECT_EQ(ReasonOf(token + "\n"), kTokenMalformed);
  EXPECT_EQ(ReasonOf("Bearer " + token), kTokenMalformed);
}

TEST(VerifierTest, RefusesPaddingAndTheStandardAlphabet) {
  const std::string header = R"({"alg":"RS256","kid":"rsa-1","x":"a"})";  // 37 bytes: padded
  const std::string unpadded = K().rsa1.MintWithHeader(header, Claims());
  ASSERT_EQ(ReasonOf(unpadded), "");
  std::vector<std::string> p = Parts(unpadded);
  EXPECT_EQ(ReasonOf(p[0] + "=." + p[1] + "." + p[2]), kTokenMalformed);
  EXPECT_EQ(ReasonOf(p[0] + "==." + p[1] + "." + p[2]), kTokenMalformed);
  std::string standard = p[2];
  for (char& c : standard) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  if (standard != p[2]) {
    EXPECT_EQ(ReasonOf(p[0] + "." + p[1] + "." + standard), kTokenMalformed);
  }
  EXPECT_EQ(ReasonOf(p[0] + "." + p[1] + "." + p[2].substr(0, 20) + "+/" + p[2].substr(22)),
            kTokenMalformed);
  EXPECT_EQ(ReasonOf(p[0] + "." + p[1] + " ." + p[2]), kTokenMalformed);
  EXPECT_EQ(ReasonOf("e30." + p[1] + "." + p[2]), kTokenMalformed);  // {}: no alg
  EXPECT_EQ(ReasonOf("W10." + p[1] + "." + p[2]), kTokenMalformed);  // []
  EXPECT_EQ(ReasonOf("!!!!." + p[1] + "." + p[2]), kTokenMalformed);
}

TEST(VerifierTest, RefusesAnOversizeTokenWithoutDecodingIt) {
  const std::string big = K().rsa1.Mint(Claims(kNowSeconds + 300,
                                                {{"pad", "\"" + std::string(8000, 'a') + "\""}}));
  ASSERT_GT(big.size(), kMaxTokenLength);
  EXPECT_EQ(ReasonOf(big), kTokenMalformed);
  EXPECT_EQ(ReasonOf(std::string(kMaxTokenLength + 1, 'a')), kTokenMalformed);
  EXPECT_EQ(ReasonOf(std::string(1 << 20, '.')), kTokenMalformed);
  const VerifyResult result = Make()->Verify(std::string(kMaxTokenLength + 1, 'a'), kNow);
  EXPECT_THAT(std::get<Refusal>(result).message, ::testing::HasSubstr("longer than 8192"));
}

TEST(VerifierTest, RefusesDeeplyNestedJson) {
  const std::string deep = std::string(200, '[') + std::string(200, ']');
  EXPECT_EQ(ReasonOf(K().rsa1.Mint(Claims(kNowSeconds + 300, {{"deep", deep}}))),
            kTokenMalformed);
  const std::string header = R"({"alg":"RS256","kid":"rsa-1","x":)" + deep + "}";
  EXPECT_EQ(ReasonOf(K().rsa1.MintWithHeader(header, Claims())), kTokenMalformed);
}

TEST(VerifierTest, RefusesAPayloadThatIsNotAnObject) {
  EXPECT_EQ(ReasonOf(K().rsa1.Mint("[1,2]")), kTokenMalformed);
  EXPECT_EQ(ReasonOf(K().rsa1.Mint("{\"exp\":")), kTokenMalformed);
  EXPECT_EQ(ReasonOf(K().rsa1.Mint("")), kTokenMalformed);
}

// ---- concurrency, configuration ---------------------------------------------------------------

TEST(VerifierTest, VerifiesWhileKeysAreSwapped) {
  auto verifier = Make();
  const std::shared_ptr<const KeySet> both = SetOf({&K().rsa1, &K().ec1});
  const std::shared_ptr<const KeySet> ec_only = SetOf({&K().ec1});
  const std::string rsa_token = K().rsa1.Mint(Claims());
  const std::string ec_token = K().ec1.Mint(Claims());
  std::atomic<bool> stop{false};
  std::thread swapper([&] {
    for (int i = 0; !stop.load(); ++i) verifier->SetKeys(i % 2 == 0 ? ec_only : both);
  });
  std::vector<std::thread> readers;
  std::atomic<int> failures{0};
  for (int t = 0; t < 2; ++t) {
    readers.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        if (!std::holds_alternative<VerifiedToken>(verifier->Verify(ec_token, kNow))) ++failures;
        const VerifyResult rsa = verifier->Verify(rsa_token, kNow);
        if (const Refusal* r = std::get_if<Refusal>(&rsa); r && r->reason != kTokenKeyUnknown) {
          ++failures;
        }
      }
    });
  }
  for (std::thread& reader : readers) reader.join();
  stop = true;
  swapper.join();
  EXPECT_EQ(failures.load(), 0);
}

std::string ConfigError(const gateway::v1::Jwt& config) {
  auto verifier = Verifier::Create(config);
  EXPECT_FALSE(verifier.ok());
  if (verifier.ok()) return "";
  EXPECT_EQ(verifier.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(verifier.status().message());
}

TEST(VerifierTest, ConfigErrorsNameTheKey) {
  gateway::v1::Jwt config = Config();
  config.clear_jwks_file();
  EXPECT_EQ(ConfigError(config), "jwt.jwks_file is required");
  config = Config();
  config.clear_issuers();
  EXPECT_EQ(ConfigError(config), "jwt.issuers is required (at least one value)");
  config = Config();
  config.add_issuers("");
  EXPECT_EQ(ConfigError(config), "jwt.issuers[1] is empty");
  config = Config();
  config.clear_audiences();
  EXPECT_EQ(ConfigError(config), "jwt.audiences is required (at least one value)");
  config = Config();
  config.mutable_clock_skew()->set_seconds(301);
  EXPECT_EQ(ConfigError(config), "jwt.clock_skew must be at most 5m");
  config.mutable_clock_skew()->set_seconds(300);
  config.mutable_clock_skew()->set_nanos(1);
  EXPECT_EQ(ConfigError(config), "jwt.clock_skew must be at most 5m");
  config.mutable_clock_skew()->set_seconds(-1);
  config.mutable_clock_skew()->set_nanos(0);
  EXPECT_EQ(ConfigError(config), "jwt.clock_skew must not be negative");
}

}  // namespace
}  // namespace ndxp::auth::jwt
