// Listener options and limits through the real binary: reflection and health switched off, the
// metadata size limit, and deadlines.
#include <gtest/gtest.h>

#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1/reflection.grpc.pb.h"
#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/grpc_fixture.h"

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

class GrpcLimitsTest : public GatewayTest {};

TEST_F(GrpcLimitsTest, MetadataOverTheHeaderLimitIsRefused) {
  auto ids = SampleIds("population", 1);
  auto ctx = AuthedContext();
  ctx->AddMetadata("x-padding", std::string(20000, 'p'));  // limits.max_header_bytes: 16384
  population::v1::GetCitizenRequest request;
  request.set_personal_id(ids[0]);
  population::v1::GetCitizenResponse response;
  grpc::Status status =
      population::v1::PopulationService::NewStub(Channel())->GetCitizen(ctx.get(), request, &response);
  // gRPC core refuses the call itself ("received initial metadata size exceeds limit").
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
}

TEST_F(GrpcLimitsTest, AnExpiredDeadlineIsDeadlineExceeded) {
  auto ids = SampleIds("population", 1);
  auto ctx = AuthedContext();
  ctx->set_deadline(std::chrono::system_clock::now() - std::chrono::seconds(1));
  population::v1::GetCitizenRequest request;
  request.set_personal_id(ids[0]);
  population::v1::GetCitizenResponse response;
  EXPECT_EQ(population::v1::PopulationService::NewStub(Channel())
                ->GetCitizen(ctx.get(), request, &response)
                .error_code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);
}

}  // namespace
}  // namespace ndxp::testing
