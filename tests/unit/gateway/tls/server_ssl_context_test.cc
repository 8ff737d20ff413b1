// The HTTP listener's SSL_CTX from a tls section, checked with real handshakes in memory (a BIO
// pair, no socket): versions, ALPN, client certificates by reason.
#include "gateway/tls/server_ssl_context.h"

#include <openssl/err.h>

#include <optional>

#include <gtest/gtest.h>

#include "gateway/tls/handshake_failure.h"
#include "gateway/tls/pem_files.h"
#include "tests/unit/gateway/tls/dev_ca.h"

namespace ndxp::tls {
namespace {

namespace v1 = ::ndxp::gateway::v1;
using testing::DevCa;

v1::Tls ServerTls(v1::ClientCertificate mode = v1::CLIENT_CERTIFICATE_REQUIRE) {
  v1::Tls tls;
  tls.set_cert_file(DevCa().file("server.crt"));
  tls.set_key_file(DevCa().file("server.key"));
  if (mode != v1::CLIENT_CERTIFICATE_NONE) {
    tls.set_client_ca_file(DevCa().file("ca.crt"));
    tls.set_crl_file(DevCa().file("crl.pem"));
  }
  tls.set_client_certificate(mode);
  tls.set_min_version("1.2");
  tls.set_ciphers("ECDHE+AESGCM:ECDHE+CHACHA20");
  return tls;
}

struct ClientSide {
  std::string client = "client-79";  // "": no certificate
  int max_version = TLS1_3_VERSION;
  int min_version = TLS1_VERSION;
  std::string alpn = std::string("\x02h2\x08http/1.1", 12);
};

struct Outcome {
  bool ok = false;
  std::optional<HandshakeFailure> failure;  // as the listener would count it
  std::string alpn;
  std::string version;
};

struct SslFree {
  void operator()(SSL* p) const { SSL_free(p); }
};

// A client handshake against `server`, in memory, to the end on both sides.
Outcome Handshake(SSL_CTX* server, const ClientSide& side) {
  SslCtxPtr client_ctx(SSL_CTX_new(TLS_client_method()));
  SSL_CTX_set_min_proto_version(client_ctx.get(), side.min_version);
  SSL_CTX_set_max_proto_version(client_ctx.get(), side.max_version);
  SSL_CTX_set_security_level(client_ctx.get(), 0);  // let the client offer TLS 1.1
  SSL_CTX_load_verify_locations(client_ctx.get(), DevCa().file("ca.crt").c_str(), nullptr);
  SSL_CTX_set_verify(client_ctx.get(), SSL_VERIFY_PEER, nullptr);
  if (!side.client.empty()) {
    SSL_CTX_use_certificate_chain_file(client_ctx.get(), DevCa().file(side.client + ".crt").c_str());
    SSL_CTX_use_PrivateKey_file(client_ctx.get(), DevCa().file(side.client + ".key").c_str(),
                                SSL_FILETYPE_PEM);
  }
  std::unique_ptr<SSL, SslFree> c(SSL_new(client_ctx.get())), s(SSL_new(server));
  SSL_set_alpn_protos(c.get(), reinterpret_cast<const unsigned char*>(side.alpn.data()),
                      static_cast<unsigned>(side.alpn.size()));
  SSL_set_tlsext_host_name(c.get(), "localhost");
  BIO *cb = nullptr, *sb = nullptr;
  BIO_new_bio_pair(&cb, 0, &sb, 0);
  SSL_set_bio(c.get(), cb, cb);
  SSL_set_bio(s.get(), sb, sb);
  SSL_set_connect_state(c.get());
  SSL_set_accept_state(s.get());
  Outcome out;
  bool client_done = false, server_done = false;
  for (int round = 0; round < 50 && !(client_done && server_done); ++round) {
    if (!client_done) {
      const int rc = SSL_do_handshake(c.get());
      const int err = SSL_get_error(c.get(), rc);
      if (rc == 1) client_done = true;
      else if (err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE) client_done = true;
      ERR_clear_error();
    }
    if (!server_done) {
      const int rc = SSL_do_handshake(s.get());
      const int err = SSL_get_error(s.get(), rc);
      if (rc == 1) {
        server_done = true;
        out.ok = true;
      } else if (err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE) {
        server_done = true;
        out.failure = FailureOfHandshake(s.get(), ERR_peek_last_error());
      }
      ERR_clear_error();
    }
  }
  if (out.ok) {
    // With TLS 1.3 the server may see the client's certificate only now: read to find out.
    char byte;
    SSL_write(c.get(), "x", 1);
    if (SSL_read(s.get(), &byte, 1) != 1) {
      out.ok = false;
      out.failure = FailureOfHandshake(s.get(), ERR_peek_last_error());
    }
    ERR_clear_error();
    const unsigned char* alpn = nullptr;
    unsigned alpn_len = 0;
    SSL_get0_alpn_selected(s.get(), &alpn, &alpn_len);
    out.alpn.assign(reinterpret_cast<const char*>(alpn), alpn_len);
    out.version = SSL_get_version(s.get());
  }
  return out;
}

SslCtxPtr Build(const v1::Tls& tls) {
  auto built = BuildServerSslContext(tls, "http.tls", &kAlpnHttp11);
  EXPECT_TRUE(built.ok()) << built.status();
  if (!built.ok()) return nullptr;
  EXPECT_FALSE(built->certificate_serial.empty());
  return std::move(built->ctx);
}

TEST(ServerSslContext, AGoodClientCertificateHandshakesWithTls13AndHttp11) {
  SslCtxPtr ctx = Build(ServerTls());
  ASSERT_TRUE(ctx);
  Outcome out = Handshake(ctx.get(), ClientSide{});
  EXPECT_TRUE(out.ok);
  EXPECT_EQ(out.version, "TLSv1.3");
  EXPECT_EQ(out.alpn, "http/1.1");  // h2 offered, not chosen (the HTTP/2 listener's seam)
}

TEST(ServerSslContext, RefusesClientCertificatesByReason) {
  SslCtxPtr ctx = Build(ServerTls());
  ASSERT_TRUE(ctx);
  for (int max : {TLS1_2_VERSION, TLS1_3_VERSION}) {
    SCOPED_TRACE(max == TLS1_2_VERSION ? "TLS 1.2" : "TLS 1.3");
    auto refused = [&](const std::string& client) {
      return Handshake(ctx.get(), ClientSide{.client = client, .max_version = max}).failure;
    };
    EXPECT_EQ(refused(""), HandshakeFailure::kNoCertificate);
    EXPECT_EQ(refused("client-expired"), HandshakeFailure::kExpired);
    EXPECT_EQ(refused("client-revoked"), HandshakeFailure::kRevoked);
    EXPECT_EQ(refused("other-client"), HandshakeFailure::kUnknownCa);
    EXPECT_EQ(refused("client-01"), std::nullopt);
  }
}

TEST(ServerSslContext, RequestLetsAClientWithoutCertificateIn) {
  SslCtxPtr ctx = Build(ServerTls(v1::CLIENT_CERTIFICATE_REQUEST));
  ASSERT_TRUE(ctx);
  EXPECT_TRUE(Handshake(ctx.get(), ClientSide{.client = ""}).ok);
  EXPECT_EQ(Handshake(ctx.get(), ClientSide{.client = "client-revoked"}).failure,
            HandshakeFailure::kRevoked);  // one that is sent is verified
}

TEST(ServerSslContext, NoneAsksForNoCertificate) {
  SslCtxPtr ctx = Build(ServerTls(v1::CLIENT_CERTIFICATE_NONE));
  ASSERT_TRUE(ctx);
  EXPECT_EQ(SSL_CTX_get_verify_mode(ctx.get()), SSL_VERIFY_NONE);
  EXPECT_TRUE(Handshake(ctx.get(), ClientSide{.client = ""}).ok);
}

TEST(ServerSslContext, VersionsBelowTheMinimumAreRefused) {
  SslCtxPtr ctx = Build(ServerTls());
  ASSERT_TRUE(ctx);
  EXPECT_EQ(Handshake(ctx.get(), ClientSide{.max_version = TLS1_1_VERSION}).failure,
            HandshakeFailure::kProtocol);
  v1::Tls only13 = ServerTls();
  only13.set_min_version("1.3");
  SslCtxPtr ctx13 = Build(only13);
  ASSERT_TRUE(ctx13);
  EXPECT_EQ(SSL_CTX_get_min_proto_version(ctx13.get()), TLS1_3_VERSION);
  EXPECT_EQ(Handshake(ctx13.get(), ClientSide{.max_version = TLS1_2_VERSION}).failure,
            HandshakeFailure::kProtocol);
  EXPECT_TRUE(Handshake(ctx13.get(), ClientSide{}).ok);
}

TEST(ServerSslContext, ErrorsNameTheKey) {
  auto expect_key = [](const v1::Tls& tls, std::string_view key) {
    auto built = BuildServerSslContext(tls, "http.tls", &kAlpnHttp11);
    ASSERT_FALSE(built.ok());
    EXPECT_TRUE(std::string(built.status().message()).starts_with(std::string(key) + ": ")) << built.status();
  };
  v1::Tls tls = ServerTls();
  tls.set_ciphers("NO-SUCH-CIPHER");
  expect_key(tls, "http.tls.ciphers");
  tls = ServerTls();
  tls.set_ciphersuites("TLS_NO_SUCH_SUITE");
  expect_key(tls, "http.tls.ciphersuites");
  tls = ServerTls();
  tls.set_key_file(DevCa().file("client-79.key"));
  expect_key(tls, "http.tls.key_file");
  tls = ServerTls();
  tls.set_min_version("1.1");
  expect_key(tls, "http.tls.min_version");
}

}  // namespace
}  // namespace ndxp::tls
