// An upstream that dies: the caller of a stream it was serving sees UNAVAILABLE within a bound,
// the gateway keeps serving its other routes and the other endpoint, and with every endpoint dead
// calls fail promptly with UNAVAILABLE instead of hanging. Each test has connectors and a gateway
// of its own (they are killed).
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include <gtest/gtest.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "ndxp/business/v1/business.grpc.pb.h"
#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/remote/remote_cluster.h"

namespace ndxp::testing {
namespace {

namespace pop = ::ndxp::population::v1;
namespace biz = ::ndxp::business::v1;
using Clock = std::chrono::steady_clock;

constexpr auto kPrompt = std::chrono::seconds(5);  // "did not hang", generous on a busy machine

class RemoteFailureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int run = 0;
    ++run;
    auto& cluster = RemoteCluster::Get();
    std::vector<std::string> endpoints;
    for (int i = 0; i < 2; ++i) {
      connectors_[i] =
          cluster.StartConnector("failure" + std::to_string(run) + "-" + std::to_string(i), false);
      ASSERT_TRUE(connectors_[i]->process->WaitUntilListening())
          << connectors_[i]->process->Stderr();
      endpoints.push_back(connectors_[i]->process->grpc_target());
    }
    gateway_ = cluster.StartGateway("connectors:\n  - name: business\nupstreams:\n" +
                                    UpstreamYaml(kPopulationService, endpoints));
    ASSERT_TRUE(gateway_->process->WaitUntilListening()) << gateway_->process->Stderr();
    channel_ = ChannelTo(*gateway_->process);
    citizens_ = SampleIds("population", 1);
    enterprises_ = SampleIds("business", 1);
    ASSERT_EQ(citizens_.size(), 1u);
    ASSERT_EQ(enterprises_.size(), 1u);
  }

  void TearDown() override {
    channel_.reset();
    gateway_.reset();  // before its upstreams
    connectors_[0].reset();
    connectors_[1].reset();
  }

  grpc::Status GetCitizen(std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("x-api-key", kTestApiKey);
    ctx.AddMetadata("x-ndxp-purpose", "administrative-procedure");
    ctx.set_deadline(std::chrono::system_clock::now() + deadline);
    pop::GetCitizenRequest request;
    request.set_personal_id(citizens_[0]);
    pop::GetCitizenResponse response;
    return pop::PopulationService::NewStub(channel_)->GetCitizen(&ctx, request, &response);
  }

  grpc::Status GetEnterprise() {  // the in-process route
    auto ctx = AuthedContext();
    ctx->set_deadline(std::chrono::system_clock::now() + kPrompt);
    biz::GetEnterpriseRequest request;
    request.set_enterprise_code(enterprises_[0]);
    biz::GetEnterpriseResponse response;
    return biz::BusinessRegistryService::NewStub(channel_)->GetEnterprise(ctx.get(), request,
                                                                          &response);
  }

  // Index of the connector the gateway has the one open population call on (per its metrics).
  int ServingConnector() {
    std::string text = HttpGet(gateway_->process->http_port(), "/metrics");
    for (int i = 0; i < 2; ++i) {
      if (MetricSum(text, "ndxp_gateway_upstream_in_flight",
                    {"endpoint=\"" + connectors_[i]->process->grpc_target() + "\""}) == 1) {
        return i;
      }
    }
    ADD_FAILURE() << "no endpoint has the call in flight:\n" << text;
    return 0;
  }

  void Kill(int i) {
    connectors_[i]->process->Signal(SIGKILL);
    ASSERT_EQ(connectors_[i]->process->Wait(10), 128 + SIGKILL);
  }

  std::unique_ptr<Started> connectors_[2];
  std::unique_ptr<Started> gateway_;
  std::shared_ptr<grpc::Channel> channel_;
  std::vector<std::string> citizens_;
  std::vector<std::string> enterprises_;
};

