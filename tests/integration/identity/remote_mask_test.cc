// Field masks and purposes on a remote route: population served by ndxp-connector behind the
// gateway. The upstream answers the whole citizen; the fields outside the client's mask must
// never leave the gateway, over gRPC and REST, and the purpose is required as in-process.
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/grpc_fixture.h"
#include "tests/integration/support/gateway_process.h"
#include "tests/integration/support/test_config.h"

namespace ndxp::testing {
namespace {

using ::testing::HasSubstr;
namespace pop = ::ndxp::population::v1;

class RemoteMaskTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    connector_ = new GatewayProcess(ConnectorOptions("population"));
    ASSERT_TRUE(connector_->WaitUntilListening()) << connector_->Stderr();
    const std::string dir = MakeTestDir("ndxp-it-remote-mask");
    std::ofstream(dir + "/gateway.yaml")
        << "clients:\n"
        << "  - id: \"VN:PROV:79:ONESTOP\"\n"
        << "    api_key_sha256: [\"" << Sha256HexOf(kTestApiKey) << "\"]\n"
        << "    purposes: [administrative-procedure]\n"
        << "    allow:\n"
        << "      - method: ndxp.population.v1.PopulationService/GetCitizen\n"
        << "        fields: [citizen.personal_id, citizen.full_name]\n"
        << "connectors: [{name: business}]\n"
        << "upstreams:\n"
        << "  - service: ndxp.population.v1.PopulationService\n"
        << "    endpoints: [\"" << connector_->grpc_target() << "\"]\n"
        << "access_log: {path: \"\"}\n";
    gateway_ = new GatewayProcess(GatewayProcess::Options{.args = {"--config", dir + "/gateway.yaml"}});
    ASSERT_TRUE(gateway_->WaitUntilListening()) << gateway_->Stderr();
    id_ = new std::string(SampleIds("population", 1).at(0));
  }
  static void TearDownTestSuite() {
    delete gateway_;
    delete connector_;
    gateway_ = connector_ = nullptr;
  }
  static grpc::Status GetCitizen(const char* purpose, pop::GetCitizenResponse* response) {
    auto stub = pop::PopulationService::NewStub(
        grpc::CreateChannel(gateway_->grpc_target(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    ctx.AddMetadata("x-api-key", kTestApiKey);
    if (purpose != nullptr) ctx.AddMetadata("x-ndxp-purpose", purpose);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    pop::GetCitizenRequest request;
    request.set_personal_id(*id_);
    return stub->GetCitizen(&ctx, request, response);
  }

  static inline GatewayProcess* connector_ = nullptr;
  static inline GatewayProcess* gateway_ = nullptr;
  static inline std::string* id_ = nullptr;
};

TEST_F(RemoteMaskTest, TheUpstreamsAnswerIsMaskedOverGrpc) {
  pop::GetCitizenResponse response;
  grpc::Status status = GetCitizen("administrative-procedure", &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.citizen().personal_id(), *id_);
  EXPECT_FALSE(response.citizen().full_name().empty());
  EXPECT_FALSE(response.citizen().has_date_of_birth());
  EXPECT_FALSE(response.citizen().has_permanent_address());
  EXPECT_TRUE(response.citizen().household_id().empty());
}

TEST_F(RemoteMaskTest, TheUpstreamsAnswerIsMaskedOverRest) {
  std::string out;
  ASSERT_EQ(RunCommand({"/usr/bin/curl", "-s", "--max-time", "10", "-H",
                        std::string("x-api-key: ") + kTestApiKey, "-H",
                        "x-ndxp-purpose: administrative-procedure",
                        gateway_->http_base() + "/v1/citizens/" + *id_},
                       &out),
            0);
  EXPECT_THAT(out, HasSubstr("\"fullName\""));
  EXPECT_THAT(out, ::testing::Not(HasSubstr("dateOfBirth")));
  EXPECT_THAT(out, ::testing::Not(HasSubstr("permanentAddress")));
}

TEST_F(RemoteMaskTest, ARemoteRouteNeedsAPurposeToo) {
  pop::GetCitizenResponse response;
  grpc::Status status = GetCitizen(nullptr, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorInfoReason(status), "PURPOSE_REQUIRED");
}

}  // namespace
}  // namespace ndxp::testing
