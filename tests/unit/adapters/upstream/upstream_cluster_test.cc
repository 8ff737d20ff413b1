#include "adapters/upstream/upstream_cluster.h"

#include <gtest/gtest.h>

#include "adapters/upstream/upstream_routes.h"
#include "adapters/upstream/upstream_target.h"
#include "gateway/core/route_table.h"
#include "gateway/metrics/registry.h"
#include "ndxp/population/v1/population.pb.h"

namespace ndxp::adapters {
namespace {

using ndxp::gateway::v1::Upstream;

Upstream Config(std::initializer_list<const char*> endpoints) {
  Upstream config;
  config.set_service("ndxp.population.v1.PopulationService");
  for (const char* e : endpoints) config.add_endpoints(e);
  return config;
}

class ClusterTest : public ::testing::Test {
 protected:
  absl::Status CreateError(const Upstream& config) {
    return UpstreamCluster::Create(config, "pop", metrics_).status();
  }
  metrics::Registry registry_;
  UpstreamMetrics metrics_{registry_};
};

TEST_F(ClusterTest, ValidatesItsConfiguration) {
  Upstream no_service = Config({"127.0.0.1:1"});
  no_service.clear_service();
  EXPECT_NE(CreateError(no_service).message().find("service: required"), absl::string_view::npos);
  EXPECT_NE(CreateError(Config({})).message().find("endpoints: at least one"),
            absl::string_view::npos);
  for (const char* bad : {"nohost", "host:", "host:0", "host:70000", ":50051", "::1:50051",
                          "host:5x"}) {
    absl::Status s = CreateError(Config({"127.0.0.1:1", bad}));
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(s.message().find("endpoints[1]"), absl::string_view::npos) << s;
  }
  Upstream many = Config({"127.0.0.1:1"});
  many.set_connections_per_endpoint(kMaxConnectionsPerEndpoint + 1);
  EXPECT_NE(CreateError(many).message().find("connections_per_endpoint"), absl::string_view::npos);
  Upstream keepalive = Config({"127.0.0.1:1"});
  keepalive.mutable_keepalive_time()->set_seconds(0);
  EXPECT_NE(CreateError(keepalive).message().find("keepalive_time"), absl::string_view::npos);
}

TEST_F(ClusterTest, AcceptsHostNamesAndBracketedIpv6) {
  for (const char* good : {"localhost:50051", "[::1]:50051", "10.0.0.1:1", "a.b.example:65535"}) {
    EXPECT_TRUE(ValidateEndpointAddress(good).ok()) << good;
  }
  auto cluster = UpstreamCluster::Create(Config({"localhost:1", "[::1]:2"}), "pop", metrics_);
  ASSERT_TRUE(cluster.ok()) << cluster.status();
  EXPECT_EQ((*cluster)->endpoints().size(), 2u);
  EXPECT_EQ((*cluster)->endpoints()[0]->connection_count(), 1u);  // default
  EXPECT_EQ((*cluster)->policy(), Balancer::Policy::kRoundRobin);
}

TEST_F(ClusterTest, SeveralClustersShareOneRegistry) {
  auto a = UpstreamCluster::Create(Config({"127.0.0.1:1"}), "a", metrics_);
  auto b = UpstreamCluster::Create(Config({"127.0.0.1:2"}), "b", metrics_);
  ASSERT_TRUE(a.ok() && b.ok());
  std::string text = registry_.Render();
  EXPECT_NE(text.find("endpoint_up{upstream=\"a\",endpoint=\"127.0.0.1:1\"}"), std::string::npos);
  EXPECT_NE(text.find("endpoint_up{upstream=\"b\",endpoint=\"127.0.0.1:2\"}"), std::string::npos);
  a->reset();
  text = registry_.Render();
  EXPECT_EQ(text.find("endpoint_up{upstream=\"a\""), std::string::npos) << "gone with its cluster";
}

TEST_F(ClusterTest, RoutesEveryMethodAndKeepsTheCluster) {
  auto cluster = UpstreamCluster::Create(Config({"127.0.0.1:1"}), "pop", metrics_);
  ASSERT_TRUE(cluster.ok());
  std::weak_ptr<UpstreamCluster> weak = *cluster;
  core::RouteTable table;
  const auto* service = ndxp::population::v1::GetCitizenRequest::descriptor()->file()->service(0);
  ASSERT_TRUE(AddUpstreamService(table, *service,
                                 google::protobuf::MessageFactory::generated_factory(),
                                 std::move(*cluster), "population", nullptr)
                  .ok());
  EXPECT_EQ(table.size(), static_cast<std::size_t>(service->method_count()));
  for (const auto& route : table.routes()) {
    EXPECT_EQ(route->target->kind(), "upstream");
    EXPECT_EQ(route->connector_name, "population");
    EXPECT_EQ(static_cast<UpstreamTarget*>(route->target)->method().full_method,
              route->full_method);
  }
  EXPECT_FALSE(weak.expired()) << "the table keeps the cluster";
}

TEST_F(ClusterTest, RefusesAClusterOfAnotherService) {
  Upstream config = Config({"127.0.0.1:1"});
  config.set_service("ndxp.business.v1.BusinessRegistryService");
  auto cluster = UpstreamCluster::Create(config, "biz", metrics_);
  ASSERT_TRUE(cluster.ok());
  core::RouteTable table;
  const auto* service = ndxp::population::v1::GetCitizenRequest::descriptor()->file()->service(0);
  absl::Status s = AddUpstreamService(table, *service,
                                      google::protobuf::MessageFactory::generated_factory(),
                                      *cluster, "population", nullptr);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(table.size(), 0u);
}

}  // namespace
}  // namespace ndxp::adapters
