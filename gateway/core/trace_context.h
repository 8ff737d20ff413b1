#pragma once
// W3C Trace Context (https://www.w3.org/TR/trace-context/): the caller's `traceparent` and
// `tracestate` are taken when valid, or a new trace is started; every call gets a span id of its
// own, which is what upstreams see as their parent and what the access log records.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ndxp::core {

inline constexpr std::string_view kTraceparentHeader = "traceparent";
inline constexpr std::string_view kTracestateHeader = "tracestate";
// tracestate values longer than this are dropped (the spec allows 32 members of up to 256 bytes;
// propagators must pass on at least 512 characters).
inline constexpr std::size_t kMaxTracestateLength = 512;

struct Traceparent {
  std::array<char, 32> trace_id{};   // lowercase hex, not all zero
  std::array<char, 16> parent_id{};  // lowercase hex, not all zero
  std::uint8_t flags = 0;            // bit 0: sampled
};

// Parses a traceparent header value. Version 00 must be exactly 55 characters; a later version
// is read by its first 55 characters when they are followed by '-' or nothing. Uppercase hex,
// all-zero ids and version ff are invalid (nullopt).
std::optional<Traceparent> ParseTraceparent(std::string_view value);

// Whether a tracestate value is passed on: at most kMaxTracestateLength printable ASCII
// characters (0x20..0x7e).
bool IsAcceptableTracestate(std::string_view value);

class TraceContext {
 public:
  // Continues the caller's trace when `traceparent` is valid (keeping an acceptable `tracestate`),
  // else starts a new one (sampled flag clear, no tracestate). Either way a new span id is drawn.
  static TraceContext From(std::optional<std::string_view> traceparent,
                           std::optional<std::string_view> tracestate);

  std::string_view trace_id() const { return {trace_id_.data(), trace_id_.size()}; }
  std::string_view span_id() const { return {span_id_.data(), span_id_.size()}; }
  // The caller's span id, empty when the gateway started the trace.
  std::string_view parent_id() const {
    return continued_ ? std::string_view(parent_id_.data(), parent_id_.size()) : std::string_view();
  }
  bool continued() const { return continued_; }
  bool sampled() const { return (flags_ & 1) != 0; }
  const std::string& tracestate() const { return tracestate_; }
  bool empty() const { return trace_id_[0] == '\0'; }

  // "00-<trace id>-<this call's span id>-<flags>": the traceparent to send upstream.
  std::string OutgoingTraceparent() const;

 private:
  std::array<char, 32> trace_id_{};
  std::array<char, 16> parent_id_{};
  std::array<char, 16> span_id_{};
  std::uint8_t flags_ = 0;
  bool continued_ = false;
  std::string tracestate_;
};

}  // namespace ndxp::core
