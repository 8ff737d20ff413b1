#pragma once
// The caller's connection as the chain sees it (core::PeerInfo), read from a gRPC call's auth
// context: the verified client certificate's SAN URIs, common name and subject.

#include <grpcpp/security/auth_context.h>

#include "gateway/core/peer_info.h"

namespace ndxp::server {

// For a call on a TLS port. gRPC 1.51 does not report the TLS version (tls_version stays "").
core::PeerInfo PeerFromAuthContext(const grpc::AuthContext& auth);

}  // namespace ndxp::server
