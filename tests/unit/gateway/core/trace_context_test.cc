// W3C Trace Context: which traceparent values are continued, which tracestate values are passed
// on, what goes upstream, and what a new trace looks like.
#include "gateway/core/trace_context.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace ndxp::core {
namespace {

constexpr std::string_view kTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
constexpr std::string_view kParentId = "00f067aa0ba902b7";
const std::string kValid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

bool IsLowerHexNonZero(std::string_view s, std::size_t size) {
  if (s.size() != size) return false;
  bool nonzero = false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    nonzero |= c != '0';
  }
  return nonzero;
}

std::string View(const std::array<char, 32>& a) { return std::string(a.data(), a.size()); }
std::string View(const std::array<char, 16>& a) { return std::string(a.data(), a.size()); }

TEST(TraceparentTest, ValidVersion00IsParsed) {
  auto parsed = ParseTraceparent(kValid);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(View(parsed->trace_id), kTraceId);
  EXPECT_EQ(View(parsed->parent_id), kParentId);
  EXPECT_EQ(parsed->flags, 1);
  auto unsampled = ParseTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
  ASSERT_TRUE(unsampled.has_value());
  EXPECT_EQ(unsampled->flags, 0);
  auto all_flags = ParseTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-ff");
  ASSERT_TRUE(all_flags.has_value());
  EXPECT_EQ(all_flags->flags, 0xff);
}

TEST(TraceparentTest, EveryInvalidShapeIsRefused) {
  const std::string cases[] = {
      "",
      "00",
      // uppercase hex, in each part
      "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A",
      "0A-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      // all-zero ids
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
      // version ff is forbidden, whatever follows
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
      // version 00 is exactly 55 characters
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
      "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01",
      " 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 ",
      // bad separators
      "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7_01",
      "004bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",
      // not hex
      "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902bz-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0x",
      "0x-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e47-6-00f067aa0ba902b7-01",
      // a later version: more must start with '-'
      "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",
      "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01.what",
  };
  for (const std::string& value : cases) {
    EXPECT_FALSE(ParseTraceparent(value).has_value()) << "'" << value << "'";
    TraceContext trace = TraceContext::From(value, "congo=t61rcWkgMzE");
    EXPECT_FALSE(trace.continued()) << value;
    EXPECT_EQ(trace.tracestate(), "") << value;  // no tracestate without a valid traceparent
  }
}

TEST(TraceparentTest, LaterVersionsAreReadByTheirFirst55Characters) {
  for (std::string value :
       {"01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",
        "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future"
        "-will-be-like",
        "fe-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03-x"}) {
    auto parsed = ParseTraceparent(value);
    ASSERT_TRUE(parsed.has_value()) << value;
    EXPECT_EQ(View(parsed->trace_id), kTraceId);
    EXPECT_EQ(View(parsed->parent_id), kParentId);
    EXPECT_EQ(parsed->flags & 1, 1);
  }
}

TEST(TraceContextTest, AValidTraceparentIsContinuedWithANewSpan) {
  TraceContext trace = TraceContext::From(kValid, std::nullopt);
  EXPECT_TRUE(trace.continued());
  EXPECT_FALSE(trace.empty());
  EXPECT_EQ(trace.trace_id(), kTraceId);
  EXPECT_EQ(trace.parent_id(), kParentId);
  EXPECT_TRUE(trace.sampled());
  EXPECT_TRUE(IsLowerHexNonZero(trace.span_id(), 16)) << trace.span_id();
  EXPECT_NE(trace.span_id(), kParentId);
  EXPECT_EQ(trace.OutgoingTraceparent(),
            "00-" + std::string(kTraceId) + "-" + std::string(trace.span_id()) + "-01");
  // Two calls in the same trace get different spans.
  EXPECT_NE(TraceContext::From(kValid, std::nullopt).span_id(), trace.span_id());

  TraceContext unsampled =
      TraceContext::From("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", std::nullopt);
  EXPECT_FALSE(unsampled.sampled());
  EXPECT_TRUE(unsampled.OutgoingTraceparent().ends_with("-00"));
}

TEST(TraceContextTest, OnlyTheSampledFlagIsPassedOn) {
  TraceContext trace =
      TraceContext::From("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-ff", std::nullopt);
  EXPECT_TRUE(trace.sampled());
  EXPECT_TRUE(trace.OutgoingTraceparent().ends_with("-01")) << trace.OutgoingTraceparent();
  TraceContext later =
      TraceContext::From("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-02-x", std::nullopt);
  EXPECT_TRUE(later.continued());
  EXPECT_FALSE(later.sampled());
  // Upstream always gets version 00, 55 characters.
  EXPECT_TRUE(later.OutgoingTraceparent().starts_with("00-"));
  EXPECT_EQ(later.OutgoingTraceparent().size(), 55u);
  EXPECT_TRUE(later.OutgoingTraceparent().ends_with("-00"));
}

