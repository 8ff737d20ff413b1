// Calls to an upstream spread over its endpoints as its `balancing` says, as the gateway's
// metrics (ndxp_gateway_upstream_requests_total{upstream,endpoint}) and the connector's own show.
#include <gtest/gtest.h>

#include "ndxp/business/v1/business.grpc.pb.h"
#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/remote/remote_cluster.h"

namespace ndxp::testing {
namespace {

namespace pop = ::ndxp::population::v1;
namespace biz = ::ndxp::business::v1;

constexpr int kCalls = 20;

class RemoteBalancingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    remote_ = RemoteCluster::Get().remote();
    ASSERT_NE(remote_, nullptr);
    for (int i = 0; i < 2; ++i) {
      Started* c = RemoteCluster::Get().connector(i);
      ASSERT_NE(c, nullptr);
      endpoints_.push_back(c->process->grpc_target());
    }
    connector0_http_ = RemoteCluster::Get().connector(0)->process->http_port();
    channel_ = ChannelTo(*remote_->process);
  }

  std::string GatewayMetrics() {
    std::string text = HttpGet(remote_->process->http_port(), "/metrics");
    EXPECT_FALSE(text.empty()) << "no /metrics from the gateway";
    return text;
  }

  // Calls of `upstream` that ended OK on endpoint `i`, per the gateway's metrics.
  double UpstreamOk(const std::string& text, const std::string& upstream, int i) {
    return MetricSum(
        text, "ndxp_gateway_upstream_requests_total",
        {"upstream=\"" + upstream + "\"", "endpoint=\"" + endpoints_[i] + "\"", "code=\"OK\""});
  }

  double InFlight(const std::string& text, const std::string& upstream, int i) {
    return MetricSum(text, "ndxp_gateway_upstream_in_flight",
                     {"upstream=\"" + upstream + "\"", "endpoint=\"" + endpoints_[i] + "\""});
  }

  void GetCitizens(const std::string& id, int n) {
    auto stub = pop::PopulationService::NewStub(channel_);
    for (int i = 0; i < n; ++i) {
      auto ctx = AuthedContext();
      pop::GetCitizenRequest request;
      request.set_personal_id(id);
      pop::GetCitizenResponse response;
      grpc::Status status = stub->GetCitizen(ctx.get(), request, &response);
      ASSERT_TRUE(status.ok()) << status.error_message();
    }
  }

  Started* remote_ = nullptr;
  std::vector<std::string> endpoints_;
  int connector0_http_ = 0;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(RemoteBalancingTest, CallsSpreadOverBothEndpoints) {
  auto citizens = SampleIds("population", 1);
  auto enterprises = SampleIds("business", 1);
  ASSERT_EQ(citizens.size(), 1u);
  ASSERT_EQ(enterprises.size(), 1u);
  const std::string before = GatewayMetrics();
  const std::string connector_before = HttpGet(connector0_http_, "/metrics");
  GetCitizens(citizens[0], kCalls);
  auto business = biz::BusinessRegistryService::NewStub(channel_);
  for (int i = 0; i < kCalls; ++i) {
    auto ctx = AuthedContext();
    biz::GetEnterpriseRequest request;
    request.set_enterprise_code(enterprises[0]);
    biz::GetEnterpriseResponse response;
    ASSERT_TRUE(business->GetEnterprise(ctx.get(), request, &response).ok());
  }
  const std::string after = GatewayMetrics();

  // least_request with nothing in flight: ties broken at random, so both get some.
  double pop0 = UpstreamOk(after, "population", 0) - UpstreamOk(before, "population", 0);
  double pop1 = UpstreamOk(after, "population", 1) - UpstreamOk(before, "population", 1);
  EXPECT_EQ(pop0 + pop1, kCalls);
  EXPECT_GT(pop0, 0) << after;
  EXPECT_GT(pop1, 0) << after;
  // round_robin, one call at a time: each in turn.
  double biz0 = UpstreamOk(after, "business", 0) - UpstreamOk(before, "business", 0);
  double biz1 = UpstreamOk(after, "business", 1) - UpstreamOk(before, "business", 1);
  EXPECT_EQ(biz0, kCalls / 2) << after;
  EXPECT_EQ(biz1, kCalls / 2) << after;

  // The connector counts the same calls on its side (the last one perhaps not yet: a call is
  // counted when it ends there, which may be just after its answer left).
  const std::string connector_after = HttpGet(connector0_http_, "/metrics");
  const std::vector<std::string> labels = {"method=\"GetCitizen\"", "code=\"OK\""};
  double counted = MetricSum(connector_after, "ndxp_gateway_requests_total", labels) -
                   MetricSum(connector_before, "ndxp_gateway_requests_total", labels);
  EXPECT_LE(counted, pop0) << connector_after;
  EXPECT_GE(counted, pop0 - 1) << connector_after;
}

// With streams held open 2 to 1 over the endpoints, least_request sends every new call to the
// endpoint with fewer calls in flight.
TEST_F(RemoteBalancingTest, LeastRequestPrefersTheLessLoadedEndpoint) {
  auto ids = SampleIds("population", 1);
  ASSERT_EQ(ids.size(), 1u);
  auto stub = pop::PopulationService::NewStub(channel_);
  struct Held {
    std::unique_ptr<grpc::ClientContext> ctx;
    std::unique_ptr<
        grpc::ClientReaderWriter<pop::BatchVerifyCitizensRequest, pop::BatchVerifyCitizensResponse>>
        stream;
  };
  std::vector<Held> held(3);
  for (auto& h : held) {
    h.ctx = AuthedContext();
    h.stream = stub->BatchVerifyCitizens(h.ctx.get());
    pop::BatchVerifyCitizensRequest item;
    item.mutable_verification()->set_personal_id(ids[0]);
    pop::BatchVerifyCitizensResponse answer;
    ASSERT_TRUE(h.stream->Write(item));
    ASSERT_TRUE(h.stream->Read(&answer));  // the stream is open at the connector now
  }
  const std::string before = GatewayMetrics();
  double load0 = InFlight(before, "population", 0);
  double load1 = InFlight(before, "population", 1);
  ASSERT_EQ(load0 + load1, 3) << before;
  const int lighter = load0 < load1 ? 0 : 1;

  GetCitizens(ids[0], 10);
  const std::string after = GatewayMetrics();
  EXPECT_EQ(UpstreamOk(after, "population", lighter) - UpstreamOk(before, "population", lighter),
            10)
      << after;
  EXPECT_EQ(
      UpstreamOk(after, "population", 1 - lighter) - UpstreamOk(before, "population", 1 - lighter),
      0);
  for (auto& h : held) {
    h.stream->WritesDone();
    EXPECT_TRUE(h.stream->Finish().ok());
  }
}

}  // namespace
}  // namespace ndxp::testing
