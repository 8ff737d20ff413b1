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
// base64url without padding, canonical (unused trailing bits zero). Pure functions: no clock, no
// I/O (but FromFile).

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <absl/time/time.h>

namespace ndxp::auth {

inline constexpr std::string_view kCallerAssertionHeader = "x-ndxp-caller-assertion";
// Shortest accepted secret, in bytes.
inline constexpr std::size_t kMinAssertionKeyBytes = 32;
// Longest assertion header accepted before any decoding.
inline constexpr std::size_t kMaxAssertionLength = 4096;
// Largest key file FromFile reads.
inline constexpr std::size_t kMaxAssertionKeyFileBytes = 64 * 1024;

// Verify's `method` for calls to no route: any method the assertion names is accepted (the
// signature and times are still checked).
inline constexpr std::string_view kAnyMethod = "";

// The google.rpc.ErrorInfo reasons of Verify's errors (all UNAUTHENTICATED).
inline constexpr std::string_view kAssertionMalformed = "CALLER_ASSERTION_MALFORMED";
inline constexpr std::string_view kAssertionBadSignature = "CALLER_ASSERTION_BAD_SIGNATURE";
inline constexpr std::string_view kAssertionWrongMethod = "CALLER_ASSERTION_WRONG_METHOD";
inline constexpr std::string_view kAssertionExpired = "CALLER_ASSERTION_EXPIRED";
inline constexpr std::string_view kAssertionFromFuture = "CALLER_ASSERTION_FROM_FUTURE";

struct CallerClaims {
  std::string client_id;     // e.g. "VN:PROV:79:ONESTOP"
  std::string method;        // full method the assertion is for, e.g. "/pkg.Service/Method"
  std::string request_id;
  std::string purpose;
  std::string dossier_id;
  std::string procedure_id;
  absl::Time issued_at = absl::UnixEpoch();  // carried with nanosecond precision
};

class CallerAssertionKey {
 public:
  // A key from its secret (used as is): INVALID_ARGUMENT when shorter than kMinAssertionKeyBytes.
  static absl::StatusOr<CallerAssertionKey> FromSecret(std::string secret);
  // Reads the secret from `path` (at most kMaxAssertionKeyFileBytes; surrounding whitespace,
  // e.g. the final newline, trimmed). The error names the path and what is wrong (missing,
  // unreadable, too large, too short), never the content.
  static absl::StatusOr<CallerAssertionKey> FromFile(const std::string& path);

  // The header value for `claims`.
  std::string Sign(const CallerClaims& claims) const;

  // Checks an assertion for a call of `method` arriving at `now`, in this order: at most
  // kMaxAssertionLength characters, version "v1", exactly two dots, both parts canonical
  // base64url, signature valid (constant-time comparison; nothing of the payload is parsed
  // before), claims parse with a client id, for this method (not checked when `method` is
  // kAnyMethod), issued no earlier than now - max_age and no later than now + max_age (clock
  // skew). Errors are UNAUTHENTICATED with one of the reasons above and a message that never
  // echoes the value: "malformed caller assertion: <what>", "caller assertion signature does not
  // verify", "caller assertion is for another method", "caller assertion has expired", "caller
  // assertion is from the future".
  absl::StatusOr<CallerClaims> Verify(std::string_view assertion, std::string_view method,
                                      absl::Time now, absl::Duration max_age) const;

 private:
  explicit CallerAssertionKey(std::string secret) : secret_(std::move(secret)) {}
  std::string secret_;
};

}  // namespace ndxp::auth
