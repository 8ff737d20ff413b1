#include "gateway/config/validate_tls.h"

#include <openssl/ssl.h>

#include "gateway/core/strings.h"
#include "gateway/tls/client_trust.h"
#include "gateway/tls/openssl_ptr.h"
#include "gateway/tls/pem_files.h"
#include "gateway/tls/server_ssl_context.h"

namespace ndxp::config {
namespace {

namespace v1 = ::ndxp::gateway::v1;

absl::Status Invalid(std::string_view prefix, std::string_view key, std::string_view problem) {
  return absl::InvalidArgumentError(core::ToAbsl(core::Cat(prefix, ".", key, ": ", problem)));
}

absl::Status CheckVersionAndCiphers(std::string_view prefix, const v1::Tls& tls,
                                    TlsListener listener) {
  const int version = tls::ProtocolVersionOf(tls.min_version());
  if (version == 0) {
    return Invalid(prefix, "min_version",
                   core::Cat("\"", tls.min_version(), "\" is not \"1.2\" or \"1.3\""));
  }
  if (listener == TlsListener::kGrpc && version != TLS1_2_VERSION) {
    return Invalid(prefix, "min_version",
                   "gRPC 1.51 cannot raise the gRPC listener's lowest TLS version above 1.2 "
                   "(TLS 1.3 is still preferred); use \"1.2\" (docs/decisions/0015-tls.md)");
  }
  if (listener == TlsListener::kGrpc && !tls.ciphersuites().empty()) {
    return Invalid(prefix, "ciphersuites",
                   "gRPC 1.51 cannot set the gRPC listener's TLS 1.3 cipher suites (OpenSSL's "
                   "defaults apply); leave it unset (docs/decisions/0015-tls.md)");
  }
  tls::SslCtxPtr scratch(SSL_CTX_new(TLS_server_method()));
  if (SSL_CTX_set_cipher_list(scratch.get(), tls.ciphers().c_str()) != 1) {
    tls::LastOpenSslError();
    return Invalid(prefix, "ciphers",
                   core::Cat("no cipher OpenSSL knows in \"", tls.ciphers(), "\""));
  }
  if (!tls.ciphersuites().empty() &&
      SSL_CTX_set_ciphersuites(scratch.get(), tls.ciphersuites().c_str()) != 1) {
    tls::LastOpenSslError();
    return Invalid(prefix, "ciphersuites",
                   core::Cat("no TLS 1.3 cipher suite OpenSSL knows in \"", tls.ciphersuites(), "\""));
  }
  return absl::OkStatus();
}

absl::Status CheckClientVerification(std::string_view prefix, const v1::Tls& tls) {
  if (!v1::ClientCertificate_IsValid(tls.client_certificate()) ||
      tls.client_certificate() == v1::CLIENT_CERTIFICATE_UNSPECIFIED) {
    return Invalid(prefix, "client_certificate", "must be none, request or require");
  }
  const bool asks = tls.client_certificate() != v1::CLIENT_CERTIFICATE_NONE;
  if (asks && tls.client_ca_file().empty()) {
    return Invalid(prefix, "client_ca_file",
                   core::Cat("required when client_certificate is ",
                             tls.client_certificate() == v1::CLIENT_CERTIFICATE_REQUIRE
                                 ? "require"
                                 : "request",
                             ": the CAs that issue client certificates"));
  }
  if (!tls.crl_file().empty() && tls.client_ca_file().empty()) {
    return Invalid(prefix, "crl_file", "needs client_ca_file: CRLs are of the client CAs");
  }
  if (tls.client_ca_file().empty()) return absl::OkStatus();
  auto trust = tls::ClientTrust::Load(tls, prefix);  // reads both files
  return trust.ok() ? absl::OkStatus() : trust.status();
}

}  // namespace

absl::Status CheckTls(std::string_view prefix, const v1::Tls& tls, TlsListener listener) {
  if (tls.cert_file().empty()) return Invalid(prefix, "cert_file", "required with TLS");
  if (tls.key_file().empty()) return Invalid(prefix, "key_file", "required with TLS");
  if (auto s = tls::CheckKeyPair(prefix, tls.cert_file(), tls.key_file()); !s.ok()) return s;
  if (auto s = CheckClientVerification(prefix, tls); !s.ok()) return s;
  return CheckVersionAndCiphers(prefix, tls, listener);
}

absl::Status CheckUpstreamTls(std::string_view prefix, const v1::UpstreamTls& tls) {
  if (tls.ca_file().empty()) {
    return Invalid(prefix, "ca_file", "required with TLS: the CAs the upstream's certificate chains to");
  }
  auto cas = tls::LoadCertificates(core::Cat(prefix, ".ca_file"), tls.ca_file());
  if (!cas.ok()) return cas.status();
  if (tls.cert_file().empty() != tls.key_file().empty()) {
    return Invalid(prefix, tls.cert_file().empty() ? "cert_file" : "key_file",
                   "cert_file and key_file go together (the gateway's client certificate)");
  }
  if (tls.cert_file().empty()) return absl::OkStatus();
  return tls::CheckKeyPair(prefix, tls.cert_file(), tls.key_file());
}

}  // namespace ndxp::config
