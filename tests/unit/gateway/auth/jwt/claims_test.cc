// The claim checks after the signature verified: times with skew, issuer, audience, client,
// scopes.
#include "gateway/auth/jwt/claims.h"

#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gateway/auth/jwt/json.h"
#include "tests/support/jwt_test_signer.h"

namespace ndxp::auth::jwt {
namespace {

using Members = std::vector<std::pair<std::string, std::string>>;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr std::int64_t kNow = 1'700'000'000;

ClaimRules Rules() {
  return ClaimRules{.issuers = {"https://idp.example"},
                    .audiences = {"ndxp-gateway", "ndxp-staging"},
                    .clock_skew = absl::Seconds(60),
                    .client_claim = "client_id",
                    .scope_claim = "scope"};
}

// Good claims with `name` set to `json` (added when absent, removed when "").
std::string Claims(const Members& overrides = {}) {
  Members members = {{"iss", R"("https://idp.example")"},
                     {"aud", R"("ndxp-gateway")"},
                     {"client_id", R"("VN:PROV:79:ONESTOP")"},
                     {"exp", std::to_string(kNow + 300)},
                     {"scope", R"("citizen.read business.read")"}};
  for (const auto& [name, json] : overrides) {
    bool found = false;
    for (auto it = members.begin(); it != members.end(); ++it) {
      if (it->first != name) continue;
      found = true;
      if (json.empty()) {
        members.erase(it);
      } else {
        it->second = json;
      }
      break;
    }
    if (!found && !json.empty()) members.emplace_back(name, json);
  }
  return ::ndxp::testing::JsonObject(members);
}

VerifyResult Check(const std::string& json, const ClaimRules& rules = Rules(),
                   std::int64_t now = kNow) {
  auto object = ParseObject(json, 8192);
  EXPECT_TRUE(object.ok()) << object.status() << json;
  if (!object.ok()) return Refusal{.reason = "TEST_JSON", .message = ""};
  return CheckClaims(*object, rules, absl::FromUnixSeconds(now));
}

// The reason of the refusal, "" when the claims were accepted.
std::string ReasonOf(const VerifyResult& result) {
  const Refusal* refusal = std::get_if<Refusal>(&result);
  return refusal == nullptr ? "" : std::string(refusal->reason);
}

std::string ReasonOf(const Members& overrides, std::int64_t now = kNow) {
  return ReasonOf(Check(Claims(overrides), Rules(), now));
}

TEST(ClaimsTest, AcceptsGoodClaims) {
  const VerifyResult result = Check(Claims());
  const VerifiedToken* token = std::get_if<VerifiedToken>(&result);
  ASSERT_NE(token, nullptr) << std::get<Refusal>(result).message;
  EXPECT_EQ(token->client_id, "VN:PROV:79:ONESTOP");
  EXPECT_EQ(token->issuer, "https://idp.example");
  EXPECT_EQ(token->expires, absl::FromUnixSeconds(kNow + 300));
  EXPECT_THAT(token->scopes, ElementsAre("citizen.read", "business.read"));
}

TEST(ClaimsTest, ExpIsARequiredInteger) {
  EXPECT_EQ(ReasonOf({{"exp", ""}}), kTokenMalformed);
  EXPECT_EQ(ReasonOf({{"exp", R"("1700000300")"}}), kTokenMalformed);
  EXPECT_EQ(ReasonOf({{"exp", "1700000300.5"}}), kTokenMalformed);
  EXPECT_EQ(ReasonOf({{"exp", "1.7e9"}}), kTokenMalformed);
  EXPECT_EQ(ReasonOf({{"exp", "99999999999999999999"}}), kTokenMalformed);
  EXPECT_EQ(ReasonOf({{"exp", "null"}}), kTokenMalformed);
  EXPECT_EQ(ReasonOf({{"exp", "9223372036854775807"}}), "");  // far future, no overflow
  EXPECT_EQ(ReasonOf({{"exp", "-9223372036854775808"}}), kTokenExpired);
}

TEST(ClaimsTest, ExpiryWithinTheSkew) {
  const std::string exp = std::to_string(kNow - 30);
  EXPECT_EQ(ReasonOf({{"exp", exp}}), "");                   // 30 s late: within 60 s
  EXPECT_EQ(ReasonOf({{"exp", exp}}, kNow + 29), "");        // 59 s late
  EXPECT_EQ(ReasonOf({{"exp", exp}}, kNow + 30), kTokenExpired);  // 60 s late: now >= exp + skew
  EXPECT_EQ(ReasonOf({{"exp", std::to_string(kNow - 3600)}}), kTokenExpired);
  ClaimRules no_skew = Rules();
  no_skew.clock_skew = absl::ZeroDuration();
  EXPECT_EQ(ReasonOf(Check(Claims({{"exp", std::to_string(kNow)}}), no_skew)), kTokenExpired);
  EXPECT_EQ(ReasonOf(Check(Claims({{"exp", std::to_string(kNow + 1)}}), no_skew)), "");
}

TEST(ClaimsTest, NotBeforeWithinTheSkew) {
  EXPECT_EQ(ReasonOf({{"nbf", std::to_string(kNow + 3600)}}), kTokenNotYetValid);
  EXPECT_EQ(ReasonOf({{"nbf", std::to_string(kNow + 61)}}), kTokenNotYetValid);
  EXPECT_EQ(ReasonOf({{"nbf", std::to_string(kNow + 60)}}), "");
  EXPECT_EQ(ReasonOf({{"nbf", std::to_string(kNow - 10)}}), "");
  EXPECT_EQ(ReasonOf({{"nbf", R"("soon")"}}), kTokenMalformed);
  EXPECT_EQ(ReasonOf({{"nbf", "1.0"}}), kTokenMalformed);
}

TEST(ClaimsTest, IssuerMustBeAccepted) {
  EXPECT_EQ(ReasonOf({{"iss", R"("https://evil.example")"}}), kTokenIssuerInvalid);
  EXPECT_EQ(ReasonOf({{"iss", R"("https://idp.example/")"}}), kTokenIssuerInvalid);
  EXPECT_EQ(ReasonOf({{"iss", ""}}), kTokenIssuerInvalid);
  EXPECT_EQ(ReasonOf({{"iss", R"(["https://idp.example"])"}}), kTokenIssuerInvalid);
}

TEST(ClaimsTest, AudienceStringOrArray) {
  EXPECT_EQ(ReasonOf({{"aud", R"("ndxp-staging")"}}), "");
  EXPECT_EQ(ReasonOf({{"aud", R"(["other","ndxp-gateway"])"}}), "");
  EXPECT_EQ(ReasonOf({{"aud", R"("other")"}}), kTokenAudienceInvalid);
  EXPECT_EQ(ReasonOf({{"aud", R"(["other","another"])"}}), kTokenAudienceInvalid);
  EXPECT_EQ(ReasonOf({{"aud", "[]"}}), kTokenAudienceInvalid);
  EXPECT_EQ(ReasonOf({{"aud", ""}}), kTokenAudienceInvalid);
  EXPECT_EQ(ReasonOf({{"aud", "7"}}), kTokenMalformed);
  EXPECT_EQ(ReasonOf({{"aud", R"(["ndxp-gateway",7])"}}), kTokenMalformed);
}

TEST(ClaimsTest, ClientClaimMustBeANonEmptyString) {
  EXPECT_EQ(ReasonOf({{"client_id", ""}}), kTokenClientMissing);
  EXPECT_EQ(ReasonOf({{"client_id", R"("")"}}), kTokenClientMissing);
  EXPECT_EQ(ReasonOf({{"client_id", "42"}}), kTokenClientMissing);
  ClaimRules azp = Rules();
  azp.client_claim = "azp";
  const VerifyResult result = Check(Claims({{"client_id", ""}, {"azp", R"("portal")"}}), azp);
  ASSERT_TRUE(std::holds_alternative<VerifiedToken>(result));
  EXPECT_EQ(std::get<VerifiedToken>(result).client_id, "portal");
  EXPECT_EQ(ReasonOf(Check(Claims(), azp)), kTokenClientMissing);
}

TEST(ClaimsTest, ScopesFromAStringOrAnArray) {
  auto scopes = [](const Members& overrides, const ClaimRules& rules = Rules()) {
    const VerifyResult result = Check(Claims(overrides), rules);
    EXPECT_TRUE(std::holds_alternative<VerifiedToken>(result)) << ReasonOf(result);
    return result.index() == 0 ? std::get<VerifiedToken>(result).scopes
                               : std::vector<std::string>{"<refused>"};
  };
  EXPECT_THAT(scopes({{"scope", R"("  a  b c ")"}}), ElementsAre("a", "b", "c"));
  EXPECT_THAT(scopes({{"scope", R"(["a","b",""])"}}), ElementsAre("a", "b"));
  EXPECT_THAT(scopes({{"scope", R"("")"}}), IsEmpty());
  EXPECT_THAT(scopes({{"scope", ""}}), IsEmpty());
  ClaimRules scp = Rules();
  scp.scope_claim = "scp";
  EXPECT_THAT(scopes({{"scope", ""}, {"scp", R"(["x"])"}}, scp), ElementsAre("x"));
  EXPECT_EQ(ReasonOf({{"scope", "1"}}), kTokenMalformed);
  EXPECT_EQ(ReasonOf({{"scope", R"(["a",1])"}}), kTokenMalformed);
  EXPECT_EQ(ReasonOf({{"scope", R"({"a":1})"}}), kTokenMalformed);
}

}  // namespace
}  // namespace ndxp::auth::jwt
