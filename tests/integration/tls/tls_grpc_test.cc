// The gRPC listener with mutual TLS, through real handshakes with gRPC's own client: a registered
// client's certificate identifies it (no API key), every bad certificate is refused in the
// handshake and counted by reason, and a replaced server certificate is used for new connections
// while one opened before keeps working.
#include <chrono>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/grpc_fixture.h"
#include "tests/integration/support/file_watch.h"
#include "tests/integration/support/test_config.h"
#include "tests/integration/tls/tls_gateway.h"

namespace ndxp::testing {
namespace {

using population::v1::GetCitizenRequest;
using population::v1::GetCitizenResponse;
using population::v1::PopulationService;

class TlsGrpcTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { gateway_ = new TlsGateway(); }
  static void TearDownTestSuite() {
    delete gateway_;
    gateway_ = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(gateway_->ok()); }

  // GetCitizen on `channel`, without an API key; the server's certificate serial in *serial.
  static grpc::Status GetCitizen(const std::shared_ptr<grpc::Channel>& channel,
                                 std::string* serial = nullptr,
                                 const std::string& request_id = "") {
    static const std::string id = SampleIds("population", 1).at(0);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (!request_id.empty()) ctx.AddMetadata("x-request-id", request_id);
    ctx.AddMetadata("x-ndxp-purpose", "administrative-procedure");
    GetCitizenRequest request;
    request.set_personal_id(id);
    GetCitizenResponse response;
    grpc::Status status = PopulationService::NewStub(channel)->GetCitizen(&ctx, request, &response);
    if (serial != nullptr) {
      auto pem = ctx.auth_context()->FindPropertyValues("x509_pem_cert");
      *serial = pem.empty() ? "" : SerialOfPem(std::string(pem.front().data(), pem.front().size()));
    }
    return status;
  }

  static inline TlsGateway* gateway_ = nullptr;
};

TEST_F(TlsGrpcTest, ARegisteredClientCertificateIdentifiesTheCaller) {
  grpc::Status status = GetCitizen(gateway_->Channel("client-79"), nullptr, "tls-grpc-good-1");
  ASSERT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
  const std::string line =
      WaitForLineWith(gateway_->access_log(), {"tls-grpc-good-1"}, std::chrono::seconds(10));
  ASSERT_FALSE(line.empty()) << "no access log line for the call";
  EXPECT_NE(line.find("\"client\":\"VN:PROV:79:ONESTOP\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"credential\":\"certificate\""), std::string::npos) << line;
}

TEST_F(TlsGrpcTest, BadCertificatesAreRefusedInTheHandshakeAndCounted) {
  struct Case {
    std::string client;
    std::string reason;
  };
  for (const Case& c : {Case{"", "no_certificate"}, Case{"other-client", "unknown_ca"},
                        Case{"client-expired", "expired"}, Case{"client-revoked", "revoked"}}) {
    SCOPED_TRACE(c.reason);
    const double before = gateway_->HandshakeFailures("grpc", c.reason);
    ASSERT_GE(before, 0) << "no series for reason " << c.reason;
    grpc::Status status = GetCitizen(gateway_->Channel(c.client));
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
    EXPECT_GT(gateway_->HandshakeFailures("grpc", c.reason), before);
  }
}

TEST_F(TlsGrpcTest, AnUnregisteredCertificateClientIsUnauthenticated) {
  grpc::Status status = GetCitizen(gateway_->Channel("client-01"));
  ASSERT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
  EXPECT_NE(status.error_message().find("VN:PROV:01:ONESTOP"), std::string::npos);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  google::rpc::ErrorInfo info;
  ASSERT_GT(details.details_size(), 0);
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "CERTIFICATE_CLIENT_UNKNOWN");
}

