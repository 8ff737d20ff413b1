#include "gateway/core/route_table.h"

#include "ndxp/common/v1/options.pb.h"

#include "gateway/core/strings.h"

namespace ndxp::core {

RouteTable::~RouteTable() {
  targets_.clear();
  while (!kept_.empty()) kept_.pop_back();
}

absl::Status RouteTable::AddService(ServiceSpec spec) {
  const google::protobuf::ServiceDescriptor& service = *spec.service;
  for (const auto* existing : services_) {
    if (existing->full_name() == service.full_name()) {
      return absl::AlreadyExistsError(Cat("service ", service.full_name(), " is routed twice"));
    }
  }
  std::vector<std::unique_ptr<Route>> added;
  std::vector<std::unique_ptr<Target>> targets;
  for (int i = 0; i < service.method_count(); ++i) {
    const auto* method = service.method(i);
    auto route = std::make_unique<Route>();
    route->index = routes_.size() + added.size();
    route->full_method = Cat("/", service.full_name(), "/", method->name());
    route->service_name = service.full_name();
    route->method_name = method->name();
    route->connector_name = spec.connector_name;
    route->shape = ShapeOf(*method);
    route->reads_personal_data = MethodReadsPersonalData(*method) ||
                                 (spec.reads_personal_data && spec.reads_personal_data(*method));
    route->method = method;
    route->request_prototype = spec.factory->GetPrototype(method->input_type());
    route->response_prototype = spec.factory->GetPrototype(method->output_type());
    if (route->request_prototype == nullptr || route->response_prototype == nullptr) {
      return absl::InvalidArgumentError(
          Cat("no message types for ", method->full_name(), " in its descriptor pool"));
    }
    auto target = spec.make_target(*route);
    if (!target.ok()) return target.status();
    route->target = target->get();
    targets.push_back(*std::move(target));
    added.push_back(std::move(route));
  }
  for (auto& route : added) {
    by_method_.emplace(route->full_method, route.get());
    routes_.push_back(std::move(route));
  }
  for (auto& target : targets) targets_.push_back(std::move(target));
  services_.push_back(&service);
  return absl::OkStatus();
}

const Route* RouteTable::Find(std::string_view full_method) const {
  auto it = by_method_.find(absl::string_view(full_method.data(), full_method.size()));
  return it == by_method_.end() ? nullptr : it->second;
}

bool MethodReadsPersonalData(const google::protobuf::MethodDescriptor& method) {
  return method.options().GetExtension(ndxp::common::v1::reads_personal_data);
}

}  // namespace ndxp::core
