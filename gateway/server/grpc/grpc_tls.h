#pragma once
// TLS on the gRPC listener (docs/decisions/0015-tls.md): gRPC 1.51's TlsServerCredentials with a
// FileWatcherCertificateProvider (the certificate and key re-read when their files change; live
// connections keep theirs), and our own client certificate verifier, which checks the chain
// against client_ca_file and crl_file with OpenSSL (gRPC is told to request the certificate but
// not to verify it) so that every refusal is counted by reason. The CAs and CRLs are re-read when
// their files change.

#include <memory>

#include <absl/status/statusor.h>
#include <grpcpp/security/server_credentials.h>

#include "gateway/tls/client_trust.h"
#include "gateway/tls/file_watch.h"
#include "gateway/tls/handshake_failure.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::server {

// Credentials for the listening port and what must live as long as the server.
struct GrpcTls {
  std::shared_ptr<grpc::ServerCredentials> credentials;
  std::shared_ptr<tls::ClientTrustSource> trust;  // null: no client certificates asked for
  std::unique_ptr<tls::FileWatch> trust_watch;    // re-reads client_ca_file and crl_file
};

// `tls` is grpc.tls with its defaults applied and validated. `failures` must outlive the server.
absl::StatusOr<GrpcTls> MakeGrpcTls(const gateway::v1::Tls& tls,
                                    const tls::HandshakeFailures& failures);

// gRPC 1.51 takes its TLS 1.2 cipher list only from the GRPC_SSL_CIPHER_SUITES environment
// variable, read once, process-wide (upstream channels too). Sets it from grpc.tls.ciphers unless
// the environment already has it (then that wins, and a line says so). Call before any gRPC TLS
// object is made, while the process has one thread. No-op without grpc.tls.
void ApplyGrpcCipherList(const gateway::v1::GatewayConfig& config);

}  // namespace ndxp::server
