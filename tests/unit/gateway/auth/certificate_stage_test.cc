// The client certificate identify stage, and the API key stage after it, through a core::Call.
#include "gateway/auth/certificate_stage.h"

#include <gtest/gtest.h>

#include "gateway/auth/api_key_stage.h"
#include "gateway/auth/client_registry.h"
#include "gateway/core/request_headers.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gateway/core/status.h"
#include "gateway/metrics/registry.h"

namespace ndxp::auth {
namespace {

class RecordingObserver final : public core::CallObserver {
 public:
  void OnAdmitted() override { admitted = true; }
  void OnRefused(const absl::Status& status) override { refused = status; }
  bool admitted = false;
  std::optional<absl::Status> refused;
};

class CertificateStageTest : public ::testing::Test {
 protected:
  CertificateStageTest() {
    authenticator_.AddClient("VN:PROV:79:ONESTOP", "HCMC", std::string(64, 'a'));
  }

  // Runs [certificate, api_key] with `peer` (nullptr: none).
  void Run(const core::PeerInfo* peer) {
    call_.set_peer(peer);
    call_.Start();
  }

  ApiKeyAuthenticator authenticator_;
  metrics::Registry registry_;
  CertificateIdentifyStage certificate_{
      [this](std::string_view id) { return authenticator_.FindClient(id); }};
  ApiKeyIdentifyStage api_key_{authenticator_, registry_};
  core::Chain chain_{{&certificate_, &api_key_}};
  core::NoRequestHeaders headers_;
  RecordingObserver observer_;
  core::Call call_{chain_, observer_, headers_};
};

TEST_F(CertificateStageTest, ARegisteredCertificateClientIsTheCaller) {
  core::PeerInfo peer{.tls = true, .certificate_client_id = "VN:PROV:79:ONESTOP"};
  Run(&peer);
  EXPECT_TRUE(observer_.admitted);  // and the API key stage, with no key, let it through
  ASSERT_NE(call_.context().client, nullptr);
  EXPECT_EQ(call_.context().client_id(), "VN:PROV:79:ONESTOP");
  EXPECT_EQ(call_.context().credential, "certificate");
}

TEST_F(CertificateStageTest, AnUnknownCertificateClientIsUnauthenticated) {
  core::PeerInfo peer{.tls = true, .certificate_client_id = "VN:PROV:99:ONESTOP"};
  Run(&peer);
  ASSERT_TRUE(observer_.refused.has_value());
  EXPECT_EQ(observer_.refused->code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(observer_.refused->message().find("VN:PROV:99:ONESTOP"), absl::string_view::npos);
  google::rpc::Status rpc = core::ToRpcStatus(*observer_.refused);
  google::rpc::ErrorInfo info;
  ASSERT_GT(rpc.details_size(), 0);
  ASSERT_TRUE(rpc.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "CERTIFICATE_CLIENT_UNKNOWN");
  EXPECT_EQ(call_.context().client, nullptr);
}

TEST_F(CertificateStageTest, WithoutACertificateTheApiKeyStageDecides) {
  core::PeerInfo peer{.tls = true};
  Run(&peer);
  ASSERT_TRUE(observer_.refused.has_value());
  EXPECT_EQ(observer_.refused->code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(observer_.refused->message().find("API key"), absl::string_view::npos);
}

TEST_F(CertificateStageTest, APlaintextCallGoesToTheApiKeyStage) {
  Run(nullptr);
  ASSERT_TRUE(observer_.refused.has_value());
  EXPECT_NE(observer_.refused->message().find("API key"), absl::string_view::npos);
}

}  // namespace
}  // namespace ndxp::auth
