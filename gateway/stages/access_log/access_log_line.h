#pragma once
// The access log's line: one JSON object per call, without a personal identifier (the method is
// the route's full name, never a REST path; request fields are never logged). Pure functions,
// unit-tested without a writer.
//
// Members, in this order: time (RFC 3339 UTC, microseconds), request_id, trace_id and span_id
// (each left out when empty), protocol, client, credential (left out when empty), method,
// connector (left out when empty), status, http_status (left out when 0), duration_seconds,
// bytes_in, bytes_out.
//
// Strings are escaped so that the line is always one valid JSON object in valid UTF-8, whatever
// the values hold: '"' and '\' are backslash-escaped, control characters (U+0000..U+001F and
// DEL) become \u00XX, and every byte that is not part of a well-formed UTF-8 sequence (a stray
// continuation byte, a truncated sequence, an overlong form, a surrogate, a code point above
// U+10FFFF, 0xC0/0xC1/0xF5..0xFF) becomes one \ufffd (U+FFFD REPLACEMENT CHARACTER), scanning on
// at the next byte. Well-formed non-ASCII text (Vietnamese names) is kept as it is.

#include <cstdint>
#include <string>
#include <string_view>

#include <absl/time/time.h>

namespace ndxp::stages {

struct AccessLogEntry {
  // When the call ended. Times before year 0000 or after 9999 (InfinitePast/Future) are clamped to
  // the first/last microsecond RFC 3339 can write.
  absl::Time time = absl::UnixEpoch();
  std::string_view request_id;
  std::string_view trace_id;    // W3C trace id (32 hex), "" when there is none
  std::string_view span_id;     // this call's span id (16 hex), "" when there is none
  std::string_view protocol;    // "grpc", "connect", "rest"
  std::string_view client;      // client id, or "" when unidentified
  std::string_view credential;  // how the client proved it ("api_key", ...), "" when unidentified
  std::string_view method;      // "/pkg.Service/Method" or "unknown"
  std::string_view connector;   // the route's connector, "" when the call reached none
  std::string_view status;      // canonical code name, e.g. "OK", "NOT_FOUND"
  int http_status = 0;          // 0 on the gRPC listener
  double duration_seconds = 0;  // written with 6 decimals; negative or not finite is written as 0
  std::uint64_t bytes_in = 0;
  std::uint64_t bytes_out = 0;
};

// The JSON line for an entry, without a trailing newline.
std::string FormatAccessLogLine(const AccessLogEntry& entry);

// The same, appended to `out` (the writer formats into a reused buffer: no allocation per call).
void AppendAccessLogLine(std::string& out, const AccessLogEntry& entry);

// `value` as a JSON string literal (quotes included), escaped as described above.
void AppendJsonString(std::string& out, std::string_view value);

// `time` as RFC 3339 UTC with microseconds, e.g. "2023-11-14T22:13:20.000000Z".
void AppendRfc3339Micros(std::string& out, absl::Time time);

}  // namespace ndxp::stages
