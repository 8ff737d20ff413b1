#pragma once
// The caller's identity as the gateway passes it on to a remote upstream: a short-lived assertion
// (client id, method, request id, purpose, dossier, procedure, times) signed with HMAC-SHA256
// under a secret that the gateway and ndxp-connector share (upstream_identity.key_file). The
// upstream trusts the caller identity only when the assertion verifies. mTLS between them comes
// with the identity issue; see docs/decisions/0010-caller-assertion.md.
//
// Wire form, in the x-ndxp-caller-assertion header:
//   "v1." base64url(serialized ndxp.gateway.v1.CallerAssertion) "." base64url(HMAC-SHA256(key,
//   everything before the second dot))
// base64url without padding. Pure functions: no clock, no I/O (but FromFile).

#include <memory>
#include <string>
#include <string_view>

#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <absl/time/time.h>

namespace ndxp::auth {

inline constexpr std::string_view kCallerAssertionHeader = "x-ndxp-caller-assertion";
// Shortest accepted secret, in bytes.
inline constexpr std::size_t kMinAssertionKeyBytes = 32;
// Longest assertion header accepted before any decoding.
inline constexpr std::size_t kMaxAssertionLength = 4096;

struct CallerClaims {
  std::string client_id;     // e.g. "VN:PROV:79:ONESTOP"
  std::string method;        // full method the assertion is for, e.g. "/pkg.Service/Method"
  std::string request_id;
  std::string purpose;
  std::string dossier_id;
  std::string procedure_id;
  absl::Time issued_at = absl::UnixEpoch();
};

class CallerAssertionKey {
 public:
  // A key from its secret: INVALID_ARGUMENT when shorter than kMinAssertionKeyBytes.
  static absl::StatusOr<CallerAssertionKey> FromSecret(std::string secret);
  // Reads the secret from `path` (surrounding whitespace trimmed). The error names the path and
  // what is wrong (missing, unreadable, too short), never the content.
  static absl::StatusOr<CallerAssertionKey> FromFile(const std::string& path);

  // The header value for `claims`.
  std::string Sign(const CallerClaims& claims) const;

  // Checks an assertion for a call of `method` arriving at `now`: well formed, signature valid
  // (constant-time comparison), for this method, issued no earlier than now - max_age and no later
  // than now + max_age (clock skew). UNAUTHENTICATED with a reason that never echoes the value:
  // "malformed caller assertion", "caller assertion signature does not verify", "caller assertion
  // is for another method", "caller assertion has expired", "caller assertion is from the future".
  absl::StatusOr<CallerClaims> Verify(std::string_view assertion, std::string_view method,
                                      absl::Time now, absl::Duration max_age) const;

 private:
  explicit CallerAssertionKey(std::string secret) : secret_(std::move(secret)) {}
  std::string secret_;
};

}  // namespace ndxp::auth
