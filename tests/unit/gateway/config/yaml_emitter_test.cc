#include "gateway/config/yaml_emitter.h"

#include <gtest/gtest.h>

#include "gateway/config/defaults.h"
#include "gateway/config/yaml_mapper.h"
#include "test_schema.h"

namespace ndxp::config {
namespace {

TEST(YamlEmitterTest, EmbeddedDefaultShowsEveryKey) {
  EXPECT_EQ(MessageToYaml(DefaultConfig({"population"})),
            "grpc:\n"
            "  address: \"127.0.0.1:50051\"\n"
            "  reflection: true\n"
            "  health: true\n"
            "  keepalive_time: 1m\n"
            "  keepalive_timeout: 20s\n"
            "  min_ping_interval: 10s\n"
            "  max_connection_idle: 15m\n"
            "  max_connection_age: 1h\n"
            "  max_connection_age_grace: 5m\n"
            "  max_concurrent_streams: 256\n"
            "  credentials: []\n"
            "http:\n"
            "  address: \"127.0.0.1:8080\"\n"
            "  threads: 0\n"
            "  idle_timeout: 1m\n"
            "  credentials: []\n"
            "limits:\n"
            "  max_request_bytes: 4194304\n"
            "  max_header_bytes: 16384\n"
            "  max_json_depth: 32\n"
            "  default_deadline: 30s\n"
            "  max_deadline: 5m\n"
            "clients: []\n"
            "connectors:\n"
            "  - name: \"population\"\n"
            "    seed: 1\n"
            "    scale: 0\n"
            "    max_concurrent_calls: 0\n"
            "access_log:\n"
            "  path: \"-\"\n"
            "shutdown:\n"
            "  drain_timeout: 10s\n"
            "upstreams: []\n"
            "upstream_identity:\n"
            "  key_file: \"\"\n"
            "  max_age: 30s\n"
            "key_store: \"\"\n"
            "client_registry: \"\"\n"
            "data_dir: \"\"\n"
            "audit:\n"
            "  durability: strict\n"
            "  subject_key_file: \"\"\n"
            "  signing_key_file: \"\"\n"
            "  segment_max_bytes: 67108864\n"
            "  segment_max_age: 1h\n"
            "  batch_delay: 200ms\n"
            "  queue_capacity: 65536\n");
}

TEST(YamlEmitterTest, EveryFieldKindRoundTrips) {
  testing::TestSchema schema;
  auto original = schema.NewSample();
  ASSERT_TRUE(
      ParseYamlInto(
          "i32: -5\ni64: -9223372036854775808\nu32: 7\nu64: 18446744073709551615\n"
          "flag: true\nratio: 0.1\nsmall: 2.5\ntext: \"quote \\\" and ünïcode: x\"\n"
          "color: red\nnested: {name: n, inner: {depth: 3}, inners: [{}, {label: l}]}\n"
          "numbers: [1, 2]\ncolors: [green]\nlabels: {a: 1, 'b c': 2}\n"
          "by_id: {9: {label: nine}}\ntimeout: 1.5s\nat: 2024-01-31T08:00:00.5Z\n"
          "wrapped: 0\nby_name: x\nmaybe: false\ntimeouts: [1h, 1ns]\n",
          "in.yaml", *original)
          .ok());
  const std::string yaml = MessageToYaml(*original);
  auto again = schema.NewSample();
  absl::Status status = ParseYamlInto(yaml, "out.yaml", *again);
  ASSERT_TRUE(status.ok()) << status << "\n" << yaml;
  EXPECT_EQ(original->ShortDebugString(), again->ShortDebugString()) << yaml;
  EXPECT_NE(yaml.find("\ncolor: red\n"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("\ncolors:\n  - green\n"), std::string::npos) << yaml;
}

// "Not set" has no short name: it is written by its full name, which the mapper reads back.
TEST(YamlEmitterTest, UnspecifiedEnumValuesRoundTrip) {
  testing::TestSchema schema;
  auto original = schema.NewSample();
  ASSERT_TRUE(ParseYamlInto("colors: [COLOR_UNSPECIFIED, red]", "in.yaml", *original).ok());
  const std::string yaml = MessageToYaml(*original);
  EXPECT_NE(yaml.find("\ncolor: COLOR_UNSPECIFIED\n"), std::string::npos) << yaml;
  auto again = schema.NewSample();
  absl::Status status = ParseYamlInto(yaml, "out.yaml", *again);
  ASSERT_TRUE(status.ok()) << status << "\n" << yaml;
  EXPECT_EQ(original->ShortDebugString(), again->ShortDebugString()) << yaml;
}

TEST(YamlEmitterTest, UpstreamsPrintTheirBalancingInLowerCase) {
  gateway::v1::GatewayConfig config;
  auto* upstream = config.add_upstreams();
  upstream->set_service("example.v1.LookupService");
  upstream->add_endpoints("127.0.0.1:7100");
  upstream->set_balancing(gateway::v1::BALANCING_LEAST_REQUEST);
  const std::string yaml = MessageToYaml(config);
  EXPECT_NE(yaml.find("    balancing: least_request\n"), std::string::npos) << yaml;
  gateway::v1::GatewayConfig again;
  ASSERT_TRUE(ParseYamlInto(yaml, "out.yaml", again).ok()) << yaml;
  EXPECT_EQ(config.ShortDebugString(), again.ShortDebugString());
}

}  // namespace
}  // namespace ndxp::config
