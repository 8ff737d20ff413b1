// W3C trace context headers on arbitrary values (the input is traceparent and tracestate separated
// by a newline): an accepted traceparent has lowercase, non-zero hex ids, a continued trace keeps
// them, and what the gateway sends upstream is itself an accepted traceparent of the same trace.
#include <algorithm>
#include <cstdint>
#include <string>

#include "gateway/core/trace_context.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

bool LowerHexNotZero(std::string_view s) {
  bool nonzero = false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    nonzero |= c != '0';
  }
  return nonzero;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ndxp::core;
  const std::string_view input = ndxp::fuzz::AsText(data, size);
  const std::size_t newline = input.find('\n');
  const std::string_view traceparent = input.substr(0, newline);
  const std::optional<std::string_view> tracestate =
      newline == std::string_view::npos
          ? std::nullopt
          : std::optional<std::string_view>(input.substr(newline + 1));

  const std::optional<Traceparent> parsed = ParseTraceparent(traceparent);
  if (parsed) {
    NDXP_FUZZ_CHECK(traceparent.size() >= 55);
    NDXP_FUZZ_CHECK(LowerHexNotZero({parsed->trace_id.data(), parsed->trace_id.size()}));
    NDXP_FUZZ_CHECK(LowerHexNotZero({parsed->parent_id.data(), parsed->parent_id.size()}));
  }
  if (tracestate && IsAcceptableTracestate(*tracestate)) {
    NDXP_FUZZ_CHECK(tracestate->size() <= kMaxTracestateLength);
    NDXP_FUZZ_CHECK(std::all_of(tracestate->begin(), tracestate->end(),
                                [](char c) { return c >= 0x20 && c <= 0x7e; }));
  }

  const TraceContext context = TraceContext::From(traceparent, tracestate);
  NDXP_FUZZ_CHECK(context.continued() == parsed.has_value());
  NDXP_FUZZ_CHECK(!context.empty());
  if (parsed) {
    NDXP_FUZZ_CHECK(context.trace_id() ==
                    std::string_view(parsed->trace_id.data(), parsed->trace_id.size()));
    NDXP_FUZZ_CHECK(context.parent_id() ==
                    std::string_view(parsed->parent_id.data(), parsed->parent_id.size()));
    NDXP_FUZZ_CHECK(context.sampled() == ((parsed->flags & 1) != 0));
  } else {
    NDXP_FUZZ_CHECK(context.tracestate().empty());
  }
  NDXP_FUZZ_CHECK(context.tracestate().size() <= kMaxTracestateLength);
  const std::string outgoing = context.OutgoingTraceparent();
  const std::optional<Traceparent> sent = ParseTraceparent(outgoing);
  NDXP_FUZZ_CHECK(outgoing.size() == 55 && sent.has_value());
  NDXP_FUZZ_CHECK(std::string_view(sent->trace_id.data(), 32) == context.trace_id());
  NDXP_FUZZ_CHECK(std::string_view(sent->parent_id.data(), 16) == context.span_id());
  return 0;
}
