#include "gateway/core/route_table.h"

#include "gateway/core/strings.h"

#include <google/protobuf/message.h>

namespace ndxp::core {
namespace {

absl::Status CheckHandler(const MethodHandler& handler, CallShape shape) {
  bool ok = false;
  switch (shape) {
    case CallShape::kUnary:
      ok = static_cast<bool>(handler.unary);
      break;
    case CallShape::kServerStreaming:
      ok = static_cast<bool>(handler.server_stream);
      break;
    case CallShape::kClientStreaming:
    case CallShape::kBidiStreaming:
      ok = static_cast<bool>(handler.request_stream);
      break;
  }
  if (ok) return absl::OkStatus();
  return absl::InvalidArgumentError(
      Cat("method ", handler.method->full_name(), " is ", CallShapeName(shape),
                   " but its connector gives no handler of that shape"));
}

const google::protobuf::Message* Prototype(const google::protobuf::Descriptor* type) {
  return google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
}

}  // namespace

absl::Status RouteTable::AddConnector(std::unique_ptr<Connector> connector) {
  const auto& service = connector->service();
  for (const auto* existing : services_) {
    if (existing == &service) {
      return absl::AlreadyExistsError(Cat("service ", service.full_name(), " is routed twice"));
    }
  }
  std::vector<MethodHandler> handlers = connector->Handlers();
  std::vector<std::unique_ptr<Route>> added;
  for (int i = 0; i < service.method_count(); ++i) {
    const auto* method = service.method(i);
    const MethodHandler* handler = nullptr;
    for (const auto& h : handlers) {
      if (h.method == method) handler = &h;
    }
    if (handler == nullptr) {
      return absl::InvalidArgumentError(
          Cat("connector ", connector->name(), " has no handler for ", method->full_name()));
    }
    auto route = std::make_unique<Route>();
    route->shape = ShapeOf(*method);
    if (auto status = CheckHandler(*handler, route->shape); !status.ok()) return status;
    route->index = routes_.size() + added.size();
    route->full_method = Cat("/", service.full_name(), "/", method->name());
    route->service_name = service.full_name();
    route->method_name = method->name();
    route->connector_name = std::string(connector->name());
    route->method = method;
    route->request_prototype = Prototype(method->input_type());
    route->response_prototype = Prototype(method->output_type());
    route->handler = *handler;
    added.push_back(std::move(route));
  }
  for (auto& route : added) {
    by_method_.emplace(route->full_method, route.get());
    routes_.push_back(std::move(route));
  }
  services_.push_back(&service);
  connectors_.push_back(std::move(connector));
  return absl::OkStatus();
}

const Route* RouteTable::Find(std::string_view full_method) const {
  auto it = by_method_.find(absl::string_view(full_method.data(), full_method.size()));
  return it == by_method_.end() ? nullptr : it->second;
}

}  // namespace ndxp::core
