#include "gateway/config/defaults.h"

#include <gtest/gtest.h>

namespace ndxp::config {
namespace {

const std::vector<std::string_view> kBuiltins = {"population", "business"};

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

}  // namespace
}  // namespace ndxp::config
