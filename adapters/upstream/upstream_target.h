#pragma once
// A route served by a remote gRPC upstream: the caller's bytes are forwarded untouched (parsed only
// when a stage on the route inspects the messages) to an endpoint of the route's cluster, and the
// upstream's answer or status comes back as it was. Unary calls use a unary upstream call; the
// three streaming shapes one generic bidirectional call, with flow control (upstream_stream.h).

#include <memory>
#include <string_view>

#include "adapters/upstream/outgoing_identity.h"
#include "adapters/upstream/upstream_cluster.h"
#include "adapters/upstream/upstream_method.h"
#include "gateway/core/route_table.h"
#include "gateway/core/target.h"

namespace ndxp::adapters {

// Lifetimes: the route table (which keeps the cluster, its endpoints and their channels) must
// outlive every Call on its routes. A call's state goes with the listener's last reference to it
// (the Call's work in flight, or the TargetStream), so the last reference to a channel is never
// dropped on a gRPC callback thread.
class UpstreamTarget final : public core::Target {
 public:
  // The target of `route` (its full method and message types are kept). `identity` may be null
  // and must outlive the target.
  UpstreamTarget(const core::Route& route, std::shared_ptr<UpstreamCluster> cluster,
                 const OutgoingIdentity* identity);

  std::string_view kind() const override { return "upstream"; }
  void Unary(core::Call& call, core::Payload& request, core::Payload& response,
             core::UnaryCompletion& done) override;
  std::shared_ptr<core::TargetStream> OpenStream(core::Call& call,
                                                 core::StreamPeer& peer) override;

  const UpstreamMethod& method() const { return method_; }

 private:
  const UpstreamMethod method_;
  const std::shared_ptr<UpstreamCluster> cluster_;
};

}  // namespace ndxp::adapters
