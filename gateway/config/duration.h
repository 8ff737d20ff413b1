#pragma once
// Durations in configuration files: a decimal number and a unit, optionally repeated, as Go's
// time.ParseDuration and Envoy's YAML take them: "250ms", "30s", "5m", "1h", "1m30s", "1.5s".
// Units: ns, us (or µs), ms, s, m, h. Negative values, bare numbers and anything else are errors.

#include <string>
#include <string_view>

#include <absl/status/statusor.h>
#include <google/protobuf/duration.pb.h>

namespace ndxp::config {

// The largest duration google.protobuf.Duration holds: 10,000 years in seconds.
inline constexpr long long kMaxDurationSeconds = 315'576'000'000LL;

// Parses `text`. On error the status message states the problem without a key path, e.g.
// `expected a duration such as "250ms", "30s", "5m" or "1h", got "30"`.
absl::StatusOr<google::protobuf::Duration> ParseDuration(std::string_view text);

// The shortest single-unit spelling that ParseDuration reads back exactly: "1h", "5m", "30s",
// "250ms", "1500us", "0s". Negative durations print as "-" followed by the magnitude.
std::string FormatDuration(const google::protobuf::Duration& duration);

// Whether the duration is well formed (seconds and nanos in range and of one sign) and > 0.
bool IsPositive(const google::protobuf::Duration& duration);

// Total nanoseconds as a 128-bit integer, for comparisons without overflow.
__int128 ToNanos(const google::protobuf::Duration& duration);

}  // namespace ndxp::config
