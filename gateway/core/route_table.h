#pragma once
// The route table: full gRPC method name -> route. Built once at start, read-only afterwards, so
// lookups take no lock. A route names its target (an in-process connector or a remote upstream,
// both behind core::Target); per-route runtime state (chains of stages with their metric handles)
// lives in arrays indexed by Route::index, owned by the server.

#include <functional>
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
#include "gateway/core/target.h"

namespace ndxp::core {

struct Route {
  std::size_t index = 0;        // dense, 0..size()-1
  std::string full_method;      // "/ndxp.population.v1.PopulationService/GetCitizen"
  std::string service_name;     // "ndxp.population.v1.PopulationService"
  std::string method_name;      // "GetCitizen"
  std::string connector_name;   // "population" (metrics label; an upstream's name when remote)
  CallShape shape = CallShape::kUnary;
  bool reads_personal_data = false;
  const google::protobuf::MethodDescriptor* method = nullptr;
  const google::protobuf::Message* request_prototype = nullptr;
  const google::protobuf::Message* response_prototype = nullptr;
  Target* target = nullptr;     // owned by the route table
};

// What RouteTable::AddService needs to know of one service.
struct ServiceSpec {
  const google::protobuf::ServiceDescriptor* service = nullptr;
  std::string connector_name;
  // Where the request and response prototypes come from: the generated factory for compiled-in
  // services, a DynamicMessageFactory for a service known by its descriptor set.
  google::protobuf::MessageFactory* factory = nullptr;
  // The target of each method; an error names what is wrong (e.g. a missing handler).
  std::function<absl::StatusOr<std::unique_ptr<Target>>(const Route&)> make_target;
  // Whether a method reads personal data beyond what its descriptor says (the method option
  // ndxp.common.v1.reads_personal_data, which always counts); default: nothing more.
  std::function<bool(const google::protobuf::MethodDescriptor&)> reads_personal_data;
};

// Whether the method's descriptor carries the option ndxp.common.v1.reads_personal_data.
bool MethodReadsPersonalData(const google::protobuf::MethodDescriptor& method);

class RouteTable {
 public:
  RouteTable() = default;
  RouteTable(const RouteTable&) = delete;
  RouteTable& operator=(const RouteTable&) = delete;
  // Targets first, then what was kept, in reverse order of Keep.
  ~RouteTable();

  // Routes every method of the service. Fails, adding nothing, when the service is routed
  // already or a target cannot be made (the error names the method).
  absl::Status AddService(ServiceSpec spec);

  // Keeps `owner` alive as long as the table (a connector, a descriptor pool, an upstream's
  // connections): what the routes' targets and descriptors point into. Released in reverse order,
  // so an owner may use what was kept before it.
  void Keep(std::shared_ptr<void> owner) { kept_.push_back(std::move(owner)); }

  // The route for "/package.Service/Method", or nullptr.
  const Route* Find(std::string_view full_method) const;

  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }
  std::size_t size() const { return routes_.size(); }
  // Routed services, in the order they were added.
  const std::vector<const google::protobuf::ServiceDescriptor*>& services() const {
    return services_;
  }

 private:
  std::vector<std::shared_ptr<void>> kept_;
  std::vector<std::unique_ptr<Target>> targets_;
  std::vector<const google::protobuf::ServiceDescriptor*> services_;
  std::vector<std::unique_ptr<Route>> routes_;
  absl::flat_hash_map<std::string, const Route*> by_method_;
};

}  // namespace ndxp::core
