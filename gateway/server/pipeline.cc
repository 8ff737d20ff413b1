#include "gateway/server/pipeline.h"

namespace ndxp::server {
namespace {

core::Chain ChainOf(const std::vector<core::StageFactory*>& factories, const core::Route* route) {
  std::vector<core::Stage*> stages;
  for (core::StageFactory* factory : factories) {
    if (core::Stage* stage = factory->ForRoute(route)) stages.push_back(stage);
  }
  return core::Chain(std::move(stages));
}

}  // namespace

std::string_view InputLimitName(InputLimit limit) {
  switch (limit) {
    case InputLimit::kRequestBytes: return "max_request_bytes";
    case InputLimit::kHeaderBytes: return "max_header_bytes";
    case InputLimit::kJsonDepth: return "max_json_depth";
  }
  return "unknown";
}

Pipeline::Pipeline(const core::RouteTable& routes,
                   const std::vector<core::StageFactory*>& factories, metrics::Registry& registry)
    : routes_(routes), registry_(registry) {
  chains_.reserve(routes.size());
  for (const auto& route : routes.routes()) chains_.push_back(ChainOf(factories, route.get()));
  no_route_ = ChainOf(factories, nullptr);
  auto& family = registry.AddCounter("ndxp_gateway_limit_rejections_total",
                                     "Calls refused by an input limit, by limit.",
                                     {"protocol", "limit"});
  for (std::size_t p = 0; p < core::kProtocolCount; ++p) {
    for (std::size_t l = 0; l < kInputLimitCount; ++l) {
      limit_rejections_[p][l] = &family.WithLabels(
          {core::ProtocolName(static_cast<core::Protocol>(p)),
           InputLimitName(static_cast<InputLimit>(l))});
    }
  }
}

}  // namespace ndxp::server
