#include "gateway/config/config_loader.h"

#include <fstream>

#include <gmock/gmock.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "gateway/config/yaml_emitter.h"

namespace ndxp::config {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
namespace v1 = ::ndxp::gateway::v1;

const std::vector<std::string_view> kBuiltins = {"population", "business"};
const std::string kExample = std::string(NDXP_SOURCE_DIR) + "/deploy/config/gateway.example.yaml";

std::string Error(std::string_view yaml) {
  auto config = ParseConfigYaml(yaml, "config.yaml");
  EXPECT_FALSE(config.ok()) << yaml;
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(config.status().message());
}

std::string WriteTemp(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

TEST(ParseConfigYamlTest, ErrorsNameTheKey) {
  EXPECT_EQ(Error("limits:\n  max_json_depth: deep\n"),
            "config.yaml: limits.max_json_depth: expected an unsigned integer, got \"deep\" "
            "(line 2, column 19)");
  EXPECT_EQ(Error("grpc:\n  reflektion: true\n"),
            "config.yaml: grpc.reflektion: unknown key (known keys: address, reflection, health) "
            "(line 2, column 3)");
  EXPECT_THAT(
      Error("clients:\n  - id: a\n  - id: b\n    api_key_sha256: [{x: 1}]\n"),
      StartsWith("config.yaml: clients[1].api_key_sha256[0]: expected a string, got a map"));
  EXPECT_THAT(Error("clients: {id: a}"),
              StartsWith("config.yaml: clients: expected a sequence, got a map"));
  EXPECT_THAT(Error("grpc: [address]"),
              StartsWith("config.yaml: grpc: expected a map, got a sequence"));
  EXPECT_THAT(Error("grpc: {health: maybe}"),
              StartsWith("config.yaml: grpc.health: expected true or false, got \"maybe\""));
  EXPECT_THAT(Error("http: {threads: -2}"),
              StartsWith("config.yaml: http.threads: -2 is out of range (0 to 4294967295)"));
  EXPECT_THAT(Error("connectors: [{name: business, scale: 18446744073709551616}]"),
              StartsWith("config.yaml: connectors[0].scale: 18446744073709551616 is out of range"));
  EXPECT_THAT(Error("listen: 1"), StartsWith("config.yaml: listen: unknown key (known keys: grpc, "
                                             "http, limits, clients, connectors, access_log, "
                                             "shutdown)"));
}

TEST(ParseConfigYamlTest, BadDurations) {
  EXPECT_EQ(Error("limits: {default_deadline: 30}"),
            "config.yaml: limits.default_deadline: expected a duration such as \"250ms\", \"30s\", "
            "\"5m\" or \"1h\", got \"30\" (line 1, column 28)");
  EXPECT_THAT(
      Error("http: {idle_timeout: -5s}"),
      StartsWith("config.yaml: http.idle_timeout: negative duration \"-5s\" is not allowed"));
  EXPECT_THAT(Error("shutdown: {drain_timeout: soon}"),
              StartsWith("config.yaml: shutdown.drain_timeout: expected a duration"));
  EXPECT_THAT(Error("shutdown: {drain_timeout: 10 s}"), HasSubstr("got \"10 s\""));
}

TEST(ParseConfigYamlTest, SyntaxErrorNamesLine) {
  EXPECT_EQ(Error("grpc:\n  address: 127.0.0.1:1\n health: true\n"),
            "config.yaml: YAML syntax error at line 3, column 2: end of map not found");
  EXPECT_EQ(Error("limits: {max_json_depth: 3\n"),
            "config.yaml: YAML syntax error at line 2, column 1: end of map flow not found");
}

TEST(ParseConfigYamlTest, ExplicitZeroThatWouldMeanTheDefaultIsAnError) {
  EXPECT_EQ(Error("limits:\n  max_json_depth: 0\n"),
            "config.yaml: limits.max_json_depth: must be greater than 0; omit the key for the "
            "default (32) (line 2, column 19)");
  EXPECT_THAT(Error("limits: {max_request_bytes: 0}"), HasSubstr("limits.max_request_bytes"));
  EXPECT_THAT(Error("limits: {max_header_bytes: 0x0}"), HasSubstr("limits.max_header_bytes"));
  EXPECT_THAT(Error("grpc: {address: ''}"),
              HasSubstr("grpc.address: must not be empty; omit the key for the default "
                        "(127.0.0.1:50051)"));
  EXPECT_THAT(Error("http: {address: \"\"}"), HasSubstr("http.address: must not be empty"));
  EXPECT_THAT(
      Error("connectors:\n  - {name: population}\n  - {name: business, seed: 0}\n"),
      HasSubstr("connectors[1].seed: must be at least 1; omit the key for the default (1)"));
}

TEST(ParseConfigYamlTest, EmptyFileIsEmptyConfig) {
  for (const char* text : {"", "\n", "# comments only\n", "---\n", "{}"}) {
    auto config = ParseConfigYaml(text, "empty.yaml");
    ASSERT_TRUE(config.ok()) << config.status();
    EXPECT_EQ(config->ByteSizeLong(), 0u);
  }
}

TEST(ParseConfigYamlTest, OptionalFieldsTrackPresence) {
  auto config = ParseConfigYaml("grpc: {reflection: false}\naccess_log: {path: ''}\n", "c.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(config->grpc().has_reflection());
  EXPECT_FALSE(config->grpc().reflection());
  EXPECT_FALSE(config->grpc().has_health());
  EXPECT_TRUE(config->access_log().has_path());
  ApplyDefaults(*config, kBuiltins);
  EXPECT_FALSE(config->grpc().reflection());
  EXPECT_TRUE(config->grpc().health());
  EXPECT_EQ(config->access_log().path(), "");
}

TEST(LoadConfigFileTest, MissingAndUnreadableFiles) {
  auto missing = LoadConfigFile("/nonexistent/gateway.yaml");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(missing.status().message()),
              StartsWith("/nonexistent/gateway.yaml: cannot open"));
  auto directory = LoadConfigFile(::testing::TempDir());
  EXPECT_FALSE(directory.ok());
  EXPECT_THAT(std::string(directory.status().message()), HasSubstr("cannot read"));
}

TEST(LoadConfigFileTest, ErrorsArePrefixedWithThePath) {
  const std::string path = WriteTemp("bad_depth.yaml", "limits:\n  max_json_depth: deep\n");
  auto config = LoadConfigFile(path);
  EXPECT_EQ(config.status().message(),
            path +
                ": limits.max_json_depth: expected an unsigned integer, got \"deep\" "
                "(line 2, column 19)");
}

TEST(LoadEffectiveConfigTest, ValidationErrorsArePrefixedWithThePath) {
  const std::string path = WriteTemp("bad_connector.yaml", "connectors: [{name: tax}]\n");
  auto config = LoadEffectiveConfig(path, kBuiltins);
  EXPECT_EQ(config.status().message(),
            path + ": connectors[0].name: unknown connector \"tax\" (known: population, business)");
}

TEST(LoadEffectiveConfigTest, NoPathIsTheEmbeddedDefault) {
  auto config = LoadEffectiveConfig("", kBuiltins);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(
      google::protobuf::util::MessageDifferencer::Equals(*config, DefaultConfig(kBuiltins)));
}

// The shipped, documented example: every key, parsed to exactly these values.
TEST(ExampleFileTest, ParsesToTheExpectedConfig) {
  auto config = LoadConfigFile(kExample);
  ASSERT_TRUE(config.ok()) << config.status();
  v1::GatewayConfig expected;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(
        grpc { address: "0.0.0.0:50051" reflection: true health: true }
        http {
          address: "0.0.0.0:8080"
          threads: 0
          idle_timeout { seconds: 60 }
        }
        limits {
          max_request_bytes: 4194304
          max_header_bytes: 16384
          max_json_depth: 32
          default_deadline { seconds: 30 }
          max_deadline { seconds: 300 }
        }
        clients {
          id: "VN:PROV:79:ONESTOP"
          display_name: "Hệ thống một cửa TP Hồ Chí Minh"
          api_key_sha256: "b4841d1e97427040c1b001b6b5604dda98ea8bc62c80670352fa74317efd8ef4"
          api_key_sha256: "b631827914c230a686ade78d2f0888013748fb8800f13c2d75984aa8bc28f241"
        }
        clients {
          id: "VN:PROV:01:ONESTOP"
          display_name: "Hệ thống một cửa TP Hà Nội"
          api_key_sha256: "18600a16aefcf79c514d43f731c878c75b13e8d23811f01f6be967179bf7e8d3"
        }
        connectors { name: "population" seed: 1 }
        connectors { name: "business" seed: 1 }
        access_log { path: "-" }
        shutdown { drain_timeout { seconds: 10 } }
      )pb",
      &expected));
  std::string diff;
  google::protobuf::util::MessageDifferencer differ;
  differ.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differ.Compare(expected, *config)) << diff;
  EXPECT_TRUE(LoadEffectiveConfig(kExample, kBuiltins).ok());
}

TEST(ExampleFileTest, RoundTripsThroughYaml) {
  auto config = LoadEffectiveConfig(kExample, kBuiltins);
  ASSERT_TRUE(config.ok()) << config.status();
  const std::string yaml = MessageToYaml(*config);
  auto again = ParseConfigYaml(yaml, "emitted.yaml");
  ASSERT_TRUE(again.ok()) << again.status() << "\n" << yaml;
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(*config, *again)) << yaml;
}

TEST(EmbeddedDefaultTest, RoundTripsThroughYamlAndValidates) {
  const v1::GatewayConfig config = DefaultConfig(kBuiltins);
  auto again = ParseConfigYaml(MessageToYaml(config), "default.yaml");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(config, *again));
  EXPECT_TRUE(ValidateConfig(*again, kBuiltins).ok());
}

}  // namespace
}  // namespace ndxp::config
