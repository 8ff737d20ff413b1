#include "gateway/config/config_loader.h"

#include <algorithm>
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
const std::vector<std::string_view> kServices = {"ndxp.population.v1.PopulationService",
                                                 "ndxp.business.v1.BusinessRegistryService"};
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
            "config.yaml: grpc.reflektion: unknown key (known keys: address, reflection, health, "
            "keepalive_time, keepalive_timeout, min_ping_interval, max_connection_idle, "
            "max_connection_age, max_connection_age_grace, max_concurrent_streams, tls, "
            "credentials) "
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
                                             "shutdown, upstreams, upstream_identity, "
                                             "key_store, client_registry, jwt, data_dir, "
                                             "ledger, audit)"));
  EXPECT_THAT(Error("upstreams: [{service: a.B, endpoint: x}]"),
              StartsWith("config.yaml: upstreams[0].endpoint: unknown key (known keys: service, "
                         "endpoints, balancing, timeout, descriptor_set, name, "
                         "connections_per_endpoint, keepalive_time, tls, "
                         "max_concurrent_calls)"));
  EXPECT_THAT(Error("upstreams: [{service: a.B, endpoints: 127.0.0.1:7001}]"),
              StartsWith("config.yaml: upstreams[0].endpoints: expected a sequence, got "
                         "\"127.0.0.1:7001\""));
  EXPECT_THAT(Error("upstream_identity: {key_file: k, max_age: 30}"),
              StartsWith("config.yaml: upstream_identity.max_age: expected a duration"));
  EXPECT_THAT(Error("grpc: {max_connection_idle: never}"),
              StartsWith("config.yaml: grpc.max_connection_idle: expected a duration"));
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
  EXPECT_EQ(Error("grpc:\n  max_concurrent_streams: 0\n"),
            "config.yaml: grpc.max_concurrent_streams: must be greater than 0; omit the key for "
            "the default (256) (line 2, column 27)");
  EXPECT_THAT(Error("upstreams:\n  - {service: a.B}\n"
                    "  - {service: c.D, connections_per_endpoint: 0}"),
              HasSubstr("upstreams[1].connections_per_endpoint: must be at least 1; omit the key "
                        "for the default (1)"));
  EXPECT_THAT(Error("upstreams: [{service: a.B, name: ''}]"),
              HasSubstr("upstreams[0].name: must not be empty; omit the key for the default (the "
                        "built-in connector's name, or the service's full name)"));
}

TEST(ParseConfigYamlTest, ZeroDurationsAreKeptWhereZeroMeansNever) {
  auto config = ParseConfigYaml(
      "grpc: {max_connection_idle: 0s, max_connection_age: 0s, max_connection_age_grace: 0s}",
      "c.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  ApplyDefaults(*config, kBuiltins);
  EXPECT_TRUE(config->grpc().has_max_connection_idle());
  EXPECT_EQ(config->grpc().max_connection_idle().seconds(), 0);
  EXPECT_EQ(config->grpc().max_connection_age().seconds(), 0);
  EXPECT_EQ(config->grpc().max_connection_age_grace().seconds(), 0);
  EXPECT_TRUE(ValidateConfig(*config, kBuiltins).ok());
}

TEST(ParseConfigYamlTest, BalancingIsWrittenInLowerCase) {
  for (const auto& [text, value] : std::vector<std::pair<std::string, v1::Balancing>>{
           {"round_robin", v1::BALANCING_ROUND_ROBIN},
           {"least_request", v1::BALANCING_LEAST_REQUEST},
           {"BALANCING_LEAST_REQUEST", v1::BALANCING_LEAST_REQUEST}}) {
    auto config = ParseConfigYaml("upstreams: [{service: a.B, balancing: " + text + "}]", "c.yaml");
    ASSERT_TRUE(config.ok()) << config.status();
    EXPECT_EQ(config->upstreams(0).balancing(), value) << text;
  }
  EXPECT_EQ(Error("upstreams:\n  - service: a.B\n    balancing: fastest\n"),
            "config.yaml: upstreams[0].balancing: unknown value \"fastest\" (known values: "
            "round_robin, least_request) (line 3, column 16)");
  EXPECT_THAT(Error("upstreams: [{service: a.B, balancing: unspecified}]"),
              HasSubstr("unknown value \"unspecified\""));
  EXPECT_THAT(Error("upstreams: [{service: a.B, balancing: Round_Robin}]"),
              HasSubstr("unknown value \"Round_Robin\""));
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

// The example of docs/configuration.md: population moved to its own processes, and a service
// that is not one of ours.
constexpr const char* kUpstreamsYaml = R"yaml(
connectors:                  # in-process, as today: only business here
  - name: business
upstreams:                   # services served by other processes
  - service: ndxp.population.v1.PopulationService
    endpoints: ["127.0.0.1:7001", "127.0.0.1:7002"]
    balancing: least_request # or round_robin, the default
    timeout: 5s
  - service: example.v1.LookupService          # not one of ours
    endpoints: ["127.0.0.1:7100"]
    descriptor_set: /etc/ndxp/example.binpb   # FileDescriptorSet with imports
)yaml";

void ExpectEqual(std::string_view expected_text, const v1::GatewayConfig& actual) {
  v1::GatewayConfig expected;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(std::string(expected_text), &expected));
  std::string diff;
  google::protobuf::util::MessageDifferencer differ;
  differ.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differ.Compare(expected, actual)) << diff;
}