TEST_F(TlsGrpcTest, AReplacedCertificateServesNewConnectionsAndOldOnesKeepWorking) {
  auto old_channel = gateway_->Channel("client-79");
  std::string old_serial;
  ASSERT_TRUE(GetCitizen(old_channel, &old_serial).ok());
  ASSERT_FALSE(old_serial.empty());

  const std::string new_serial = gateway_->RotateServerCertificate();
  ASSERT_FALSE(new_serial.empty());
  ASSERT_NE(new_serial, old_serial);
  // gRPC re-reads the files every second: poll new connections for the new serial, bounded.
  std::string seen;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (GetCitizen(gateway_->Channel("client-79"), &seen).ok() && seen == new_serial) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(seen, new_serial) << "new connections never got the new certificate";

  std::string still;
  grpc::Status status = GetCitizen(old_channel, &still);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(still, old_serial) << "the connection opened before was not kept";
}

}  // namespace
}  // namespace ndxp::testing

namespace ndxp::testing {
namespace {

// upstreams[].tls: the gateway reaches ndxp-connector over mutual TLS with its own client
// certificate (urn:ndxp:gateway), which the connector's grpc.tls verifies.
class UpstreamTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTestDir("ndxp-it-upstream-tls");
    std::string out;
    ASSERT_EQ(RunCommand({"/bin/bash", std::string(NDXP_SOURCE_DIR) + "/scripts/dev-ca.sh",
                          dir_ + "/pki"},
                         &out),
              0)
        << out;
    std::ofstream(dir_ + "/connector.yaml")
        << "grpc:\n  tls:\n    cert_file: \"" << pki("server.crt") << "\"\n    key_file: \""
        << pki("server.key") << "\"\n    client_ca_file: \"" << pki("ca.crt") << "\"\n";
    connector_ = std::make_unique<GatewayProcess>(
        ConnectorOptions("population", {"--config", dir_ + "/connector.yaml"}));
    ASSERT_TRUE(connector_->WaitUntilListening()) << connector_->Stderr();
  }

  std::string pki(const std::string& name) const { return dir_ + "/pki/" + name; }

  // A gateway routing population to the connector over TLS, with `client` ("" for none) as its
  // client certificate.
  std::unique_ptr<GatewayProcess> Gateway(const std::string& client) {
    std::string tls = "    tls:\n      ca_file: \"" + pki("ca.crt") + "\"\n";
    if (!client.empty()) {
      tls += "      cert_file: \"" + pki(client + ".crt") + "\"\n      key_file: \"" +
             pki(client + ".key") + "\"\n";
    }
    const std::string config = WriteGatewayConfig(
        "connectors:\n  - name: business\nupstreams:\n  - service: "
        "ndxp.population.v1.PopulationService\n    endpoints: [\"" + connector_->grpc_target() +
            "\"]\n" + tls,
        AccessLogTo::kStandardOutput, nullptr);
    auto gateway = std::make_unique<GatewayProcess>(GatewayProcess::Options{.args = {"--config", config}});
    EXPECT_TRUE(gateway->WaitUntilListening()) << gateway->Stderr();
    return gateway;
  }

  static grpc::Status GetCitizen(GatewayProcess& gateway) {
    auto channel = grpc::CreateChannel(gateway.grpc_target(), grpc::InsecureChannelCredentials());
    auto ctx = AuthedContext();
    GetCitizenRequest request;
    request.set_personal_id(SampleIds("population", 1).at(0));
    GetCitizenResponse response;
    return PopulationService::NewStub(channel)->GetCitizen(ctx.get(), request, &response);
  }

  std::string dir_;
  std::unique_ptr<GatewayProcess> connector_;
};

TEST_F(UpstreamTlsTest, TheGatewaysClientCertificateReachesTheConnector) {
  auto gateway = Gateway("gateway-client");
  grpc::Status status = GetCitizen(*gateway);
  EXPECT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
}

TEST_F(UpstreamTlsTest, WithoutAClientCertificateTheConnectorRefusesTheGateway) {
  auto gateway = Gateway("");
  grpc::Status status = GetCitizen(*gateway);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

}  // namespace
}  // namespace ndxp::testing
