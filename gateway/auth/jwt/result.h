#pragma once
// What verifying a JWT bearer token gives: the token's verified identity, or a refusal with a
// stable reason (for metrics and google.rpc.ErrorInfo, UNAUTHENTICATED) and a message for the
// integrator. A refusal's message never contains the token, any part of it, or a signature.

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <absl/time/time.h>

namespace ndxp::auth::jwt {

// Refusal reasons.
// Not a compact JWS of three canonical base64url parts, longer than kMaxTokenLength, JSON that is
// invalid, too deep or not an object, a header with crit or without alg, exp missing, a numeric
// date that is not an integer, a claim of the wrong type (aud, scope).
inline constexpr std::string_view kTokenMalformed = "TOKEN_MALFORMED";
// alg other than RS256 and ES256 ("none", HS256, ...), or not the algorithm of the kid's key.
inline constexpr std::string_view kTokenAlgorithmUnsupported = "TOKEN_ALGORITHM_UNSUPPORTED";
// No kid, a kid not in the key set, or no key set loaded.
inline constexpr std::string_view kTokenKeyUnknown = "TOKEN_KEY_UNKNOWN";
inline constexpr std::string_view kTokenSignatureInvalid = "TOKEN_SIGNATURE_INVALID";
inline constexpr std::string_view kTokenExpired = "TOKEN_EXPIRED";
inline constexpr std::string_view kTokenNotYetValid = "TOKEN_NOT_YET_VALID";
// iss missing or not one of jwt.issuers.
inline constexpr std::string_view kTokenIssuerInvalid = "TOKEN_ISSUER_INVALID";
// aud missing or naming none of jwt.audiences.
inline constexpr std::string_view kTokenAudienceInvalid = "TOKEN_AUDIENCE_INVALID";
// The client claim (jwt.client_claim) missing, not a string, or empty.
inline constexpr std::string_view kTokenClientMissing = "TOKEN_CLIENT_MISSING";

struct VerifiedToken {
  std::string client_id;            // the jwt.client_claim claim
  std::vector<std::string> scopes;  // from jwt.scope_claim; empty when the token has none
  absl::Time expires;               // exp
  std::string key_id;               // kid of the key that verified the signature
  std::string issuer;               // iss
};

struct Refusal {
  std::string_view reason;  // one of the kToken* constants above
  std::string message;      // e.g. "bearer token has expired"
};

// What Verifier::Verify returns: std::get_if<VerifiedToken>(&result) on success.
using VerifyResult = std::variant<VerifiedToken, Refusal>;

}  // namespace ndxp::auth::jwt
