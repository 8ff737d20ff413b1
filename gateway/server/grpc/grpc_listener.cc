#include "gateway/server/grpc/grpc_listener.h"

#include <grpc/grpc.h>

#include <algorithm>
#include <cstdint>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/server_builder.h>

#include "gateway/core/strings.h"
#include "gateway/server/grpc/reflection_service.h"
#include "grpc/health/v1/health.pb.h"

namespace ndxp::server {
namespace {

constexpr const char* kHealthService = "grpc.health.v1.Health";
constexpr const char* kReflectionV1 = "grpc.reflection.v1.ServerReflection";
constexpr const char* kReflectionV1Alpha = "grpc.reflection.v1alpha.ServerReflection";

std::vector<std::string> ListedServices(const core::RouteTable& routes,
                                        const GrpcListenerOptions& options) {
  std::vector<std::string> names;
  for (const auto* service : routes.services()) names.push_back(service->full_name());
  if (options.health) names.emplace_back(kHealthService);
  if (options.reflection) {
    names.emplace_back(kReflectionV1);
    names.emplace_back(kReflectionV1Alpha);
  }
  return names;
}

int Millis(absl::Duration d) {
  return static_cast<int>(std::min<std::int64_t>(absl::ToInt64Milliseconds(d), INT32_MAX));
}

// Keepalive, connection age and stream limits on every connection.
void ApplyConnectionOptions(const GrpcConnectionOptions& o, grpc::ServerBuilder& builder) {
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, Millis(o.keepalive_time));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, Millis(o.keepalive_timeout));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS,
                             Millis(o.min_ping_interval));
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 2);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_IDLE_MS, Millis(o.max_connection_idle));
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS, Millis(o.max_connection_age));
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS,
                             Millis(o.max_connection_age_grace));
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS,
                             static_cast<int>(std::min<std::uint32_t>(o.max_concurrent_streams,
                                                                      INT32_MAX)));
}

}  // namespace

absl::StatusOr<std::unique_ptr<GrpcListener>> GrpcListener::Start(
    const GrpcListenerOptions& options, const Pipeline& pipeline) {
  std::unique_ptr<GrpcListener> listener(new GrpcListener());
  listener->options_ = options;
  // The health service's messages are linked so that reflection can describe it.
  (void)grpc::health::v1::HealthCheckRequest::descriptor();
  grpc::EnableDefaultHealthCheckService(options.health);

  const bool tls = options.tls.has_value();
  std::shared_ptr<grpc::ServerCredentials> credentials = grpc::InsecureServerCredentials();
  if (tls) {
    auto made = MakeGrpcTls(*options.tls, *options.handshake_failures);
    if (!made.ok()) return made.status();
    listener->tls_ = *std::move(made);
    credentials = listener->tls_.credentials;
  }
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.address, credentials, &listener->port_);
  builder.SetMaxReceiveMessageSize(static_cast<int>(options.limits.max_request_bytes));
  builder.AddChannelArgument(GRPC_ARG_MAX_METADATA_SIZE,
                             static_cast<int>(options.limits.max_header_bytes));
  ApplyConnectionOptions(options.connections, builder);
  listener->unary_ = std::make_unique<GrpcUnaryService>(pipeline, tls);
  if (!listener->unary_->empty()) builder.RegisterService(listener->unary_.get());
  listener->generic_ = std::make_unique<GrpcGenericService>(pipeline, tls);
  builder.RegisterCallbackGenericService(listener->generic_.get());
  if (options.reflection) {
    listener->reflection_index_ =
        std::make_unique<ReflectionIndex>(ListedServices(pipeline.routes(), options),
                                          pipeline.routes().services());
    listener->named_services_.push_back(MakeReflectionServiceV1(*listener->reflection_index_));
    listener->named_services_.push_back(MakeReflectionServiceV1Alpha(*listener->reflection_index_));
  }
  for (auto& service : listener->named_services_) builder.RegisterService(service.get());

  listener->server_ = builder.BuildAndStart();
  if (listener->server_ == nullptr || listener->port_ == 0) {
    return absl::UnavailableError(core::Cat("cannot listen for gRPC on ", options.address));
  }
  if (auto* health = listener->server_->GetHealthCheckService()) {
    health->SetServingStatus(true);
    for (const auto* service : pipeline.routes().services()) {
      health->SetServingStatus(service->full_name(), true);
    }
  }
  return listener;
}

GrpcListener::~GrpcListener() {
  if (server_) Shutdown(absl::Now());
}

void GrpcListener::MarkNotServing() {
  if (!server_) return;
  if (auto* health = server_->GetHealthCheckService()) health->SetServingStatus(false);
}

void GrpcListener::Shutdown(absl::Time deadline) {
  if (!server_) return;
  MarkNotServing();
  server_->Shutdown(absl::ToChronoTime(deadline));
  server_->Wait();
  server_.reset();
}

}  // namespace ndxp::server
