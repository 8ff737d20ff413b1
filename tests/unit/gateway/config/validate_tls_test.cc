// Checks of grpc.tls and http.tls through ValidateConfig, with the development PKI: files, key
// pair, client CA, versions and ciphers; every error names its key. And the TLS defaults.
#include "gateway/config/validate_tls.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gateway/config/defaults.h"
#include "gateway/config/validate.h"
#include "tests/unit/gateway/tls/dev_ca.h"

namespace ndxp::config {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using tls::testing::DevCa;

namespace v1 = ::ndxp::gateway::v1;

const std::vector<std::string_view> kBuiltins = {"population", "business"};
const std::vector<std::string_view> kServices = {"ndxp.population.v1.PopulationService",
                                                 "ndxp.business.v1.BusinessRegistryService"};

class ValidateTlsTest : public ::testing::Test {
 protected:
  // Both listeners with TLS and client certificates; defaults applied by Check.
  ValidateTlsTest() {
    for (v1::Tls* tls : {config_.mutable_grpc()->mutable_tls(), config_.mutable_http()->mutable_tls()}) {
      tls->set_cert_file(DevCa().file("server.crt"));
      tls->set_key_file(DevCa().file("server.key"));
      tls->set_client_ca_file(DevCa().file("ca.crt"));
      tls->set_crl_file(DevCa().file("crl.pem"));
    }
  }
  absl::Status Check() {
    ApplyDefaults(config_, kBuiltins, kServices);
    return ValidateConfig(config_, kBuiltins, kServices);
  }
  std::string Error() {
    absl::Status status = Check();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
    return std::string(status.message());
  }
  v1::Tls& grpc() { return *config_.mutable_grpc()->mutable_tls(); }
  v1::Tls& http() { return *config_.mutable_http()->mutable_tls(); }

  v1::GatewayConfig config_;
};

TEST_F(ValidateTlsTest, TheDevelopmentPkiIsValid) { EXPECT_TRUE(Check().ok()) << Check(); }

TEST_F(ValidateTlsTest, DefaultsRequireACertificateWhenAClientCaIsGiven) {
  http().clear_client_ca_file();
  http().clear_crl_file();
  ASSERT_TRUE(Check().ok()) << Check();
  EXPECT_EQ(grpc().client_certificate(), v1::CLIENT_CERTIFICATE_REQUIRE);
  EXPECT_EQ(http().client_certificate(), v1::CLIENT_CERTIFICATE_NONE);
  EXPECT_EQ(grpc().min_version(), "1.2");
  EXPECT_EQ(grpc().ciphers(), "ECDHE+AESGCM:ECDHE+CHACHA20");
  EXPECT_EQ(grpc().ciphersuites(), "");
}

TEST_F(ValidateTlsTest, FilesMustExistAndHoldWhatTheyShould) {
  grpc().set_cert_file(DevCa().file("nope.crt"));
  EXPECT_THAT(Error(), StartsWith("grpc.tls.cert_file: cannot read "));
  grpc().set_cert_file(DevCa().file("server.key"));
  EXPECT_THAT(Error(), StartsWith("grpc.tls.cert_file: "));
  grpc().set_cert_file(DevCa().file("server.crt"));
  grpc().clear_key_file();
  EXPECT_THAT(Error(), StartsWith("grpc.tls.key_file: required"));
  grpc().set_key_file(DevCa().file("client-79.key"));
  EXPECT_THAT(Error(), AllOf(StartsWith("grpc.tls.key_file: "),
                             HasSubstr("is not the private key of the certificate")));
  grpc().set_key_file(DevCa().file("server.key"));
  http().set_crl_file(DevCa().file("ca.crt"));
  EXPECT_THAT(Error(), StartsWith("http.tls.crl_file: "));
}

TEST_F(ValidateTlsTest, AskingForCertificatesNeedsAClientCa) {
  grpc().clear_client_ca_file();
  grpc().clear_crl_file();
  grpc().set_client_certificate(v1::CLIENT_CERTIFICATE_REQUIRE);
  EXPECT_THAT(Error(), StartsWith("grpc.tls.client_ca_file: required when client_certificate is require"));
  grpc().set_client_certificate(v1::CLIENT_CERTIFICATE_REQUEST);
  EXPECT_THAT(Error(), StartsWith("grpc.tls.client_ca_file: required when client_certificate is request"));
  grpc().set_client_certificate(v1::CLIENT_CERTIFICATE_NONE);
  grpc().set_crl_file(DevCa().file("crl.pem"));
  EXPECT_THAT(Error(), StartsWith("grpc.tls.crl_file: needs client_ca_file"));
}

TEST_F(ValidateTlsTest, MinVersionIs12Or13) {
  http().set_min_version("1.1");
  EXPECT_THAT(Error(), StartsWith("http.tls.min_version: \"1.1\" is not \"1.2\" or \"1.3\""));
  http().set_min_version("1.3");
  EXPECT_TRUE(Check().ok()) << Check();
  grpc().set_min_version("1.3");  // gRPC 1.51 has no way to apply it
  EXPECT_THAT(Error(), StartsWith("grpc.tls.min_version: gRPC 1.51 cannot"));
}

TEST_F(ValidateTlsTest, CiphersMustBeOnesOpenSslKnows) {
  http().set_ciphers("NOT-A-CIPHER");
  EXPECT_THAT(Error(), StartsWith("http.tls.ciphers: no cipher OpenSSL knows"));
  http().set_ciphers("ECDHE+AESGCM");
  http().set_ciphersuites("TLS_NOT_A_SUITE");
  EXPECT_THAT(Error(), StartsWith("http.tls.ciphersuites: "));
  http().set_ciphersuites("TLS_AES_256_GCM_SHA384");
  EXPECT_TRUE(Check().ok()) << Check();
  grpc().set_ciphersuites("TLS_AES_256_GCM_SHA384");
  EXPECT_THAT(Error(), StartsWith("grpc.tls.ciphersuites: gRPC 1.51 cannot"));
}

TEST_F(ValidateTlsTest, UpstreamTlsNeedsACaAndAMatchingClientPair) {
  config_.mutable_connectors()->Clear();
  config_.add_connectors()->set_name("business");
  v1::Upstream* upstream = config_.add_upstreams();
  upstream->set_service("ndxp.population.v1.PopulationService");
  upstream->add_endpoints("127.0.0.1:7001");
  v1::UpstreamTls& tls = *upstream->mutable_tls();
  EXPECT_THAT(Error(), StartsWith("upstreams[0].tls.ca_file: required"));
  tls.set_ca_file(DevCa().file("ca.crt"));
  EXPECT_TRUE(Check().ok()) << Check();
  tls.set_cert_file(DevCa().file("gateway-client.crt"));
  EXPECT_THAT(Error(), StartsWith("upstreams[0].tls.key_file: cert_file and key_file go together"));
  tls.set_key_file(DevCa().file("client-79.key"));
  EXPECT_THAT(Error(), StartsWith("upstreams[0].tls.key_file: "));
  tls.set_key_file(DevCa().file("gateway-client.key"));
  EXPECT_TRUE(Check().ok()) << Check();
}

}  // namespace
}  // namespace ndxp::config
