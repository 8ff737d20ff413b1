#pragma once
// Request ids: taken from the caller's x-request-id when it is a safe token, else generated.
//
// A caller's id is acceptable when it is 1..128 characters of [A-Za-z0-9._:-] and its digits
// could not spell a personal id (12 digits) or an old identity-card number (9 digits), so that
// neither reaches the access log as someone's correlation id:
// - digits are counted over each stretch of digits and separators (. _ : -), so
//   "079-203-001-234" and "corr.123.456.789" are refused as "079203001234" and "123456789" are;
//   a stretch with 9 or more digits refuses the id (8 are fine: "2026-11-23" or "0792-0300");
// - a letter ends a stretch: "079a203b001c234" is accepted. Counting across letters too would
//   refuse nearly every UUID (99.999% of random UUIDv4 hold 9 or more digits); interleaving
//   letters is deliberate disguise, which no filter of this kind stops, whereas the filter is
//   there for the accident of a citizen's id used as a correlation id;
// - in a canonical UUID (8-4-4-4-12 hexadecimal digits) the hyphens are the UUID's own structure
//   and do not join digits: only 9 digits in a row refuse it. Proxies in front of the gateway
//   (Envoy and others) send UUIDv4 request ids; joining across their hyphens would replace 15% of
//   them (3% this way).
// An id that is not acceptable is replaced, never logged.

#include <cstddef>
#include <string>
#include <string_view>

namespace ndxp::server {

inline constexpr std::string_view kRequestIdHeader = "x-request-id";
// Longest caller id kept.
inline constexpr std::size_t kMaxRequestIdLength = 128;

// Whether the caller's `id` is kept (see above).
bool IsAcceptableRequestId(std::string_view id);

// A new id: 32 letters a-p (128 random bits; never a digit) from a per-thread absl::BitGen, which
// is seeded from the operating system's entropy source.
std::string GenerateRequestId();

// The caller's id when acceptable, else a new one.
std::string RequestIdFor(std::string_view from_caller);

}  // namespace ndxp::server
