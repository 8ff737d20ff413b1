#include "gateway/server/grpc/grpc_tls.h"

#include <cstdlib>

#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_certificate_verifier.h>
#include <grpcpp/security/tls_credentials_options.h>
#include <openssl/x509_vfy.h>
#include <spdlog/spdlog.h>

#include "gateway/core/strings.h"
#include "gateway/tls/certificate_identity.h"
#include "gateway/tls/pem_files.h"

namespace ndxp::server {
namespace {

namespace v1 = ::ndxp::gateway::v1;
namespace gx = ::grpc::experimental;

constexpr const char* kCipherSuitesEnv = "GRPC_SSL_CIPHER_SUITES";
constexpr std::string_view kPrefix = "grpc.tls";

// Runs on gRPC's handshake thread, synchronously (OpenSSL verification of a short chain).
class ClientCertificateVerifier final : public gx::ExternalCertificateVerifier {
 public:
  ClientCertificateVerifier(std::shared_ptr<tls::ClientTrustSource> trust, bool require,
                            const tls::HandshakeFailures* failures)
      : trust_(std::move(trust)), require_(require), failures_(failures) {}

  bool Verify(gx::TlsCustomVerificationCheckRequest* request, std::function<void(grpc::Status)>,
              grpc::Status* sync_status) override {
    *sync_status = Check(*request);
    return true;  // answered synchronously
  }
  void Cancel(gx::TlsCustomVerificationCheckRequest*) override {}

 private:
  grpc::Status Refuse(tls::HandshakeFailure reason, std::string_view detail) const {
    failures_->Count(reason, "", detail);
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                        core::Cat("client certificate refused: ", tls::HandshakeFailureName(reason)));
  }

  grpc::Status Check(gx::TlsCustomVerificationCheckRequest& request) const {
    const grpc::string_ref leaf_pem = request.peer_cert();
    if (leaf_pem.empty()) {
      if (!require_) return grpc::Status::OK;  // request: another credential decides
      return Refuse(tls::HandshakeFailure::kNoCertificate, "no client certificate");
    }
    auto leaf = tls::ParseCertificates(std::string_view(leaf_pem.data(), leaf_pem.size()));
    if (!leaf.ok()) return Refuse(tls::HandshakeFailure::kOther, "unreadable client certificate");
    // The rest of what the client sent (intermediates; on a server, OpenSSL leaves the leaf out),
    // as untrusted certificates to build the chain with.
    tls::X509StackPtr untrusted(sk_X509_new_null());
    const grpc::string_ref chain_pem = request.peer_cert_full_chain();
    if (auto chain = tls::ParseCertificates(std::string_view(chain_pem.data(), chain_pem.size()));
        chain.ok()) {
      for (auto& cert : *chain) sk_X509_push(untrusted.get(), cert.release());
    }
    X509* cert = leaf->front().get();
    const long error = trust_->Get()->Verify(cert, untrusted.get());
    if (error == X509_V_OK) return grpc::Status::OK;
    return Refuse(tls::FailureForVerifyError(error),
                  core::Cat(X509_verify_cert_error_string(error), "; subject ",
                            tls::IdentityOf(cert).subject));
  }

  std::shared_ptr<tls::ClientTrustSource> trust_;
  const bool require_;
  const tls::HandshakeFailures* failures_;
};

unsigned ReloadSeconds() {
  return static_cast<unsigned>(absl::ToInt64Seconds(tls::kReloadCheckInterval));
}

}  // namespace

absl::StatusOr<GrpcTls> MakeGrpcTls(const v1::Tls& tls, const tls::HandshakeFailures& failures) {
  if (auto pair = tls::CheckKeyPair(kPrefix, tls.cert_file(), tls.key_file()); !pair.ok()) {
    return pair;
  }
  GrpcTls out;
  const bool verify = tls.client_certificate() != v1::CLIENT_CERTIFICATE_NONE;
  auto provider = std::make_shared<gx::FileWatcherCertificateProvider>(
      tls.key_file(), tls.cert_file(), verify ? tls.client_ca_file() : "", ReloadSeconds());
  gx::TlsServerCredentialsOptions options(provider);
  options.watch_identity_key_cert_pairs();
  if (!verify) {
    options.set_cert_request_type(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
    out.credentials = grpc::experimental::TlsServerCredentials(options);
    return out;
  }
  auto trust = tls::ClientTrust::Load(tls, kPrefix);
  if (!trust.ok()) return trust.status();
  out.trust = std::make_shared<tls::ClientTrustSource>(*std::move(trust));
  // The CAs go to gRPC too: it names them in its certificate request. Verification is ours, so
  // that a missing certificate is refused (and counted) by the verifier, not inside OpenSSL.
  options.watch_root_certs();
  options.set_cert_request_type(GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_BUT_DONT_VERIFY);
  options.set_certificate_verifier(gx::ExternalCertificateVerifier::Create<ClientCertificateVerifier>(
      out.trust, tls.client_certificate() == v1::CLIENT_CERTIFICATE_REQUIRE, &failures));
  out.credentials = grpc::experimental::TlsServerCredentials(options);

  std::vector<std::string> trust_files = {tls.client_ca_file()};
  if (!tls.crl_file().empty()) trust_files.push_back(tls.crl_file());
  out.trust_watch = std::make_unique<tls::FileWatch>(
      trust_files, tls::kReloadCheckInterval, [tls, source = out.trust] {
        auto fresh = tls::ClientTrust::Load(tls, kPrefix);
        if (!fresh.ok()) {
          spdlog::warn("gRPC listener: keeping the client CAs and CRLs in use: {}",
                       core::ToStd(fresh.status().message()));
          return;
        }
        source->Set(*std::move(fresh));
        spdlog::info("gRPC listener: client CAs and CRLs reloaded");
      });
  return out;
}

void ApplyGrpcCipherList(const v1::GatewayConfig& config) {
  if (!config.grpc().has_tls()) return;
  const std::string& ciphers = config.grpc().tls().ciphers();
  if (const char* given = std::getenv(kCipherSuitesEnv); given != nullptr && *given != '\0') {
    if (ciphers != given) {
      spdlog::info("gRPC TLS 1.2 ciphers from {} (\"{}\"), not grpc.tls.ciphers", kCipherSuitesEnv,
                   given);
    }
    return;
  }
  if (!ciphers.empty()) setenv(kCipherSuitesEnv, ciphers.c_str(), 1);
}

}  // namespace ndxp::server
