#include "gateway/config/defaults.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

namespace ndxp::config {
namespace {

namespace v1 = ::ndxp::gateway::v1;

const std::vector<std::string_view> kBuiltins = {"population", "business"};
const std::vector<std::string_view> kServices = {"ndxp.population.v1.PopulationService",
                                                 "ndxp.business.v1.BusinessRegistryService"};

std::vector<std::string> ConnectorNames(const v1::GatewayConfig& config) {
  std::vector<std::string> names;
  for (const auto& c : config.connectors()) names.push_back(c.name());
  return names;
}

v1::Upstream* AddUpstream(v1::GatewayConfig& config, const std::string& service) {
  v1::Upstream* upstream = config.add_upstreams();
  upstream->set_service(service);
  upstream->add_endpoints("127.0.0.1:7001");
  return upstream;
}

TEST(DefaultsTest, EmptyConfigGetsEveryStatedDefault) {
  const gateway::v1::GatewayConfig config = DefaultConfig(kBuiltins);
  EXPECT_EQ(config.grpc().address(), "127.0.0.1:50051");
  EXPECT_TRUE(config.grpc().has_reflection() && config.grpc().reflection());
  EXPECT_TRUE(config.grpc().has_health() && config.grpc().health());
  EXPECT_EQ(config.http().address(), "127.0.0.1:8080");
  EXPECT_EQ(config.http().threads(), 0u);
  EXPECT_EQ(config.http().idle_timeout().seconds(), 60);
  EXPECT_EQ(config.limits().max_request_bytes(), 4194304u);
  EXPECT_EQ(config.limits().max_header_bytes(), 16384u);
  EXPECT_EQ(config.limits().max_json_depth(), 32u);
  EXPECT_EQ(config.limits().default_deadline().seconds(), 30);
  EXPECT_EQ(config.limits().max_deadline().seconds(), 300);
  EXPECT_TRUE(config.access_log().has_path());
  EXPECT_EQ(config.access_log().path(), "-");
  EXPECT_EQ(config.shutdown().drain_timeout().seconds(), 10);
  EXPECT_EQ(config.clients_size(), 0);
  ASSERT_EQ(config.connectors_size(), 2);
  EXPECT_EQ(config.connectors(0).name(), "population");
  EXPECT_EQ(config.connectors(1).name(), "business");
  for (const auto& c : config.connectors()) {
    EXPECT_EQ(c.seed(), 1u);
    EXPECT_EQ(c.scale(), 0u);
  }
  EXPECT_EQ(config.upstreams_size(), 0);
}

TEST(DefaultsTest, GrpcConnectionSettings) {
  const v1::GrpcListener grpc = DefaultConfig(kBuiltins).grpc();
  EXPECT_TRUE(grpc.has_keepalive_time());
  EXPECT_EQ(grpc.keepalive_time().seconds(), 60);
  EXPECT_EQ(grpc.keepalive_timeout().seconds(), 20);
  EXPECT_EQ(grpc.min_ping_interval().seconds(), 10);
  EXPECT_EQ(grpc.max_connection_idle().seconds(), 15 * 60);
  EXPECT_EQ(grpc.max_connection_age().seconds(), 60 * 60);
  EXPECT_EQ(grpc.max_connection_age_grace().seconds(), 5 * 60);
  EXPECT_EQ(grpc.max_concurrent_streams(), 256u);
  for (const auto* d : {&grpc.keepalive_time(), &grpc.keepalive_timeout(),
                        &grpc.min_ping_interval(), &grpc.max_connection_idle(),
                        &grpc.max_connection_age(), &grpc.max_connection_age_grace()}) {
    EXPECT_EQ(d->nanos(), 0);
  }
}

TEST(DefaultsTest, GivenGrpcSettingsAreKeptIncludingZeroMeaningNever) {
  v1::GatewayConfig config;
  v1::GrpcListener& grpc = *config.mutable_grpc();
  grpc.mutable_keepalive_time()->set_seconds(5);
  grpc.mutable_keepalive_timeout()->set_nanos(500'000'000);
  grpc.mutable_min_ping_interval()->set_seconds(1);
  grpc.mutable_max_connection_idle();  // "0s": never
  grpc.mutable_max_connection_age();
  grpc.mutable_max_connection_age_grace()->set_seconds(7);
  grpc.set_max_concurrent_streams(10);
  ApplyDefaults(config, kBuiltins);
  EXPECT_EQ(grpc.keepalive_time().seconds(), 5);
  EXPECT_EQ(grpc.keepalive_timeout().seconds(), 0);
  EXPECT_EQ(grpc.keepalive_timeout().nanos(), 500'000'000);
  EXPECT_EQ(grpc.min_ping_interval().seconds(), 1);
  EXPECT_TRUE(grpc.has_max_connection_idle());
  EXPECT_EQ(grpc.max_connection_idle().seconds(), 0);
  EXPECT_EQ(grpc.max_connection_age().seconds(), 0);
  EXPECT_EQ(grpc.max_connection_age_grace().seconds(), 7);
  EXPECT_EQ(grpc.max_concurrent_streams(), 10u);
}

TEST(DefaultsTest, UpstreamIdentity) {
  v1::GatewayConfig config = DefaultConfig(kBuiltins);
  EXPECT_TRUE(config.has_upstream_identity());
  EXPECT_EQ(config.upstream_identity().key_file(), "");
  EXPECT_EQ(config.upstream_identity().max_age().seconds(), 30);
  config.Clear();
  config.mutable_upstream_identity()->set_key_file("/etc/ndxp/caller.key");
  config.mutable_upstream_identity()->mutable_max_age()->set_seconds(90);
  ApplyDefaults(config, kBuiltins);
  EXPECT_EQ(config.upstream_identity().key_file(), "/etc/ndxp/caller.key");
  EXPECT_EQ(config.upstream_identity().max_age().seconds(), 90);
}

TEST(DefaultsTest, UpstreamGetsEveryStatedDefault) {
  v1::GatewayConfig config;
  config.add_connectors()->set_name("business");
  AddUpstream(config, "ndxp.population.v1.PopulationService");
  AddUpstream(config, "example.v1.LookupService");
  ApplyDefaults(config, kBuiltins, kServices);
  ASSERT_EQ(config.upstreams_size(), 2);
  for (const v1::Upstream& u : config.upstreams()) {
    EXPECT_EQ(u.balancing(), v1::BALANCING_ROUND_ROBIN);
    EXPECT_EQ(u.connections_per_endpoint(), 1u);
    EXPECT_TRUE(u.has_keepalive_time());
    EXPECT_EQ(u.keepalive_time().seconds(), 30);
    EXPECT_FALSE(u.has_timeout());  // none: only the caller's deadline and the limits apply
    EXPECT_EQ(u.descriptor_set(), "");
    ASSERT_EQ(u.endpoints_size(), 1);
  }
  EXPECT_EQ(config.upstreams(0).name(), "population");  // one of ours: the connector's name
  EXPECT_EQ(config.upstreams(1).name(), "example.v1.LookupService");  // else the full name
}

TEST(DefaultsTest, GivenUpstreamValuesAreKept) {
  v1::GatewayConfig config;
  v1::Upstream& u = *AddUpstream(config, "ndxp.population.v1.PopulationService");
  u.set_balancing(v1::BALANCING_LEAST_REQUEST);
  u.set_name("population-hcm");
  u.set_connections_per_endpoint(4);
  u.mutable_keepalive_time()->set_seconds(5);
  u.mutable_timeout()->set_seconds(2);
  ApplyDefaults(config, kBuiltins, kServices);
  EXPECT_EQ(u.balancing(), v1::BALANCING_LEAST_REQUEST);
  EXPECT_EQ(u.name(), "population-hcm");
  EXPECT_EQ(u.connections_per_endpoint(), 4u);
  EXPECT_EQ(u.keepalive_time().seconds(), 5);
  EXPECT_EQ(u.timeout().seconds(), 2);
}

TEST(DefaultsTest, WithoutServiceKnowledgeAnUpstreamIsNamedByItsService) {
  v1::GatewayConfig config;
  AddUpstream(config, "ndxp.population.v1.PopulationService");
  ApplyDefaults(config, kBuiltins);  // no builtin_services: no service is known as ours
  EXPECT_EQ(config.upstreams(0).name(), "ndxp.population.v1.PopulationService");
  EXPECT_EQ(ConnectorNames(config), (std::vector<std::string>{"population", "business"}));
}

// Without `connectors:`, every built-in connector runs except those whose service an upstream
// serves: a service is routed once.
TEST(DefaultsTest, AbsentConnectorsLeaveOutTheServicesOfUpstreams) {
  v1::GatewayConfig config;
  AddUpstream(config, "ndxp.population.v1.PopulationService");
  AddUpstream(config, "example.v1.LookupService");
  ApplyDefaults(config, kBuiltins, kServices);
  EXPECT_EQ(ConnectorNames(config), std::vector<std::string>{"business"});
  EXPECT_EQ(config.connectors(0).seed(), 1u);

  v1::GatewayConfig both;
  AddUpstream(both, "ndxp.business.v1.BusinessRegistryService");
  AddUpstream(both, "ndxp.population.v1.PopulationService");
  ApplyDefaults(both, kBuiltins, kServices);
  EXPECT_EQ(both.connectors_size(), 0);
  ApplyDefaults(both, kBuiltins, kServices);  // still none: the rule gives the same answer
  EXPECT_EQ(both.connectors_size(), 0);
}

TEST(DefaultsTest, ListedConnectorsAreKeptEvenWhenAnUpstreamServesThem) {
  v1::GatewayConfig config;
  config.add_connectors()->set_name("population");
  AddUpstream(config, "ndxp.population.v1.PopulationService");
  ApplyDefaults(config, kBuiltins, kServices);  // validation reports the conflict
  EXPECT_EQ(ConnectorNames(config), std::vector<std::string>{"population"});
}

TEST(DefaultsTest, GivenValuesAreKept) {
  gateway::v1::GatewayConfig config;
  config.mutable_grpc()->set_address("0.0.0.0:9000");
  config.mutable_grpc()->set_reflection(false);
  config.mutable_http()->mutable_idle_timeout()->set_nanos(500000000);
  config.mutable_limits()->set_max_json_depth(8);
  config.mutable_limits()->mutable_max_deadline()->set_seconds(5);
  config.mutable_access_log()->set_path("");  // explicitly off
  auto* connector = config.add_connectors();
  connector->set_name("business");
  connector->set_scale(50);
  ApplyDefaults(config, kBuiltins);
  EXPECT_EQ(config.grpc().address(), "0.0.0.0:9000");
  EXPECT_FALSE(config.grpc().reflection());
  EXPECT_TRUE(config.grpc().health());
  EXPECT_EQ(config.http().idle_timeout().seconds(), 0);
  EXPECT_EQ(config.http().idle_timeout().nanos(), 500000000);
  EXPECT_EQ(config.limits().max_json_depth(), 8u);
  EXPECT_EQ(config.limits().max_request_bytes(), 4194304u);
  EXPECT_EQ(config.limits().max_deadline().seconds(), 5);
  EXPECT_EQ(config.limits().default_deadline().seconds(), 30);
  EXPECT_TRUE(config.access_log().has_path());
  EXPECT_EQ(config.access_log().path(), "");
  ASSERT_EQ(config.connectors_size(), 1);  // listed connectors: exactly those
  EXPECT_EQ(config.connectors(0).seed(), 1u);
  EXPECT_EQ(config.connectors(0).scale(), 50u);
}

TEST(DefaultsTest, Idempotent) {
  gateway::v1::GatewayConfig once = DefaultConfig(kBuiltins);
  gateway::v1::GatewayConfig twice = once;
  ApplyDefaults(twice, kBuiltins);
  EXPECT_EQ(once.SerializeAsString(), twice.SerializeAsString());
}

TEST(DefaultsTest, IdempotentWithUpstreams) {
  v1::GatewayConfig once;
  AddUpstream(once, "ndxp.population.v1.PopulationService");
  AddUpstream(once, "example.v1.LookupService")->set_balancing(v1::BALANCING_LEAST_REQUEST);
  once.add_upstreams();  // no service: its name stays empty (validation reports it)
  ApplyDefaults(once, kBuiltins, kServices);
  v1::GatewayConfig twice = once;
  ApplyDefaults(twice, kBuiltins, kServices);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(once, twice))
      << once.ShortDebugString() << "\n"
      << twice.ShortDebugString();
  EXPECT_EQ(once.upstreams(2).name(), "");
}

TEST(BuiltinConnectorOfTest, FindsTheConnectorOfAService) {
  EXPECT_EQ(BuiltinConnectorOf("ndxp.business.v1.BusinessRegistryService", kBuiltins, kServices),
            "business");
  EXPECT_EQ(BuiltinConnectorOf("example.v1.LookupService", kBuiltins, kServices), "");
  EXPECT_EQ(BuiltinConnectorOf("", kBuiltins, {""}), "");
  // A shorter service list leaves the remaining connectors' services unknown.
  EXPECT_EQ(BuiltinConnectorOf("ndxp.business.v1.BusinessRegistryService", kBuiltins,
                               {"ndxp.population.v1.PopulationService"}),
            "");
}

}  // namespace
}  // namespace ndxp::config
