#include "tests/integration/grpc_fixture.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <openssl/evp.h>

namespace ndxp::testing {
namespace {

std::string Sha256Hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(text.data(), text.size(), digest, &len, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0xf]);
  }
  return out;
}

}  // namespace

std::string WriteTestConfig(std::string* access_log, std::string_view extra_yaml) {
  std::filesystem::path dir = MakeTestDir("ndxp-it");
  *access_log = (dir / "access.log").string();
  std::ofstream out(dir / "gateway.yaml");
  out << "clients:\n"
      << "  - id: \"VN:PROV:79:ONESTOP\"\n"
      << "    display_name: \"Hệ thống một cửa TP Hồ Chí Minh\"\n"
      << "    api_key_sha256: [\"" << Sha256Hex(kTestApiKey) << "\"]\n"
      << "    purposes: [administrative-procedure]\n"
      << "    allow: [{method: \"*\"}]\n"
      << "limits:\n"
      << "  max_request_bytes: 65536\n"
      << "access_log:\n"
      << "  path: \"" << *access_log << "\"\n"
      << "shutdown:\n"
      << "  drain_timeout: 5s\n"
      << extra_yaml;
  return (dir / "gateway.yaml").string();
}

std::vector<std::string> SampleIds(const std::string& connector, int count) {
  std::string out;
  int rc = RunCommand({CtlBinary(), "data", "sample", "--connector", connector, "--count",
                       std::to_string(count)},
                      &out);
  EXPECT_EQ(rc, 0);
  std::vector<std::string> ids;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) ids.push_back(line);
  }
  return ids;
}

std::unique_ptr<grpc::ClientContext> AuthedContext(const char* key) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  if (key != nullptr) ctx->AddMetadata("x-api-key", key);
  if (key != nullptr) ctx->AddMetadata("x-ndxp-purpose", "administrative-procedure");
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  return ctx;
}

void GatewayTest::SetUpTestSuite() {
  std::string config = WriteTestConfig(&access_log_path_);
  gateway_ = new GatewayProcess({.args = {"--config", config}});
  ASSERT_TRUE(gateway_->WaitUntilListening()) << gateway_->Stderr();
}

void GatewayTest::TearDownTestSuite() {
  delete gateway_;
  gateway_ = nullptr;
}

std::shared_ptr<grpc::Channel> GatewayTest::Channel() {
  return grpc::CreateChannel(gateway_->grpc_target(), grpc::InsecureChannelCredentials());
}

std::string ErrorInfoReason(const grpc::Status& status) {
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return "";
  for (const auto& any : details.details()) {
    google::rpc::ErrorInfo info;
    if (any.UnpackTo(&info)) return info.reason();
  }
  return "";
}

}  // namespace ndxp::testing
