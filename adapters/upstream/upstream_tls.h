#pragma once
// TLS from the gateway to an upstream (Upstream.tls): the CAs its certificate must chain to, and
// the gateway's own client certificate for mutual TLS, read once at start into gRPC's SSL channel
// credentials. The upstream's certificate must name the endpoint's host, or tls.server_name.

#include <memory>
#include <string_view>

#include <absl/status/statusor.h>
#include <grpcpp/security/credentials.h>

#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::adapters {

// Errors name the key under `prefix`, e.g. "upstreams[ndxp.population.v1.PopulationService].tls".
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> UpstreamTlsCredentials(
    const ndxp::gateway::v1::UpstreamTls& tls, std::string_view prefix);

}  // namespace ndxp::adapters
