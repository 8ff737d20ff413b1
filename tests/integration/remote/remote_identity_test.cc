// Who called, as the remote connector sees it: the gateway's signed caller assertion names the
// client, the request id and the trace travel with the call, the caller's API key does not, and a
// call that bypasses the gateway is refused.
#include <random>

#include <gtest/gtest.h>

#include "example/v1/lookup.grpc.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/remote/remote_cluster.h"

namespace ndxp::testing {
namespace {

namespace pop = ::ndxp::population::v1;

constexpr const char* kClientId = "VN:PROV:79:ONESTOP";
constexpr const char* kTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

// Letters only: the gateway replaces a caller's request id that holds 9 digits in a row (it
// could be a personal id), see gateway/server/request_id.h.
std::string UniqueRequestId(const char* what) {
  static std::mt19937_64 random(std::random_device{}());
  std::string id = std::string("it-remote-") + what + "-";
  for (int i = 0; i < 12; ++i) id.push_back(static_cast<char>('a' + random() % 26));
  return id;
}

class RemoteIdentityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    remote_ = RemoteCluster::Get().remote();
    ASSERT_NE(remote_, nullptr);
    connectors_ = {RemoteCluster::Get().connector(0), RemoteCluster::Get().connector(1)};
    ASSERT_NE(connectors_[0], nullptr);
    ASSERT_NE(connectors_[1], nullptr);
    ids_ = SampleIds("population", 1);
    ASSERT_EQ(ids_.size(), 1u);
  }

  grpc::Status GetCitizen(const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& ctx) {
    pop::GetCitizenRequest request;
    request.set_personal_id(ids_[0]);
    pop::GetCitizenResponse response;
    return pop::PopulationService::NewStub(channel)->GetCitizen(&ctx, request, &response);
  }

  // The access log line of `request_id` in the gateway's log and in whichever connector served it.
  void Lines(const std::string& request_id, std::string& gateway, std::string& connector) {
    gateway = WaitForLine({remote_->access_log}, request_id);
    connector = WaitForLine({connectors_[0]->access_log, connectors_[1]->access_log}, request_id);
  }

  Started* remote_ = nullptr;
  std::vector<Started*> connectors_;
  std::vector<std::string> ids_;
};

TEST_F(RemoteIdentityTest, ConnectorLogsTheGatewaysClientRequestIdAndTrace) {
  // No traceparent from the caller: the trace the gateway starts must reach the connector.
  const std::string request_id = UniqueRequestId("identity");
  auto ctx = AuthedContext();
  ctx->AddMetadata("x-request-id", request_id);
  grpc::Status status = GetCitizen(ChannelTo(*remote_->process), *ctx);
  ASSERT_TRUE(status.ok()) << status.error_message();

  std::string gateway_line, connector_line;
  Lines(request_id, gateway_line, connector_line);
  ASSERT_FALSE(gateway_line.empty()) << "no gateway access log line for " << request_id;
  ASSERT_FALSE(connector_line.empty()) << "no connector access log line for " << request_id;
  EXPECT_EQ(JsonField(gateway_line, "client"), kClientId);
  EXPECT_EQ(JsonField(gateway_line, "credential"), "api_key");
  EXPECT_EQ(JsonField(connector_line, "client"), kClientId) << connector_line;
  EXPECT_EQ(JsonField(connector_line, "credential"), "gateway_assertion") << connector_line;
  EXPECT_EQ(JsonField(connector_line, "request_id"), request_id);
  EXPECT_EQ(JsonField(connector_line, "method"), JsonField(gateway_line, "method"));
  EXPECT_EQ(JsonField(connector_line, "status"), "OK");
  const std::string trace = JsonField(gateway_line, "trace_id");
  EXPECT_EQ(trace.size(), 32u) << gateway_line;
  EXPECT_EQ(JsonField(connector_line, "trace_id"), trace) << gateway_line << "\n" << connector_line;
  EXPECT_EQ(connector_line.find(ids_[0]), std::string::npos) << "a personal id in the log";
}

TEST_F(RemoteIdentityTest, CallersTraceparentReachesTheConnector) {
  const std::string request_id = UniqueRequestId("trace");
  auto ctx = AuthedContext();
  ctx->AddMetadata("x-request-id", request_id);
  ctx->AddMetadata("traceparent", std::string("00-") + kTraceId + "-00f067aa0ba902b7-01");
  ASSERT_TRUE(GetCitizen(ChannelTo(*remote_->process), *ctx).ok());
  std::string gateway_line, connector_line;
  Lines(request_id, gateway_line, connector_line);
  EXPECT_EQ(JsonField(gateway_line, "trace_id"), kTraceId) << gateway_line;
  EXPECT_EQ(JsonField(connector_line, "trace_id"), kTraceId) << connector_line;
  // The connector's span is its own, not the caller's parent span.
  EXPECT_NE(JsonField(connector_line, "span_id"), "00f067aa0ba902b7");
}

TEST_F(RemoteIdentityTest, DirectCallWithoutAssertionIsUnauthenticated) {
  for (Started* connector : connectors_) {
    // Even with the caller's valid API key: the connector trusts its gateway's assertion only.
    auto ctx = AuthedContext();
    grpc::Status status = GetCitizen(ChannelTo(*connector->process), *ctx);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
    EXPECT_EQ(ErrorInfoReason(status), "CALLER_ASSERTION_MISSING");
  }
}

TEST_F(RemoteIdentityTest, ForgedAssertionIsUnauthenticated) {
  // Well-formed base64url parts, but no valid signature under the shared key.
  auto ctx = AuthedContext(nullptr);
  ctx->AddMetadata("x-ndxp-caller-assertion", "v1.CgRmYWtl.c2lnbmF0dXJlLW5vdC12YWxpZA");
  grpc::Status status = GetCitizen(ChannelTo(*connectors_[0]->process), *ctx);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
  EXPECT_NE(ErrorInfoReason(status), "");
}

// The example server echoes what it received: the assertion and the request id and trace, never
// the caller's x-api-key.
TEST_F(RemoteIdentityTest, ApiKeyNeverReachesTheUpstream) {
  const std::string request_id = UniqueRequestId("echo");
  auto ctx = AuthedContext();
  ctx->AddMetadata("x-request-id", request_id);
  ctx->AddMetadata("traceparent", std::string("00-") + kTraceId + "-00f067aa0ba902b7-01");
  ::example::v1::LookupRequest request;
  request.set_key("a");
  ::example::v1::LookupResponse response;
  grpc::Status status = ::example::v1::LookupService::NewStub(ChannelTo(*remote_->process))
                            ->Lookup(ctx.get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.value(), "value-of-a");
  EXPECT_FALSE(response.received().has_api_key()) << "the caller's x-api-key reached the upstream";
  EXPECT_TRUE(response.received().has_caller_assertion());
  EXPECT_EQ(response.received().request_id(), request_id);
  const std::string& traceparent = response.received().traceparent();
  EXPECT_EQ(traceparent.substr(0, 36), std::string("00-") + kTraceId + "-") << traceparent;
}

}  // namespace
}  // namespace ndxp::testing
