#include "gateway/auth/jwt/claims.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "gateway/auth/jwt/json.h"
#include "gateway/core/strings.h"

namespace ndxp::auth::jwt {
namespace {

Refusal Refuse(std::string_view reason, std::string_view what) {
  return Refusal{.reason = reason, .message = core::Cat("bearer token ", what)};
}

// A NumericDate claim: nullopt with `refusal` set when present but not an integer, nullopt alone
// when absent.
std::optional<absl::Time> DateClaim(const boost::json::object& claims, std::string_view name,
                                    std::optional<Refusal>& refusal) {
  const boost::json::value* value = Member(claims, name);
  if (value == nullptr) return std::nullopt;
  const std::optional<std::int64_t> seconds = AsInteger(*value);
  if (!seconds) {
    refusal = Refuse(kTokenMalformed, core::Cat("claim ", name, " is not an integer NumericDate"));
    return std::nullopt;
  }
  return absl::FromUnixSeconds(*seconds);
}

std::optional<Refusal> CheckAudience(const boost::json::object& claims,
                                     const absl::flat_hash_set<std::string>& audiences) {
  const boost::json::value* aud = Member(claims, "aud");
  if (aud == nullptr) return Refuse(kTokenAudienceInvalid, "has no aud claim");
  auto accepted = [&](const boost::json::value& v) {
    return audiences.contains(core::ToAbsl(View(v.get_string())));
  };
  if (aud->is_string()) {
    if (accepted(*aud)) return std::nullopt;
  } else if (aud->is_array()) {
    bool found = false;
    for (const boost::json::value& element : aud->get_array()) {
      if (!element.is_string()) return Refuse(kTokenMalformed, "claim aud has a non-string entry");
      found = found || accepted(element);
    }
    if (found) return std::nullopt;
  } else {
    return Refuse(kTokenMalformed, "claim aud is neither a string nor an array");
  }
  return Refuse(kTokenAudienceInvalid, "is not for this gateway (aud names no accepted audience)");
}

// Appends the space-separated words of `text`.
void AppendWords(std::string_view text, std::vector<std::string>& out) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
}

std::optional<Refusal> ReadScopes(const boost::json::object& claims, const std::string& name,
                                  std::vector<std::string>& scopes) {
  const boost::json::value* scope = Member(claims, name);
  if (scope == nullptr) return std::nullopt;
  if (scope->is_string()) {
    AppendWords(View(scope->get_string()), scopes);
    return std::nullopt;
  }
  if (!scope->is_array()) {
    return Refuse(kTokenMalformed, core::Cat("claim ", name, " is neither a string nor an array"));
  }
  for (const boost::json::value& element : scope->get_array()) {
    if (!element.is_string()) {
      return Refuse(kTokenMalformed, core::Cat("claim ", name, " has a non-string entry"));
    }
    if (!element.get_string().empty()) scopes.emplace_back(View(element.get_string()));
  }
  return std::nullopt;
}

// exp and nbf against now, within the skew.
std::optional<Refusal> CheckTimes(const boost::json::object& claims, const ClaimRules& rules,
                                  absl::Time now, absl::Time& expires) {
  std::optional<Refusal> refusal;
  const std::optional<absl::Time> exp = DateClaim(claims, "exp", refusal);
  if (refusal) return refusal;
  if (!exp) return Refuse(kTokenMalformed, "has no exp claim");
  const std::optional<absl::Time> nbf = DateClaim(claims, "nbf", refusal);
  if (refusal) return refusal;
  if (now >= *exp + rules.clock_skew) return Refuse(kTokenExpired, "has expired");
  if (nbf && now < *nbf - rules.clock_skew) return Refuse(kTokenNotYetValid, "is not yet valid");
  expires = *exp;
  return std::nullopt;
}

}  // namespace

VerifyResult CheckClaims(const boost::json::object& claims, const ClaimRules& rules,
                         absl::Time now) {
  VerifiedToken token;
  if (std::optional<Refusal> refusal = CheckTimes(claims, rules, now, token.expires)) {
    return *std::move(refusal);
  }
  const std::optional<std::string_view> iss = StringMember(claims, "iss");
  if (!iss || !rules.issuers.contains(core::ToAbsl(*iss))) {
    return Refuse(kTokenIssuerInvalid, "is not from an accepted issuer (iss)");
  }
  token.issuer = std::string(*iss);
  if (std::optional<Refusal> refusal = CheckAudience(claims, rules.audiences)) {
    return *std::move(refusal);
  }
  const std::optional<std::string_view> client = StringMember(claims, rules.client_claim);
  if (!client || client->empty()) {
    return Refuse(kTokenClientMissing,
                  core::Cat("has no client (claim ", rules.client_claim, " is missing or empty)"));
  }
  token.client_id = std::string(*client);
  if (std::optional<Refusal> refusal = ReadScopes(claims, rules.scope_claim, token.scopes)) {
    return *std::move(refusal);
  }
  return token;
}

}  // namespace ndxp::auth::jwt
