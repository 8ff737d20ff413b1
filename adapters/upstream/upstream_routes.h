#pragma once
// Routes every method of a service to a remote gRPC upstream, each to an UpstreamTarget on the
// same cluster.

#include <functional>
#include <memory>
#include <string>

#include <absl/status/status.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include "adapters/upstream/outgoing_identity.h"
#include "adapters/upstream/upstream_cluster.h"
#include "gateway/core/route_table.h"

namespace ndxp::adapters {

// `factory` gives the message types (the generated factory for a built-in service, a
// DynamicMessageFactory for one known by its descriptor set); `connector_name` labels the routes'
// metrics. The table keeps `cluster` alive; `identity` (may be null) must outlive the table.
// Fails, adding nothing, when the cluster serves another service or the service is routed
// already.
absl::Status AddUpstreamService(core::RouteTable& table,
                                const google::protobuf::ServiceDescriptor& service,
                                google::protobuf::MessageFactory* factory,
                                std::shared_ptr<UpstreamCluster> cluster,
                                std::string connector_name, const OutgoingIdentity* identity);

}  // namespace ndxp::adapters
