#include "adapters/upstream/upstream_target.h"

#include "adapters/upstream/upstream_stream.h"
#include "adapters/upstream/upstream_unary.h"
#include "gateway/core/call.h"

namespace ndxp::adapters {

UpstreamTarget::UpstreamTarget(const core::Route& route, std::shared_ptr<UpstreamCluster> cluster,
                               const OutgoingIdentity* identity)
    : method_{route.full_method, identity, route.request_prototype, route.response_prototype},
      cluster_(std::move(cluster)) {}

void UpstreamTarget::Unary(core::Call& call, core::Payload& request, core::Payload& response,
                           core::UnaryCompletion& done) {
  if (absl::Status s = call.InspectRequest(request); !s.ok()) return done.OnUnaryDone(s);
  absl::StatusOr<grpc::ByteBuffer*> bytes = request.Bytes();
  if (!bytes.ok()) return done.OnUnaryDone(bytes.status());
  UpstreamEndpoint* endpoint = cluster_->Pick();
  if (endpoint == nullptr) return done.OnUnaryDone(cluster_->NoHealthyEndpoint());
  StartUpstreamUnary(method_, *endpoint, call, **bytes, response, done);
}

std::shared_ptr<core::TargetStream> UpstreamTarget::OpenStream(core::Call& call,
                                                               core::StreamPeer& peer) {
  UpstreamEndpoint* endpoint = cluster_->Pick();
  if (endpoint == nullptr) return MakeRefusedStream(peer, cluster_->NoHealthyEndpoint());
  return MakeUpstreamStream(method_, *endpoint, call, peer);
}

}  // namespace ndxp::adapters
