// Listener options and limits through the real binary: reflection and health switched off, the
// metadata size limit (below gRPC's own default, so that it is ours that applies), and a deadline
// that is over when the call reaches the gateway.
#include <chrono>
#include <fstream>

#include <gtest/gtest.h>

#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1/reflection.grpc.pb.h"
#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/grpc_fixture.h"
#include "tests/integration/support/file_watch.h"
#include "tests/integration/support/test_config.h"

namespace ndxp::testing {
namespace {

std::shared_ptr<grpc::Channel> ChannelTo(const GatewayProcess& gateway) {
  return grpc::CreateChannel(gateway.grpc_target(), grpc::InsecureChannelCredentials());
}

TEST(GrpcListenerOptionsTest, ReflectionAndHealthCanBeSwitchedOff) {
  std::string access_log;
  std::string config = WriteTestConfig(&access_log, "grpc:\n  reflection: false\n  health: false\n");
  GatewayProcess gateway({.args = {"--config", config}});
  ASSERT_TRUE(gateway.WaitUntilListening()) << gateway.Stderr();

  grpc::ClientContext health_ctx;
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  // Without the named services, the calls reach the generic service: an unknown method, and
  // (without a key) an unauthenticated caller.
  EXPECT_EQ(grpc::health::v1::Health::NewStub(ChannelTo(gateway))
                ->Check(&health_ctx, request, &response)
                .error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  auto ctx = AuthedContext();
  auto reflection = grpc::reflection::v1::ServerReflection::NewStub(ChannelTo(gateway));
  auto stream = reflection->ServerReflectionInfo(ctx.get());
  grpc::reflection::v1::ServerReflectionRequest list;
  list.set_list_services("");
  stream->Write(list);
  stream->WritesDone();
  grpc::reflection::v1::ServerReflectionResponse ignored;
  while (stream->Read(&ignored)) {
  }
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::UNIMPLEMENTED);

  // The API itself still answers.
  auto ids = SampleIds("population", 1);
  auto call = AuthedContext();
  population::v1::GetCitizenRequest get;
  get.set_personal_id(ids[0]);
  population::v1::GetCitizenResponse got;
  EXPECT_TRUE(population::v1::PopulationService::NewStub(ChannelTo(gateway))
                  ->GetCitizen(call.get(), get, &got)
                  .ok());
}

// A gateway whose header limit (4 KiB) is below gRPC's own default (8 KiB), so that a refusal
// shows that our setting applies rather than gRPC's.
class GrpcLimitsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string config = WriteGatewayConfig(
        "limits:\n  max_request_bytes: 65536\n  max_header_bytes: 4096\n", AccessLogTo::kFile,
        &access_log_);
    gateway_ = new GatewayProcess({.args = {"--config", config}});
    listening_ = gateway_->WaitUntilListening();
  }
  static void TearDownTestSuite() {
    delete gateway_;
    gateway_ = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(listening_) << gateway_->Stderr(); }

  grpc::Status GetCitizenWithPadding(std::size_t padding) {
    auto ids = SampleIds("population", 1);
    auto ctx = AuthedContext();
    ctx->AddMetadata("x-padding", std::string(padding, 'p'));
    population::v1::GetCitizenRequest request;
    request.set_personal_id(ids.empty() ? "" : ids[0]);
    population::v1::GetCitizenResponse response;
    return population::v1::PopulationService::NewStub(ChannelTo(*gateway_))
        ->GetCitizen(ctx.get(), request, &response);
  }

  static inline GatewayProcess* gateway_ = nullptr;
  static inline std::string access_log_;
  static inline bool listening_ = false;
};

TEST_F(GrpcLimitsTest, MetadataOverTheHeaderLimitIsRefused) {
  // 6 KiB: over limits.max_header_bytes (4096) but under gRPC's default, so only our setting
  // refuses it (gRPC core answers "received initial metadata size exceeds limit").
  grpc::Status over = GetCitizenWithPadding(6 * 1024);
  EXPECT_EQ(over.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << over.error_message();
  // 2 KiB with the rest of the call's metadata stays under it.
  grpc::Status under = GetCitizenWithPadding(2 * 1024);
  EXPECT_TRUE(under.ok()) << under.error_message();
}

// gRPC's own clients never send a call whose deadline is over (they fail it locally), so curl
// speaks gRPC over HTTP/2 instead: grpc-timeout 0m is a deadline that is over when the gateway
// reads it. The gateway must answer DEADLINE_EXCEEDED and log it under the call's request id;
// gRPC core may instead reset the stream (curl exits 92), which the gateway still logs.
TEST_F(GrpcLimitsTest, AnExpiredDeadlineIsDeadlineExceeded) {
  auto ids = SampleIds("population", 1);
  ASSERT_EQ(ids.size(), 1u);
  population::v1::GetCitizenRequest request;
  request.set_personal_id(ids[0]);
  std::string message = request.SerializeAsString();
  std::string frame(5, '\0');  // uncompressed, then the length in big-endian
  for (int i = 0; i < 4; ++i) frame[1 + i] = static_cast<char>((message.size() >> (24 - 8 * i)) & 0xff);
  frame += message;
  std::string frame_path = access_log_ + ".frame";
  std::ofstream(frame_path, std::ios::binary) << frame;

  std::string out;
  int rc = RunCommand(
      {"/usr/bin/curl", "-s", "--http2-prior-knowledge", "--max-time", "10", "-o", "/dev/null",
       "-D", "-", "-H", "content-type: application/grpc", "-H", "te: trailers", "-H",
       std::string("x-api-key: ") + kTestApiKey, "-H", "x-ndxp-purpose: administrative-procedure", "-H", "x-request-id: it-expired-deadline", "-H",
       "grpc-timeout: 0m", "--data-binary", "@" + frame_path,
       "http://" + gateway_->grpc_target() + "/ndxp.population.v1.PopulationService/GetCitizen"},
      &out);
  ASSERT_TRUE(rc == 0 || rc == 92) << "curl exited " << rc << ": " << out;
  if (rc == 0) {
    EXPECT_NE(out.find("grpc-status: 4"), std::string::npos) << out;
  }

  std::string line =
      WaitForLineWith(access_log_, {"\"request_id\":\"it-expired-deadline\""}, std::chrono::seconds(5));
  ASSERT_FALSE(line.empty()) << "the call never reached the gateway";
  EXPECT_NE(line.find("\"status\":\"DEADLINE_EXCEEDED\""), std::string::npos) << line;
}

}  // namespace
}  // namespace ndxp::testing
