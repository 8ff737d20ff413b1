#include "adapters/inprocess/inprocess_routes.h"

#include "adapters/inprocess/inprocess_target.h"
#include "gateway/core/strings.h"

namespace ndxp::adapters {
namespace {

bool HasHandlerOfShape(const core::MethodHandler& handler, core::CallShape shape) {
  switch (shape) {
    case core::CallShape::kUnary: return static_cast<bool>(handler.unary);
    case core::CallShape::kServerStreaming: return static_cast<bool>(handler.server_stream);
    case core::CallShape::kClientStreaming:
    case core::CallShape::kBidiStreaming: return static_cast<bool>(handler.request_stream);
  }
  return false;
}

}  // namespace

absl::Status AddInProcessConnector(core::RouteTable& table,
                                   std::unique_ptr<core::Connector> connector) {
  std::shared_ptr<core::Connector> owned(std::move(connector));
  auto handlers = std::make_shared<std::vector<core::MethodHandler>>(owned->Handlers());
  auto handler_for = [handlers](const google::protobuf::MethodDescriptor& method)
      -> const core::MethodHandler* {
    for (const auto& h : *handlers) {
      if (h.method == &method) return &h;
    }
    return nullptr;
  };
  core::ServiceSpec spec;
  spec.service = &owned->service();
  spec.connector_name = std::string(owned->name());
  spec.factory = google::protobuf::MessageFactory::generated_factory();
  spec.make_target = [handler_for, name = spec.connector_name](const core::Route& route)
      -> absl::StatusOr<std::unique_ptr<core::Target>> {
    const core::MethodHandler* handler = handler_for(*route.method);
    if (handler == nullptr) {
      return absl::InvalidArgumentError(core::Cat("connector ", name,
                                                  " has no handler for ", route.method->full_name()));
    }
    if (!HasHandlerOfShape(*handler, route.shape)) {
      return absl::InvalidArgumentError(
          core::Cat("method ", route.method->full_name(), " is ", core::CallShapeName(route.shape),
                    " but its connector gives no handler of that shape"));
    }
    return std::make_unique<InProcessTarget>(*handler);
  };
  if (absl::Status s = table.AddService(std::move(spec)); !s.ok()) return s;
  table.Keep(std::move(owned));
  return absl::OkStatus();
}

}  // namespace ndxp::adapters
