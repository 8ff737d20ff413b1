#pragma once
// The checks on a JWT's claims (RFC 7519 §4.1) once its signature verified: exp (required) and
// nbf (optional) as integer NumericDates within the clock skew, iss among the accepted issuers,
// aud (a string or an array of strings) naming an accepted audience, the client claim a non-empty
// string, and the scopes (a space-separated string or an array of strings). iat, jti, sub and
// other claims are not checked.

#include <string>
#include <vector>

#include <absl/container/flat_hash_set.h>
#include <absl/time/time.h>
#include <boost/json/object.hpp>

#include "gateway/auth/jwt/result.h"

namespace ndxp::auth::jwt {

struct ClaimRules {
  absl::flat_hash_set<std::string> issuers;
  absl::flat_hash_set<std::string> audiences;
  absl::Duration clock_skew;
  std::string client_claim;
  std::string scope_claim;
};

// The token's identity from `claims` (key_id left empty), or why it is refused, checked at `now`
// in this order: exp, nbf, iss, aud, client claim, scopes. A token is expired when now >= exp +
// clock_skew and not yet valid when now < nbf - clock_skew.
VerifyResult CheckClaims(const boost::json::object& claims, const ClaimRules& rules,
                         absl::Time now);

}  // namespace ndxp::auth::jwt
