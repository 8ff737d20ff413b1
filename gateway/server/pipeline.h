#pragma once
// The path of every call, whatever the listener: the route table and, per route, its chain of
// stages, built once from the stage factories (in the order given); plus the count of requests
// that listeners refuse before any chain runs (input limits). Listeners look a route up, run its
// chain (core::Call), and hand admitted calls to the route's target.

#include <array>
#include <memory>
#include <string_view>
#include <vector>

#include "gateway/core/call.h"
#include "gateway/core/protocol.h"
#include "gateway/core/route_table.h"
#include "gateway/core/stage.h"
#include "gateway/metrics/registry.h"

namespace ndxp::server {

using core::Protocol;

// Input limits a listener enforces itself, as label values of ndxp_gateway_limit_rejections_total.
enum class InputLimit : std::uint8_t { kRequestBytes = 0, kHeaderBytes = 1, kJsonDepth = 2 };
inline constexpr std::size_t kInputLimitCount = 3;
std::string_view InputLimitName(InputLimit limit);

class Pipeline {
 public:
  // One chain per route and one for calls to no route, each made of what every factory gives
  // for it (factories returning nullptr are left out). Factories must outlive the pipeline.
  Pipeline(const core::RouteTable& routes, const std::vector<core::StageFactory*>& factories,
           metrics::Registry& registry);

  const core::RouteTable& routes() const { return routes_; }
  const core::Route* Find(std::string_view full_method) const { return routes_.Find(full_method); }
  const core::Chain& ChainFor(const core::Route* route) const {
    return route != nullptr ? chains_[route->index] : no_route_;
  }

  // A request refused by an input limit before its chain ran.
  void CountLimitRejection(core::Protocol protocol, InputLimit limit) const {
    limit_rejections_[static_cast<std::size_t>(protocol)][static_cast<std::size_t>(limit)]->Inc();
  }
  metrics::Registry& registry() const { return registry_; }

 private:
  const core::RouteTable& routes_;
  metrics::Registry& registry_;
  std::vector<core::Chain> chains_;  // by Route::index
  core::Chain no_route_;
  std::array<std::array<metrics::Counter*, kInputLimitCount>, core::kProtocolCount>
      limit_rejections_{};
};

}  // namespace ndxp::server