TEST_F(RemoteFailureTest, UpstreamKilledMidStreamIsUnavailableAndTheGatewayStaysHealthy) {
  auto ctx = AuthedContext();  // 20 s deadline: UNAVAILABLE must come long before it
  auto stream = pop::PopulationService::NewStub(channel_)->BatchVerifyCitizens(ctx.get());
  pop::BatchVerifyCitizensRequest item;
  item.mutable_verification()->set_personal_id(citizens_[0]);
  pop::BatchVerifyCitizensResponse answer;
  ASSERT_TRUE(stream->Write(item));
  ASSERT_TRUE(stream->Read(&answer));
  const int serving = ServingConnector();

  Kill(serving);
  const auto killed = Clock::now();
  stream->Write(item);  // may or may not be accepted; the stream is over either way
  EXPECT_FALSE(stream->Read(&answer));
  grpc::Status status = stream->Finish();
  const auto took = Clock::now() - killed;
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  // The gateway's own connection failed, not the upstream's answer: a status of the gateway's,
  // naming the service and not the upstream's address.
  EXPECT_EQ(ErrorInfoReason(status), "UPSTREAM_UNAVAILABLE") << status.error_message();
  EXPECT_NE(status.error_message().find(kPopulationService), std::string::npos);
  EXPECT_EQ(status.error_message().find("127.0.0.1"), std::string::npos) << status.error_message();
  EXPECT_LT(took, kPrompt);
  std::printf(
      "stream ended %lld ms after the kill: %d \"%s\"\n",
      static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()),
      status.error_code(), status.error_message().c_str());

  // The gateway still serves: its in-process route at once, the population route on the
  // endpoint that is left.
  grpc::Status in_process = GetEnterprise();
  EXPECT_TRUE(in_process.ok()) << in_process.error_message();
  int failed = 0;
  for (int i = 0; i < 10; ++i) {
    const auto start = Clock::now();
    grpc::Status s = GetCitizen();
    EXPECT_LT(Clock::now() - start, kPrompt);
    if (s.ok()) continue;
    ++failed;
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
    EXPECT_EQ(s.error_message().find("127.0.0.1"), std::string::npos) << s.error_message();
    std::printf("call %d after the kill failed: %d \"%s\"\n", i, s.error_code(),
                s.error_message().c_str());
  }
  // The dead endpoint's connection is found closed at the kill; at most the one call that finds
  // it unreachable may fail (the gateway does not retry yet).
  EXPECT_LE(failed, 1);
}

TEST_F(RemoteFailureTest, EveryEndpointDeadIsUnavailablePromptly) {
  ASSERT_TRUE(GetCitizen().ok());
  Kill(0);
  Kill(1);
  std::printf("after the kills, before any call: ndxp_gateway_upstream_endpoint_up sums to %g\n",
              MetricSum(HttpGet(gateway_->process->http_port(), "/metrics"),
                        "ndxp_gateway_upstream_endpoint_up"));
  // The gateway learns of the closed connections from its event loop; on a loaded machine that
  // can come after the kill returns. Wait (bounded) until it knows, as any later caller would find.
  const auto known_by = Clock::now() + std::chrono::seconds(10);
  while (MetricSum(HttpGet(gateway_->process->http_port(), "/metrics"),
                   "ndxp_gateway_upstream_endpoint_up") > 0 &&
         Clock::now() < known_by) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // poll interval, bounded above
  }
  for (int i = 0; i < 3; ++i) {
    const auto start = Clock::now();
    grpc::Status s = GetCitizen(std::chrono::seconds(15));
    const auto took = Clock::now() - start;
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
    EXPECT_LT(took, kPrompt) << "call " << i << " waited for the dead upstream";
    std::printf(
        "call %d with both endpoints dead: %lld ms, %d \"%s\" reason \"%s\"\n", i,
        static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()),
        s.error_code(), s.error_message().c_str(), ErrorInfoReason(s).c_str());
    // A clear message: which service has no endpoint left (NO_HEALTHY_UPSTREAM, as documented),
    // not gRPC's transport error with the upstream's internal address in it.
    EXPECT_EQ(ErrorInfoReason(s), "NO_HEALTHY_UPSTREAM") << s.error_message();
    EXPECT_NE(s.error_message().find(kPopulationService), std::string::npos) << s.error_message();
    for (const auto& c : connectors_) {
      EXPECT_EQ(s.error_message().find(c->process->grpc_target()), std::string::npos)
          << "the caller is told the upstream's address: " << s.error_message();
    }
  }
  // A stream too.
  auto ctx = AuthedContext();
  const auto start = Clock::now();
  auto stream = pop::PopulationService::NewStub(channel_)->BatchVerifyCitizens(ctx.get());
  pop::BatchVerifyCitizensRequest item;
  item.mutable_verification()->set_personal_id(citizens_[0]);
  stream->Write(item);
  stream->WritesDone();
  pop::BatchVerifyCitizensResponse answer;
  EXPECT_FALSE(stream->Read(&answer));
  grpc::Status s = stream->Finish();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  EXPECT_LT(Clock::now() - start, kPrompt);
  // And the in-process route is untouched.
  grpc::Status in_process = GetEnterprise();
  EXPECT_TRUE(in_process.ok()) << in_process.error_message();
}

}  // namespace
}  // namespace ndxp::testing
