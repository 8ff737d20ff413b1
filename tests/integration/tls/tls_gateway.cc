#include "tests/integration/tls/tls_gateway.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <openssl/bn.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "tests/integration/grpc_fixture.h"
#include "tests/integration/support/test_config.h"

namespace ndxp::testing {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string TlsSection(const std::string& pki, const std::string& live) {
  return "  tls:\n"
         "    cert_file: \"" + live + "/server.crt\"\n"
         "    key_file: \"" + live + "/server.key\"\n"
         "    client_ca_file: \"" + pki + "/ca.crt\"\n"
         "    crl_file: \"" + pki + "/crl.pem\"\n"
         "    client_certificate: require\n";
}

}  // namespace

std::string SerialOfPem(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (cert == nullptr) return "";
  BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr);
  char* hex = BN_bn2hex(bn);
  std::string serial = hex;
  OPENSSL_free(hex);
  BN_free(bn);
  X509_free(cert);
  return serial;
}

TlsGateway::TlsGateway() {
  dir_ = MakeTestDir("ndxp-it-tls");
  const std::string pki = dir_ + "/pki";
  std::string out;
  if (RunCommand({"/bin/bash", std::string(NDXP_SOURCE_DIR) + "/scripts/dev-ca.sh", pki}, &out) != 0) {
    ADD_FAILURE() << "dev-ca.sh failed: " << out;
    return;
  }
  fs::create_directories(dir_ + "/gen1");
  fs::copy_file(pki + "/server.crt", dir_ + "/gen1/server.crt");
  fs::copy_file(pki + "/server.key", dir_ + "/gen1/server.key");
  fs::create_directory_symlink(dir_ + "/gen1", dir_ + "/live");
  const std::string live = dir_ + "/live";
  access_log_ = dir_ + "/access.log";
  std::ofstream(dir_ + "/gateway.yaml")
      << "clients:\n"
      << "  - id: \"VN:PROV:79:ONESTOP\"\n"
      << "    api_key_sha256: [\"" << Sha256HexOf(kTestApiKey) << "\"]\n"
      << "    purposes: [administrative-procedure]\n"
      << "    allow: [{method: \"*\"}]\n"
      << "access_log:\n"
      << "  path: \"" << access_log_ << "\"\n"
      << "shutdown:\n"
      << "  drain_timeout: 2s\n"
      << "grpc:\n" << TlsSection(pki, live)
      << "http:\n" << TlsSection(pki, live);
  process_ = std::make_unique<GatewayProcess>(
      GatewayProcess::Options{.args = {"--config", dir_ + "/gateway.yaml"}});
  ok_ = process_->WaitUntilListening();
  if (!ok_) ADD_FAILURE() << process_->Stderr();
}

std::shared_ptr<grpc::Channel> TlsGateway::Channel(const std::string& client) const {
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = Slurp(pki("ca.crt"));
  if (!client.empty()) {
    ssl.pem_cert_chain = Slurp(pki(client + ".crt"));
    ssl.pem_private_key = Slurp(pki(client + ".key"));
  }
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // a connection of its own
  args.SetSslTargetNameOverride("localhost");
  return grpc::CreateCustomChannel(process_->grpc_target(), grpc::SslCredentials(ssl), args);
}

std::string TlsGateway::RotateServerCertificate() {
  std::string out;
  if (RunCommand({"/bin/bash", std::string(NDXP_SOURCE_DIR) + "/scripts/dev-ca.sh", dir_ + "/pki",
                  "reissue-server", "server-2"},
                 &out) != 0) {
    ADD_FAILURE() << out;
    return "";
  }
  fs::create_directories(dir_ + "/gen2");
  fs::copy_file(pki("server-2.crt"), dir_ + "/gen2/server.crt");
  fs::copy_file(pki("server-2.key"), dir_ + "/gen2/server.key");
  fs::create_directory_symlink(dir_ + "/gen2", dir_ + "/live.next");
  fs::rename(dir_ + "/live.next", dir_ + "/live");  // both files change at once
  return SerialOfPem(Slurp(pki("server-2.crt")));
}

int TlsGateway::Curl(const std::string& client, const std::string& path, std::string* body,
                     int* status, const std::vector<std::string>& extra) const {
  const std::string body_file = dir_ + "/curl-body";
  std::vector<std::string> argv = {"/usr/bin/curl", "-s", "-o", body_file, "-w", "%{http_code}",
                                   "--max-time", "20", "--cacert", pki("ca.crt")};
  if (!client.empty()) {
    argv.insert(argv.end(), {"--cert", pki(client + ".crt"), "--key", pki(client + ".key")});
  }
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.push_back(https_base() + path);
  std::string code;
  fs::remove(body_file);
  const int rc = RunCommand(argv, &code);
  if (status != nullptr) *status = code.empty() ? 0 : std::atoi(code.c_str());
  if (body != nullptr) *body = Slurp(body_file);
  return rc;
}

double TlsGateway::HandshakeFailures(const std::string& listener, const std::string& reason) const {
  std::string text;
  int status = 0;
  Curl("client-79", "/metrics", &text, &status);
  const std::string series = "ndxp_gateway_tls_handshake_failures_total{listener=\"" + listener +
                             "\",reason=\"" + reason + "\"} ";
  const std::size_t at = text.find(series);
  if (at == std::string::npos) return -1;
  return std::atof(text.c_str() + at + series.size());
}

}  // namespace ndxp::testing
