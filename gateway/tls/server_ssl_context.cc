#include "gateway/tls/server_ssl_context.h"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "gateway/core/strings.h"
#include "gateway/tls/certificate_identity.h"
#include "gateway/tls/pem_files.h"

namespace ndxp::tls {
namespace {

namespace v1 = ::ndxp::gateway::v1;

// Sessions resumed under one context id only: a session made with a client certificate is not
// resumed by a context that would not have accepted it.
constexpr unsigned char kSessionIdContext[] = "ndxp-gateway";

absl::Status Bad(std::string_view key, std::string_view what) {
  return absl::InvalidArgumentError(
      core::ToAbsl(core::Cat(key, ": ", what, " (", LastOpenSslError(), ")")));
}

int SelectAlpn(SSL*, const unsigned char** out, unsigned char* out_len, const unsigned char* in,
               unsigned int in_len, void* arg) {
  const auto* ours = static_cast<const std::string_view*>(arg);
  unsigned char* selected = nullptr;
  if (SSL_select_next_proto(&selected, out_len,
                            reinterpret_cast<const unsigned char*>(ours->data()),
                            static_cast<unsigned int>(ours->size()), in,
                            in_len) != OPENSSL_NPN_NEGOTIATED) {
    return SSL_TLSEXT_ERR_NOACK;  // no common protocol: go on without ALPN (HTTP/1.1)
  }
  *out = selected;
  return SSL_TLSEXT_ERR_OK;
}

absl::Status SetProtocols(SSL_CTX* ctx, const v1::Tls& tls, std::string_view prefix) {
  const int version = ProtocolVersionOf(tls.min_version());
  if (version == 0) {
    return absl::InvalidArgumentError(core::ToAbsl(
        core::Cat(prefix, ".min_version: \"", tls.min_version(), "\" is not \"1.2\" or \"1.3\"")));
  }
  SSL_CTX_set_min_proto_version(ctx, version);
  SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION);
  SSL_CTX_set_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION |
                               SSL_OP_NO_COMPRESSION);
  if (SSL_CTX_set_cipher_list(ctx, tls.ciphers().c_str()) != 1) {
    return Bad(core::Cat(prefix, ".ciphers"), core::Cat("no usable cipher in \"", tls.ciphers(), "\""));
  }
  if (!tls.ciphersuites().empty() && SSL_CTX_set_ciphersuites(ctx, tls.ciphersuites().c_str()) != 1) {
    return Bad(core::Cat(prefix, ".ciphersuites"),
               core::Cat("no usable TLS 1.3 cipher suite in \"", tls.ciphersuites(), "\""));
  }
  return absl::OkStatus();
}

absl::Status SetIdentity(SSL_CTX* ctx, const v1::Tls& tls, std::string_view prefix,
                         ServerSslContext& out) {
  if (auto pair = CheckKeyPair(prefix, tls.cert_file(), tls.key_file()); !pair.ok()) return pair;
  if (SSL_CTX_use_certificate_chain_file(ctx, tls.cert_file().c_str()) != 1) {
    return Bad(core::Cat(prefix, ".cert_file"), core::Cat("cannot use ", tls.cert_file()));
  }
  if (SSL_CTX_use_PrivateKey_file(ctx, tls.key_file().c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(ctx) != 1) {
    return Bad(core::Cat(prefix, ".key_file"), core::Cat("cannot use ", tls.key_file()));
  }
  out.certificate_serial = SerialOf(SSL_CTX_get0_certificate(ctx));
  return absl::OkStatus();
}

absl::Status SetClientVerification(SSL_CTX* ctx, const v1::Tls& tls, std::string_view prefix) {
  if (tls.client_certificate() == v1::CLIENT_CERTIFICATE_NONE) {
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
    return absl::OkStatus();
  }
  auto trust = ClientTrust::Load(tls, prefix);
  if (!trust.ok()) return trust.status();
  SSL_CTX_set1_cert_store(ctx, (*trust)->store());
  X509_VERIFY_PARAM_set_flags(SSL_CTX_get0_param(ctx), (*trust)->flags());
  X509_VERIFY_PARAM_set_purpose(SSL_CTX_get0_param(ctx), X509_PURPOSE_SSL_CLIENT);
  // The CAs named in the certificate request, so that a client holding several picks the right one.
  if (STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(tls.client_ca_file().c_str())) {
    SSL_CTX_set_client_CA_list(ctx, names);
  }
  ERR_clear_error();
  int mode = SSL_VERIFY_PEER;
  if (tls.client_certificate() == v1::CLIENT_CERTIFICATE_REQUIRE) mode |= SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
  SSL_CTX_set_verify(ctx, mode, nullptr);
  return absl::OkStatus();
}

}  // namespace

int ProtocolVersionOf(std::string_view min_version) {
  if (min_version == "1.2") return TLS1_2_VERSION;
  if (min_version == "1.3") return TLS1_3_VERSION;
  return 0;
}

absl::StatusOr<ServerSslContext> BuildServerSslContext(const v1::Tls& tls, std::string_view prefix,
                                                       const std::string_view* alpn) {
  ServerSslContext out;
  out.ctx.reset(SSL_CTX_new(TLS_server_method()));
  if (!out.ctx) return Bad(prefix, "cannot make a TLS context");
  SSL_CTX* ctx = out.ctx.get();
  if (auto s = SetProtocols(ctx, tls, prefix); !s.ok()) return s;
  if (auto s = SetIdentity(ctx, tls, prefix, out); !s.ok()) return s;
  if (auto s = SetClientVerification(ctx, tls, prefix); !s.ok()) return s;
  SSL_CTX_set_session_id_context(ctx, kSessionIdContext, sizeof kSessionIdContext - 1);
  // `alpn` points to a constant, which outlives every context.
  SSL_CTX_set_alpn_select_cb(ctx, SelectAlpn, const_cast<std::string_view*>(alpn));
  return out;
}

}  // namespace ndxp::tls
