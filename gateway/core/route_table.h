#pragma once
// The route table: full gRPC method name -> route. Built once at start, read-only afterwards, so
// lookups take no lock. Per-route runtime state (metric handles, limits) lives in arrays indexed by
// Route::index, owned by the listeners.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <absl/container/flat_hash_map.h>
#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include "gateway/core/connector.h"

namespace ndxp::core {

struct Route {
  std::size_t index = 0;        // dense, 0..size()-1
  std::string full_method;      // "/ndxp.population.v1.PopulationService/GetCitizen"
  std::string service_name;     // "ndxp.population.v1.PopulationService"
  std::string method_name;      // "GetCitizen"
  std::string connector_name;   // "population"
  CallShape shape = CallShape::kUnary;
  const google::protobuf::MethodDescriptor* method = nullptr;
  const google::protobuf::Message* request_prototype = nullptr;
  const google::protobuf::Message* response_prototype = nullptr;
  MethodHandler handler;
};

class RouteTable {
 public:
  // Adds every method of `connector`, taking ownership. Fails (naming the method) when a handler
  // is missing or does not match the method's call shape, or the service is already routed.
  absl::Status AddConnector(std::unique_ptr<Connector> connector);

  // The route for "/package.Service/Method", or nullptr.
  const Route* Find(std::string_view full_method) const;

  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }
  std::size_t size() const { return routes_.size(); }
  // Routed services, in the order they were added.
  const std::vector<const google::protobuf::ServiceDescriptor*>& services() const {
    return services_;
  }
  const std::vector<std::unique_ptr<Connector>>& connectors() const { return connectors_; }

 private:
  std::vector<std::unique_ptr<Connector>> connectors_;
  std::vector<const google::protobuf::ServiceDescriptor*> services_;
  std::vector<std::unique_ptr<Route>> routes_;
  absl::flat_hash_map<std::string, const Route*> by_method_;
};

}  // namespace ndxp::core
