#pragma once
// Builds clusters and routes for the upstream adapter's tests.

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/upstream/upstream_cluster.h"
#include "adapters/upstream/upstream_routes.h"
#include "gateway/core/route_table.h"
#include "gateway/metrics/registry.h"
#include "ndxp/gateway/v1/config.pb.h"
#include "tests/unit/adapters/upstream/test_support.h"
#include "tests/unit/adapters/upstream/test_upstream.h"

namespace ndxp::adapters::testing {

inline constexpr char kPopulation[] = "ndxp.population.v1.PopulationService";
inline constexpr char kBusiness[] = "ndxp.business.v1.BusinessRegistryService";
inline constexpr char kGetCitizen[] = "/ndxp.population.v1.PopulationService/GetCitizen";
inline constexpr char kBatchVerify[] = "/ndxp.population.v1.PopulationService/BatchVerifyCitizens";
inline constexpr char kReconcile[] = "/ndxp.population.v1.PopulationService/ReconcileCitizens";
inline constexpr char kStreamEnterprises[] = "/ndxp.business.v1.BusinessRegistryService/StreamEnterprises";

// An address where nothing listens (a port just freed).
std::string DeadAddress();

// Waits until every connection of `endpoint` is in TRANSIENT_FAILURE.
bool WaitForFailure(const UpstreamEndpoint& endpoint, absl::Duration timeout);

class UpstreamTest : public ::testing::Test {
 protected:
  ndxp::gateway::v1::Upstream Config(const std::vector<std::string>& endpoints,
                                     const std::string& service = kPopulation);
  // A cluster over `endpoints`, routed in a table of its own.
  std::shared_ptr<UpstreamCluster> Route(const ndxp::gateway::v1::Upstream& config,
                                         const std::string& name = "pop");
  std::shared_ptr<UpstreamCluster> Route(const std::vector<std::string>& endpoints,
                                         const std::string& service = kPopulation) {
    return Route(Config(endpoints, service));
  }
  // The route of `full_method` in the tables made so far.
  const core::Route& RouteOf(const std::string& full_method);

  metrics::Registry registry_;
  UpstreamMetrics metrics_{registry_};
  TestIdentity identity_;
  std::vector<std::unique_ptr<core::RouteTable>> tables_;
};

}  // namespace ndxp::adapters::testing
