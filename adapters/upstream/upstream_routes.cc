#include "adapters/upstream/upstream_routes.h"

#include "adapters/upstream/upstream_target.h"
#include "gateway/core/strings.h"

namespace ndxp::adapters {

absl::Status AddUpstreamService(core::RouteTable& table,
                                const google::protobuf::ServiceDescriptor& service,
                                google::protobuf::MessageFactory* factory,
                                std::shared_ptr<UpstreamCluster> cluster,
                                std::string connector_name, const OutgoingIdentity* identity) {
  if (cluster == nullptr) {
    return absl::InvalidArgumentError(core::Cat("no upstream cluster for ", service.full_name()));
  }
  if (cluster->service() != service.full_name()) {
    return absl::InvalidArgumentError(core::Cat("upstream ", cluster->name(), " serves ",
                                                cluster->service(), ", not ",
                                                service.full_name()));
  }
  core::ServiceSpec spec;
  spec.service = &service;
  spec.connector_name = std::move(connector_name);
  spec.factory = factory;
  spec.make_target = [cluster, identity](const core::Route& route)
      -> absl::StatusOr<std::unique_ptr<core::Target>> {
    return std::make_unique<UpstreamTarget>(route, cluster, identity);
  };
  if (absl::Status s = table.AddService(std::move(spec)); !s.ok()) return s;
  table.Keep(std::move(cluster));
  return absl::OkStatus();
}

}  // namespace ndxp::adapters