TEST(TraceContextTest, TracestateIsKeptOnlyWhenAcceptable) {
  EXPECT_EQ(TraceContext::From(kValid, "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7").tracestate(),
            "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
  EXPECT_EQ(TraceContext::From(kValid, std::nullopt).tracestate(), "");
  EXPECT_EQ(TraceContext::From(kValid, "").tracestate(), "");
  const std::string longest(kMaxTracestateLength, 'a');
  EXPECT_EQ(TraceContext::From(kValid, longest).tracestate(), longest);
  EXPECT_EQ(TraceContext::From(kValid, longest + "a").tracestate(), "");
  for (std::string bad :
       {std::string("a=b\nc=d"), std::string("a=b\r"), std::string("a=\x7f"), std::string("a=\x01"),
        std::string("a=Nguy\xe1\xbb\x85n"), std::string("a=b\0c", 5)}) {
    EXPECT_FALSE(IsAcceptableTracestate(bad)) << testing::PrintToString(bad);
    EXPECT_EQ(TraceContext::From(kValid, bad).tracestate(), "");
    // A bad tracestate does not spoil a good traceparent.
    EXPECT_TRUE(TraceContext::From(kValid, bad).continued());
  }
  EXPECT_TRUE(IsAcceptableTracestate(" ~printable ascii! "));
  // Without a traceparent, or with an invalid one, tracestate is dropped.
  EXPECT_EQ(TraceContext::From(std::nullopt, "congo=t61rcWkgMzE").tracestate(), "");
  EXPECT_EQ(TraceContext::From("garbage", "congo=t61rcWkgMzE").tracestate(), "");
}

TEST(TraceContextTest, NewTracesHaveRandomNonZeroIdsThatDiffer) {
  EXPECT_TRUE(TraceContext().empty());
  std::set<std::string> trace_ids, span_ids;
  for (int i = 0; i < 1000; ++i) {
    TraceContext trace = TraceContext::From(std::nullopt, std::nullopt);
    ASSERT_FALSE(trace.empty());
    EXPECT_FALSE(trace.continued());
    EXPECT_FALSE(trace.sampled());
    EXPECT_EQ(trace.parent_id(), "");
    EXPECT_EQ(trace.tracestate(), "");
    ASSERT_TRUE(IsLowerHexNonZero(trace.trace_id(), 32)) << trace.trace_id();
    ASSERT_TRUE(IsLowerHexNonZero(trace.span_id(), 16)) << trace.span_id();
    trace_ids.insert(std::string(trace.trace_id()));
    span_ids.insert(std::string(trace.span_id()));
    // What goes upstream is itself a valid traceparent naming this call's span as the parent.
    std::string outgoing = trace.OutgoingTraceparent();
    auto parsed = ParseTraceparent(outgoing);
    ASSERT_TRUE(parsed.has_value()) << outgoing;
    EXPECT_EQ(View(parsed->trace_id), trace.trace_id());
    EXPECT_EQ(View(parsed->parent_id), trace.span_id());
    EXPECT_EQ(outgoing.substr(53), "00");
  }
  EXPECT_EQ(trace_ids.size(), 1000u);
  EXPECT_EQ(span_ids.size(), 1000u);
  // The two halves of a trace id are drawn separately (not one 64-bit value repeated).
  TraceContext trace = TraceContext::From(std::nullopt, std::nullopt);
  EXPECT_NE(trace.trace_id().substr(0, 16), trace.trace_id().substr(16));
  // An invalid traceparent starts a new trace too.
  TraceContext fresh = TraceContext::From("00-bad", std::nullopt);
  EXPECT_FALSE(fresh.continued());
  EXPECT_TRUE(IsLowerHexNonZero(fresh.trace_id(), 32));
}

TEST(TraceContextTest, EveryValidTraceparentRoundTripsThroughOutgoing) {
  TraceContext trace = TraceContext::From(kValid, std::nullopt);
  TraceContext downstream = TraceContext::From(trace.OutgoingTraceparent(), std::nullopt);
  EXPECT_TRUE(downstream.continued());
  EXPECT_EQ(downstream.trace_id(), trace.trace_id());
  EXPECT_EQ(downstream.parent_id(), trace.span_id());
  EXPECT_EQ(downstream.sampled(), trace.sampled());
}

}  // namespace
}  // namespace ndxp::core
