#include "gateway/core/trace_context.h"

#include <absl/random/random.h>

namespace ndxp::core {
namespace {

constexpr char kHex[] = "0123456789abcdef";

bool IsLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

int HexValue(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

// Copies `n` lowercase hex characters of `s` into `out`; false when one is not lowercase hex or
// all are '0'.
template <std::size_t N>
bool ReadHexId(std::string_view s, std::array<char, N>& out) {
  bool nonzero = false;
  for (std::size_t i = 0; i < N; ++i) {
    if (!IsLowerHex(s[i])) return false;
    nonzero |= s[i] != '0';
    out[i] = s[i];
  }
  return nonzero;
}

template <std::size_t N>
void RandomHexId(std::array<char, N>& out) {
  thread_local absl::BitGen gen;
  for (;;) {
    bool nonzero = false;
    for (std::size_t i = 0; i < N; i += 16) {
      std::uint64_t bits = absl::Uniform<std::uint64_t>(gen);
      for (std::size_t j = i; j < i + 16 && j < N; ++j) {
        out[j] = kHex[bits & 0xf];
        nonzero |= (bits & 0xf) != 0;
        bits >>= 4;
      }
    }
    if (nonzero) return;
  }
}

}  // namespace

std::optional<Traceparent> ParseTraceparent(std::string_view v) {
  constexpr std::size_t kLength = 55;  // 2 + 1 + 32 + 1 + 16 + 1 + 2
  if (v.size() < kLength) return std::nullopt;
  if (!IsLowerHex(v[0]) || !IsLowerHex(v[1])) return std::nullopt;
  int version = HexValue(v[0]) * 16 + HexValue(v[1]);
  if (version == 0xff) return std::nullopt;
  if (version == 0 && v.size() != kLength) return std::nullopt;
  if (v.size() > kLength && v[kLength] != '-') return std::nullopt;
  if (v[2] != '-' || v[35] != '-' || v[52] != '-') return std::nullopt;
  Traceparent out;
  if (!ReadHexId(v.substr(3, 32), out.trace_id)) return std::nullopt;
  if (!ReadHexId(v.substr(36, 16), out.parent_id)) return std::nullopt;
  if (!IsLowerHex(v[53]) || !IsLowerHex(v[54])) return std::nullopt;
  out.flags = static_cast<std::uint8_t>(HexValue(v[53]) * 16 + HexValue(v[54]));
  return out;
}

bool IsAcceptableTracestate(std::string_view value) {
  if (value.size() > kMaxTracestateLength) return false;
  for (char c : value) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

TraceContext TraceContext::From(std::optional<std::string_view> traceparent,
                                std::optional<std::string_view> tracestate) {
  TraceContext out;
  std::optional<Traceparent> parsed =
      traceparent ? ParseTraceparent(*traceparent) : std::optional<Traceparent>();
  if (parsed) {
    out.trace_id_ = parsed->trace_id;
    out.parent_id_ = parsed->parent_id;
    // Only the sampled flag is defined; other bits of a later version are not passed on.
    out.flags_ = parsed->flags & 1;
    out.continued_ = true;
    if (tracestate && !tracestate->empty() && IsAcceptableTracestate(*tracestate)) {
      out.tracestate_ = std::string(*tracestate);
    }
  } else {
    RandomHexId(out.trace_id_);
  }
  RandomHexId(out.span_id_);
  return out;
}

std::string TraceContext::OutgoingTraceparent() const {
  std::string out = "00-";
  out.append(trace_id_.data(), trace_id_.size());
  out.push_back('-');
  out.append(span_id_.data(), span_id_.size());
  out.push_back('-');
  out.push_back(kHex[flags_ >> 4]);
  out.push_back(kHex[flags_ & 0xf]);
  return out;
}

}  // namespace ndxp::core
