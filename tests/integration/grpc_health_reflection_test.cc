// Health and reflection answer without credentials and describe every listed service.
#include <google/protobuf/descriptor.pb.h>
#include <gtest/gtest.h>

#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1/reflection.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "tests/integration/grpc_fixture.h"

namespace ndxp::testing {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

class HealthReflectionTest : public GatewayTest {};

TEST_F(HealthReflectionTest, HealthCheckPerServiceWithoutCredentials) {
  auto stub = Health::NewStub(Channel());
  for (const char* service : {"", "ndxp.population.v1.PopulationService",
                              "ndxp.business.v1.BusinessRegistryService"}) {
    grpc::ClientContext ctx;
    HealthCheckRequest request;
    request.set_service(service);
    HealthCheckResponse response;
    grpc::Status status = stub->Check(&ctx, request, &response);
    ASSERT_TRUE(status.ok()) << service << ": " << status.error_message();
    EXPECT_EQ(response.status(), HealthCheckResponse::SERVING) << service;
  }
  grpc::ClientContext ctx;
  HealthCheckRequest request;
  request.set_service("no.such.Service");
  HealthCheckResponse response;
  EXPECT_EQ(stub->Check(&ctx, request, &response).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(HealthReflectionTest, HealthWatchSendsTheCurrentStatus) {
  auto stub = Health::NewStub(Channel());
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  HealthCheckRequest request;
  request.set_service("ndxp.population.v1.PopulationService");
  auto reader = stub->Watch(&ctx, request);
  HealthCheckResponse response;
  ASSERT_TRUE(reader->Read(&response));
  EXPECT_EQ(response.status(), HealthCheckResponse::SERVING);
  ctx.TryCancel();
}

// The two reflection versions as types (a namespace cannot be a template argument).
#define NDXP_REFLECTION_VERSION(NAME, NS)                   \
  struct NAME {                                             \
    using ServerReflection = NS::ServerReflection;         \
    using ServerReflectionRequest = NS::ServerReflectionRequest; \
    using ServerReflectionResponse = NS::ServerReflectionResponse; \
  };
NDXP_REFLECTION_VERSION(V1, grpc::reflection::v1)
NDXP_REFLECTION_VERSION(V1Alpha, grpc::reflection::v1alpha)
#undef NDXP_REFLECTION_VERSION

template <typename Ns>
void CheckReflection(const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = Ns::ServerReflection::NewStub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  auto stream = stub->ServerReflectionInfo(&ctx);
  typename Ns::ServerReflectionRequest request;
  request.set_list_services("");
  ASSERT_TRUE(stream->Write(request));
  typename Ns::ServerReflectionResponse response;
  ASSERT_TRUE(stream->Read(&response));
  std::set<std::string> names;
  for (const auto& s : response.list_services_response().service()) names.insert(s.name());
  for (const char* expected :
       {"ndxp.population.v1.PopulationService", "ndxp.business.v1.BusinessRegistryService",
        "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection"}) {
    EXPECT_TRUE(names.count(expected)) << expected;
  }
  // Every listed service resolves to a file, and ours carry their comments.
  for (const auto& name : names) {
    request.set_file_containing_symbol(name);
    ASSERT_TRUE(stream->Write(request));
    ASSERT_TRUE(stream->Read(&response));
    ASSERT_TRUE(response.has_file_descriptor_response()) << name;
    ASSERT_GT(response.file_descriptor_response().file_descriptor_proto_size(), 0) << name;
    google::protobuf::FileDescriptorProto file;
    ASSERT_TRUE(file.ParseFromString(response.file_descriptor_response().file_descriptor_proto(0)));
    if (name.rfind("ndxp.", 0) == 0) {
      EXPECT_TRUE(file.has_source_code_info()) << name << " has no comments";
    }
  }
  request.set_file_containing_symbol("no.such.Symbol");
  ASSERT_TRUE(stream->Write(request));
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_EQ(response.error_response().error_code(), grpc::StatusCode::NOT_FOUND);
  stream->WritesDone();
  EXPECT_TRUE(stream->Finish().ok());
}

TEST_F(HealthReflectionTest, ReflectionV1ListsAndDescribesEveryService) {
  CheckReflection<V1>(Channel());
}

TEST_F(HealthReflectionTest, ReflectionV1AlphaListsAndDescribesEveryService) {
  CheckReflection<V1Alpha>(Channel());
}

}  // namespace
}  // namespace ndxp::testing