TEST(UpstreamsExampleTest, ParsesToTheExpectedConfig) {
  auto config = ParseConfigYaml(kUpstreamsYaml, "upstreams.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  ExpectEqual(R"pb(
                connectors { name: "business" }
                upstreams {
                  service: "ndxp.population.v1.PopulationService"
                  endpoints: [ "127.0.0.1:7001", "127.0.0.1:7002" ]
                  balancing: BALANCING_LEAST_REQUEST
                  timeout { seconds: 5 }
                }
                upstreams {
                  service: "example.v1.LookupService"
                  endpoints: "127.0.0.1:7100"
                  descriptor_set: "/etc/ndxp/example.binpb"
                }
              )pb",
              *config);
}

TEST(UpstreamsExampleTest, LoadsWithDefaultsAndValidates) {
  const std::string path = WriteTemp("upstreams.yaml", kUpstreamsYaml);
  auto config = LoadEffectiveConfig(path, kBuiltins, kServices);
  ASSERT_TRUE(config.ok()) << config.status();
  ASSERT_EQ(config->connectors_size(), 1);
  EXPECT_EQ(config->connectors(0).seed(), 1u);
  ASSERT_EQ(config->upstreams_size(), 2);
  v1::GatewayConfig upstreams;
  *upstreams.mutable_upstreams() = config->upstreams();
  ExpectEqual(R"pb(
                upstreams {
                  service: "ndxp.population.v1.PopulationService"
                  endpoints: [ "127.0.0.1:7001", "127.0.0.1:7002" ]
                  balancing: BALANCING_LEAST_REQUEST
                  timeout { seconds: 5 }
                  name: "population"
                  connections_per_endpoint: 1
                  keepalive_time { seconds: 30 }
                }
                upstreams {
                  service: "example.v1.LookupService"
                  endpoints: "127.0.0.1:7100"
                  balancing: BALANCING_ROUND_ROBIN
                  descriptor_set: "/etc/ndxp/example.binpb"
                  name: "example.v1.LookupService"
                  connections_per_endpoint: 1
                  keepalive_time { seconds: 30 }
                }
              )pb",
              upstreams);
  // The effective configuration prints and reads back.
  auto again = ParseConfigYaml(MessageToYaml(*config), "emitted.yaml");
  ASSERT_TRUE(again.ok()) << again.status() << "\n" << MessageToYaml(*config);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(*config, *again));
}

TEST(UpstreamsExampleTest, WithoutConnectorsKeyPopulationIsNotRoutedTwice) {
  const std::string all = kUpstreamsYaml;
  const std::string yaml = all.substr(all.find("upstreams:"));  // without `connectors:`
  const std::string path = WriteTemp("upstreams_only.yaml", yaml);
  auto config = LoadEffectiveConfig(path, kBuiltins, kServices);
  ASSERT_TRUE(config.ok()) << config.status();
  ASSERT_EQ(config->connectors_size(), 1);
  EXPECT_EQ(config->connectors(0).name(), "business");
}

