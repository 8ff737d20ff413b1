#include "gateway/stages/metrics/metrics_stage.h"

#include <gtest/gtest.h>

#include "gateway/stages/routing/no_route_stage.h"
#include "gateway/stages/trace/trace_context_stage.h"
#include "stage_test_support.h"

namespace ndxp::stages {
namespace {

bool Has(const std::string& text, const std::string& line) {
  return text.find(line) != std::string::npos;
}

TEST(MetricsStageTest, CountsEveryCallByRouteClientAndCodeAndTracksInFlight) {
  metrics::Registry registry;
  MetricsStageFactory factory(registry, 2);
  core::Route route;
  route.service_name = "svc.v1.S";
  route.method_name = "Get";
  core::Stage* stage = factory.ForRoute(&route);
  core::Client client{.id = "VN:PROV:79:ONESTOP", .index = 1};
  {
    testing::TestCall call({stage});
    call.call.context().protocol = core::Protocol::kConnect;
    call.call.Start();
    EXPECT_TRUE(Has(registry.Render(), "ndxp_gateway_in_flight_requests{protocol=\"connect\"} 1"));
    call.call.context().client = &client;
    call.call.context().bytes_in = 10;
    call.call.End(absl::StatusCode::kNotFound);
  }
  std::string text = registry.Render();
  EXPECT_TRUE(Has(text, "ndxp_gateway_in_flight_requests{protocol=\"connect\"} 0")) << text;
  EXPECT_TRUE(Has(text, "ndxp_gateway_requests_total{protocol=\"connect\",client=\"VN:PROV:79:"
                        "ONESTOP\",service=\"svc.v1.S\",method=\"Get\",code=\"NOT_FOUND\"} 1"))
      << text;
  EXPECT_TRUE(Has(text, "ndxp_gateway_request_bytes_total{protocol=\"connect\",service=\"svc.v1.S\","
                        "method=\"Get\"} 10"))
      << text;
}

TEST(MetricsStageTest, ARefusedCallIsCountedAndLeavesNothingInFlight) {
  metrics::Registry registry;
  MetricsStageFactory factory(registry, 0);
  NoRouteStage refuse;
  testing::TestCall call({factory.ForRoute(nullptr), &refuse});
  call.call.Start();
  ASSERT_TRUE(call.observer.refused.has_value());
  call.call.End(call.observer.refused->code());
  std::string text = registry.Render();
  EXPECT_TRUE(Has(text, "ndxp_gateway_in_flight_requests{protocol=\"grpc\"} 0")) << text;
  EXPECT_TRUE(Has(text, "service=\"unknown\",method=\"unknown\",code=\"UNIMPLEMENTED\"} 1")) << text;
}

TEST(MetricsStageTest, ACallRefusedBeforeItsChainIsCountedWithoutInFlight) {
  metrics::Registry registry;
  MetricsStageFactory factory(registry, 0);
  testing::TestCall call({factory.ForRoute(nullptr)});
  call.call.End(absl::StatusCode::kInvalidArgument);  // e.g. a 415 before the chain ran
  std::string text = registry.Render();
  EXPECT_TRUE(Has(text, "ndxp_gateway_in_flight_requests{protocol=\"grpc\"} 0")) << text;
  EXPECT_TRUE(Has(text, "code=\"INVALID_ARGUMENT\"} 1")) << text;
}

TEST(MetricsStageTest, ClientsBeyondTheCachedSlotsAreStillCounted) {
  metrics::Registry registry;
  MetricsStageFactory factory(registry, 1);
  core::Route route;
  route.service_name = "s";
  route.method_name = "m";
  core::Stage* stage = factory.ForRoute(&route);
  core::Client late{.id = "late", .index = 5};
  for (int i = 0; i < 2; ++i) {
    testing::TestCall call({stage});
    call.call.context().client = &late;
    call.call.End(absl::StatusCode::kOk);
  }
  EXPECT_TRUE(Has(registry.Render(), "client=\"late\",service=\"s\",method=\"m\",code=\"OK\"} 2"));
}

TEST(TraceContextStageTest, ContinuesTheCallersTraceOrStartsOne) {
  TraceContextStage stage;
  testing::TestCall given({&stage});
  given.headers.values.emplace("traceparent",
                               "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
  given.headers.values.emplace("tracestate", "congo=t61rcWkgMzE");
  given.call.Start();
  const core::TraceContext& trace = given.call.context().trace;
  EXPECT_EQ(trace.trace_id(), "0af7651916cd43dd8448eb211c80319c");
  EXPECT_EQ(trace.parent_id(), "b7ad6b7169203331");
  EXPECT_NE(trace.span_id(), "b7ad6b7169203331");
  EXPECT_EQ(trace.tracestate(), "congo=t61rcWkgMzE");
  testing::TestCall fresh({&stage});
  fresh.call.Start();
  EXPECT_EQ(fresh.call.context().trace.trace_id().size(), 32u);
  EXPECT_FALSE(fresh.call.context().trace.continued());
}

}  // namespace
}  // namespace ndxp::stages