TEST(UpstreamsExampleTest, ValidationErrorsNameTheKey) {
  const std::string both = WriteTemp(
      "both.yaml", "connectors: [{name: population}]\n"
                   "upstreams: [{service: ndxp.population.v1.PopulationService, "
                   "endpoints: ['127.0.0.1:7001']}]\n");
  EXPECT_EQ(LoadEffectiveConfig(both, kBuiltins, kServices).status().message(),
            both + ": upstreams[0].service: ndxp.population.v1.PopulationService is also served "
                   "in-process by connectors[0] (population); a service is routed once: remove "
                   "one of them");
  const std::string endpoint = WriteTemp(
      "endpoint.yaml", "upstreams:\n  - service: ndxp.population.v1.PopulationService\n"
                       "    endpoints: ['127.0.0.1:7001', 'localhost']\n");
  EXPECT_EQ(LoadEffectiveConfig(endpoint, kBuiltins, kServices).status().message(),
            endpoint + ": upstreams[0].endpoints[1]: expected HOST:PORT (e.g. 127.0.0.1:50051), "
                       "got \"localhost\"");
}

// The shipped, documented example: every key, parsed to exactly these values.
TEST(ExampleFileTest, ParsesToTheExpectedConfig) {
  auto config = LoadConfigFile(kExample);
  ASSERT_TRUE(config.ok()) << config.status();
  v1::GatewayConfig expected;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(
        grpc {
          address: "0.0.0.0:50051"
          reflection: true
          health: true
          keepalive_time { seconds: 60 }
          keepalive_timeout { seconds: 20 }
          min_ping_interval { seconds: 10 }
          max_connection_idle { seconds: 900 }
          max_connection_age { seconds: 3600 }
          max_connection_age_grace { seconds: 300 }
          max_concurrent_streams: 256
        }
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
          purposes: "administrative-procedure"
          allow {
            method: "ndxp.population.v1.PopulationService/GetCitizen"
            fields: "citizen.personal_id"
            fields: "citizen.full_name"
            fields: "citizen.date_of_birth"
          }
          allow { method: "ndxp.business.v1.BusinessRegistryService/*" }
          provinces: "79"
        }
        clients {
          id: "VN:PROV:01:ONESTOP"
          display_name: "Hệ thống một cửa TP Hà Nội"
          api_key_sha256: "18600a16aefcf79c514d43f731c878c75b13e8d23811f01f6be967179bf7e8d3"
          purposes: "administrative-procedure"
          allow { method: "*" }
        }
        clients {
          id: "VN:PROV:77:ONESTOP"
          display_name: "Hệ thống một cửa tỉnh Bà Rịa - Vũng Tàu (đến 30/6/2025)"
          retired: true
          successor: "VN:PROV:79:ONESTOP"
        }
        key_store: "/var/lib/ndxp/keys.yaml"
        connectors { name: "population" seed: 1 }
        connectors { name: "business" seed: 1 }
        upstream_identity { max_age { seconds: 30 } }
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

// The example's commented-out `upstreams:` block, uncommented, is a valid configuration.
TEST(ExampleFileTest, CommentedUpstreamsAreValid) {
  std::ifstream in(kExample);
  std::string line;
  std::string yaml = "connectors: [{name: business}]\n";
  bool inside = false;
  while (std::getline(in, line)) {
    if (line == "# upstreams:") inside = true;
    if (inside && !line.starts_with("#")) break;
    if (inside) yaml += line.substr(std::min<std::size_t>(2, line.size())) + "\n";
  }
  ASSERT_TRUE(inside) << "no \"# upstreams:\" block in " << kExample;
  const std::string path = WriteTemp("example_upstreams.yaml", yaml);
  auto config = LoadEffectiveConfig(path, kBuiltins, kServices);
  ASSERT_TRUE(config.ok()) << config.status() << "\n" << yaml;
  ASSERT_EQ(config->upstreams_size(), 2);
  EXPECT_EQ(config->upstreams(0).balancing(), v1::BALANCING_LEAST_REQUEST);
  EXPECT_EQ(config->upstreams(1).name(), "example.v1.LookupService");
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
