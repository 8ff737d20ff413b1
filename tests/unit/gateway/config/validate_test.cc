#include "gateway/config/validate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gateway/config/defaults.h"

namespace ndxp::config {
namespace {

using ::testing::HasSubstr;

namespace v1 = ::ndxp::gateway::v1;

const std::vector<std::string_view> kBuiltins = {"population", "business"};
const std::vector<std::string_view> kServices = {"ndxp.population.v1.PopulationService",
                                                 "ndxp.business.v1.BusinessRegistryService"};
constexpr const char* kPopulation = "ndxp.population.v1.PopulationService";
constexpr const char* kDigestA = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";
constexpr const char* kDigestB = "a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3";

class ValidateTest : public ::testing::Test {
 protected:
  void SetUp() override { config_ = DefaultConfig(kBuiltins); }
  std::string Error() {
    absl::Status status = ValidateConfig(config_, kBuiltins, kServices);
    EXPECT_FALSE(status.ok());
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    return std::string(status.message());
  }
  bool Valid() {
    absl::Status status = ValidateConfig(config_, kBuiltins, kServices);
    EXPECT_TRUE(status.ok()) << status;
    return status.ok();
  }
  // An upstream as ApplyDefaults leaves it, serving `service` at one endpoint.
  v1::Upstream* AddUpstream(const std::string& service,
                            std::initializer_list<const char*> endpoints = {"127.0.0.1:7001"}) {
    v1::Upstream* upstream = config_.add_upstreams();
    upstream->set_service(service);
    for (const char* e : endpoints) upstream->add_endpoints(e);
    upstream->set_balancing(v1::BALANCING_ROUND_ROBIN);
    upstream->set_connections_per_endpoint(1);
    upstream->mutable_keepalive_time()->set_seconds(30);
    upstream->set_name(service);
    return upstream;
  }
  // Routes population to an upstream: the in-process connectors are business only.
  v1::Upstream* MovePopulationUpstream() {
    config_.mutable_connectors()->DeleteSubrange(0, 1);
    return AddUpstream(kPopulation);
  }
  gateway::v1::Client* AddClient(const std::string& id,
                                 std::initializer_list<const char*> digests) {
    auto* client = config_.add_clients();
    client->set_id(id);
    for (const char* d : digests) client->add_api_key_sha256(d);
    return client;
  }
  gateway::v1::GatewayConfig config_;
};

TEST_F(ValidateTest, DefaultIsValid) { EXPECT_TRUE(ValidateConfig(config_, kBuiltins).ok()); }

TEST_F(ValidateTest, ValidClientsPass) {
  AddClient("VN:PROV:79:ONESTOP", {kDigestA});
  AddClient("VN:MIN:MOH.his_2-b", {kDigestB});
  AddClient("no-keys-yet", {});
  EXPECT_TRUE(ValidateConfig(config_, kBuiltins).ok());
}

TEST_F(ValidateTest, Addresses) {
  config_.mutable_grpc()->set_address("127.0.0.1:99999");
  EXPECT_EQ(Error(), "grpc.address: port 99999 is out of range (0 to 65535)");
  config_.mutable_grpc()->set_address("[::1]:50051");
  config_.mutable_http()->set_address("bad host:80");
  EXPECT_THAT(Error(), HasSubstr("http.address: \"bad host\" is not a valid host name"));
  config_.mutable_http()->set_address("");
  EXPECT_THAT(Error(), HasSubstr("http.address: expected HOST:PORT, got an empty string"));
  config_.mutable_http()->set_address("[::1]:50051");
  EXPECT_THAT(Error(), HasSubstr("http.address: the same as grpc.address ([::1]:50051)"));
  config_.mutable_grpc()->set_address("127.0.0.1:0");
  config_.mutable_http()->set_address("127.0.0.1:0");
  EXPECT_TRUE(ValidateConfig(config_, kBuiltins).ok());
}

TEST_F(ValidateTest, HttpSettings) {
  config_.mutable_http()->set_threads(5000);
  EXPECT_THAT(Error(), HasSubstr("http.threads: 5000 is more than 1024"));
  config_.mutable_http()->set_threads(4);
  config_.mutable_http()->mutable_idle_timeout()->set_seconds(0);
  EXPECT_EQ(Error(), "http.idle_timeout: must be a positive duration, got 0s");
}

TEST_F(ValidateTest, Limits) {
  config_.mutable_limits()->set_max_json_depth(0);
  EXPECT_EQ(Error(), "limits.max_json_depth: must be greater than 0");
  config_.mutable_limits()->set_max_json_depth(32);
  config_.mutable_limits()->set_max_header_bytes(0);
  EXPECT_EQ(Error(), "limits.max_header_bytes: must be greater than 0");
  config_.mutable_limits()->set_max_header_bytes(1);
  config_.mutable_limits()->set_max_request_bytes(0);
  EXPECT_EQ(Error(), "limits.max_request_bytes: must be greater than 0");
  config_.mutable_limits()->set_max_request_bytes(3000000000u);
  EXPECT_EQ(Error(), "limits.max_request_bytes: 3000000000 is more than 2147483647");
  config_.mutable_limits()->set_max_request_bytes(1);
  config_.mutable_limits()->mutable_default_deadline()->set_seconds(0);
  EXPECT_EQ(Error(), "limits.default_deadline: must be a positive duration, got 0s");
  config_.mutable_limits()->mutable_default_deadline()->set_seconds(60);
  config_.mutable_limits()->mutable_max_deadline()->set_seconds(30);
  EXPECT_EQ(Error(), "limits.max_deadline: 30s is shorter than limits.default_deadline (1m)");
  config_.mutable_limits()->mutable_max_deadline()->set_seconds(60);
  EXPECT_TRUE(ValidateConfig(config_, kBuiltins).ok());
}

TEST_F(ValidateTest, ClientIds) {
  AddClient("", {});
  EXPECT_EQ(Error(), "clients[0].id: a client needs an id");
  config_.mutable_clients(0)->set_id("VN PROV");
  EXPECT_EQ(Error(),
            "clients[0].id: \"VN PROV\" contains a character that is not allowed (allowed: ASCII "
            "letters, digits, ':', '-', '_' and '.')");
  config_.mutable_clients(0)->set_id("VN/PROV");
  EXPECT_THAT(Error(), HasSubstr("contains '/' that is not allowed"));
  config_.mutable_clients(0)->set_id("Hà-Nội");
  EXPECT_THAT(Error(), HasSubstr("contains a character that is not allowed"));
  config_.mutable_clients(0)->set_id(std::string(65, 'a'));
  EXPECT_THAT(Error(), HasSubstr("clients[0].id: \"aaaa"));
  EXPECT_THAT(Error(), HasSubstr("is longer than 64 characters"));
  config_.mutable_clients(0)->set_id(std::string(64, 'a'));
  EXPECT_TRUE(ValidateConfig(config_, kBuiltins).ok());
  AddClient("b", {});
  AddClient(std::string(64, 'a'), {});
  EXPECT_EQ(Error(),
            "clients[2].id: duplicate id \"" + std::string(64, 'a') + "\" (also clients[0].id)");
}

TEST_F(ValidateTest, ClientDigests) {
  AddClient("a", {kDigestA, "ABCDEF"});
  EXPECT_EQ(Error(),
            "clients[0].api_key_sha256[1]: expected a SHA-256 digest (64 lowercase hexadecimal "
            "characters), got \"ABCDEF\"");
  config_.mutable_clients(0)->set_api_key_sha256(1, std::string(64, 'A'));
  EXPECT_THAT(Error(), HasSubstr("clients[0].api_key_sha256[1]: expected a SHA-256 digest"));
  config_.mutable_clients(0)->set_api_key_sha256(
      1, "ndxp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  EXPECT_THAT(Error(),
              HasSubstr("clients[0].api_key_sha256[1]: this is an API key, not its digest"));
  config_.mutable_clients(0)->set_api_key_sha256(1, kDigestB);
  EXPECT_TRUE(ValidateConfig(config_, kBuiltins).ok());
  AddClient("b", {kDigestA});
  EXPECT_EQ(Error(),
            "clients[1].api_key_sha256[0]: duplicate digest (also clients[0].api_key_sha256[0]); "
            "every API key belongs to one client");
  config_.mutable_clients(1)->set_api_key_sha256(0, kDigestB);
  EXPECT_THAT(Error(), HasSubstr("clients[1].api_key_sha256[0]: duplicate digest (also "
                                 "clients[0].api_key_sha256[1])"));
}

TEST_F(ValidateTest, Connectors) {
  config_.add_connectors()->set_name("tax");
  EXPECT_EQ(Error(), "connectors[2].name: unknown connector \"tax\" (known: population, business)");
  config_.mutable_connectors(2)->set_name("");
  EXPECT_EQ(Error(), "connectors[2].name: a connector needs a name (known: population, business)");
  config_.mutable_connectors(2)->set_name("population");
  EXPECT_EQ(Error(), "connectors[2].name: duplicate connector \"population\" (also connectors[0])");
}

TEST_F(ValidateTest, DrainTimeout) {
  config_.mutable_shutdown()->mutable_drain_timeout()->set_seconds(0);
  EXPECT_EQ(Error(), "shutdown.drain_timeout: must be a positive duration, got 0s");
}

TEST_F(ValidateTest, GrpcDurationsThatMustBePositive) {
  using Mutable = google::protobuf::Duration* (v1::GrpcListener::*)();
  const std::pair<const char*, Mutable> keys[] = {
      {"keepalive_time", &v1::GrpcListener::mutable_keepalive_time},
      {"keepalive_timeout", &v1::GrpcListener::mutable_keepalive_timeout},
      {"min_ping_interval", &v1::GrpcListener::mutable_min_ping_interval}};
  for (const auto& [key, get] : keys) {
    google::protobuf::Duration* duration = (config_.mutable_grpc()->*get)();
    duration->set_seconds(0);
    EXPECT_EQ(Error(), std::string("grpc.") + key + ": must be a positive duration, got 0s");
    duration->set_nanos(1'000'000);
    EXPECT_TRUE(Valid()) << key;
  }
}

TEST_F(ValidateTest, GrpcDurationsWhereZeroMeansNever) {
  v1::GrpcListener& grpc = *config_.mutable_grpc();
  grpc.mutable_max_connection_idle()->set_seconds(0);
  grpc.mutable_max_connection_age()->set_seconds(0);
  grpc.mutable_max_connection_age_grace()->set_seconds(0);
  EXPECT_TRUE(Valid());
  grpc.mutable_max_connection_idle()->set_seconds(-5);
  EXPECT_EQ(Error(), "grpc.max_connection_idle: must not be negative, got -5s (0s means never)");
  grpc.mutable_max_connection_idle()->set_seconds(0);
  grpc.mutable_max_connection_age()->set_seconds(-1);
  EXPECT_EQ(Error(), "grpc.max_connection_age: must not be negative, got -1s (0s means never)");
  grpc.mutable_max_connection_age()->set_seconds(1);
  grpc.mutable_max_connection_age_grace()->set_nanos(-1);
  EXPECT_EQ(Error(),
            "grpc.max_connection_age_grace: must not be negative, got -1ns (0s means no limit)");
}

TEST_F(ValidateTest, GrpcMaxConcurrentStreams) {
  config_.mutable_grpc()->set_max_concurrent_streams(1'000'001);
  EXPECT_EQ(Error(), "grpc.max_concurrent_streams: 1000001 is out of range (1 to 1000000)");
  config_.mutable_grpc()->set_max_concurrent_streams(0);
  EXPECT_EQ(Error(), "grpc.max_concurrent_streams: 0 is out of range (1 to 1000000)");
  config_.mutable_grpc()->set_max_concurrent_streams(1'000'000);
  EXPECT_TRUE(Valid());
  config_.mutable_grpc()->set_max_concurrent_streams(1);
  EXPECT_TRUE(Valid());
}

TEST_F(ValidateTest, UpstreamsOfOursAndOthersPass) {
  MovePopulationUpstream()->add_endpoints("[::1]:7002");
  AddUpstream("example.v1.LookupService", {"lookup.internal:7100"})
      ->set_descriptor_set("/etc/ndxp/example.binpb");
  AddUpstream("Greeter")->set_descriptor_set("greeter.binpb");  // no package: still a full name
  EXPECT_TRUE(Valid());
}

TEST_F(ValidateTest, UpstreamService) {
  v1::Upstream& upstream = *MovePopulationUpstream();
  upstream.set_service("");
  EXPECT_EQ(Error(), "upstreams[0].service: an upstream needs a service: its full name, e.g. "
                     "ndxp.population.v1.PopulationService");
  for (const char* bad : {"/ndxp.population.v1.PopulationService/GetCitizen", ".ndxp.x.S",
                          "ndxp.x.", "ndxp..x", "ndxp.1x.S", "ndxp.x-y.S", "ndxp x"}) {
    upstream.set_service(bad);
    EXPECT_EQ(Error(), std::string("upstreams[0].service: \"") + bad +
                           "\" is not a full service name (identifiers joined by dots, e.g. "
                           "ndxp.population.v1.PopulationService)");
  }
}

TEST_F(ValidateTest, UpstreamServiceIsRoutedOnce) {
  MovePopulationUpstream();
  AddUpstream("example.v1.LookupService")->set_descriptor_set("x.binpb");
  AddUpstream(kPopulation, {"127.0.0.1:7009"});
  EXPECT_EQ(Error(), "upstreams[2].service: duplicate service "
                     "\"ndxp.population.v1.PopulationService\" (also upstreams[0].service)");
  config_.mutable_upstreams()->RemoveLast();
  AddUpstream("ndxp.business.v1.BusinessRegistryService");
  EXPECT_EQ(Error(), "upstreams[2].service: ndxp.business.v1.BusinessRegistryService is also "
                     "served in-process by connectors[0] (business); a service is routed once: "
                     "remove one of them");
  config_.clear_connectors();
  EXPECT_TRUE(Valid());
}

TEST_F(ValidateTest, UpstreamEndpoints) {
  v1::Upstream& upstream = *MovePopulationUpstream();
  upstream.clear_endpoints();
  EXPECT_EQ(Error(), "upstreams[0].endpoints: an upstream needs at least one endpoint (HOST:PORT)");
  upstream.add_endpoints("127.0.0.1:7001");
  upstream.add_endpoints("127.0.0.1");
  EXPECT_EQ(Error(), "upstreams[0].endpoints[1]: expected HOST:PORT (e.g. 127.0.0.1:50051), got "
                     "\"127.0.0.1\"");
  upstream.set_endpoints(1, "127.0.0.1:0");
  EXPECT_EQ(Error(), "upstreams[0].endpoints[1]: port 0 is out of range (1 to 65535)");
  upstream.set_endpoints(1, "127.0.0.1:70000");
  EXPECT_EQ(Error(), "upstreams[0].endpoints[1]: port 70000 is out of range (1 to 65535)");
  upstream.set_endpoints(1, ":7002");
  EXPECT_EQ(Error(), "upstreams[0].endpoints[1]: missing host before ':'");
  upstream.set_endpoints(1, "0.0.0.0:7002");
  EXPECT_EQ(Error(), "upstreams[0].endpoints[1]: \"0.0.0.0\" is the unspecified address, which "
                     "only a listener takes: name the machine to connect to");
  upstream.set_endpoints(1, "[::]:7002");
  EXPECT_THAT(Error(), HasSubstr("upstreams[0].endpoints[1]: \"::\" is the unspecified address"));
  upstream.set_endpoints(1, "127.0.0.1:7001");
  EXPECT_EQ(Error(), "upstreams[0].endpoints[1]: duplicate endpoint \"127.0.0.1:7001\" (also "
                     "upstreams[0].endpoints[0])");
  upstream.set_endpoints(0, "Connector-1.internal:7001");
  upstream.set_endpoints(1, "connector-1.INTERNAL:7001");
  EXPECT_THAT(Error(), HasSubstr("upstreams[0].endpoints[1]: duplicate endpoint"));
  upstream.set_endpoints(1, "connector-1.internal:7002");
  EXPECT_TRUE(Valid());
}

TEST_F(ValidateTest, UpstreamBalancingTimeoutAndConnections) {
  v1::Upstream& upstream = *MovePopulationUpstream();
  upstream.set_balancing(static_cast<v1::Balancing>(7));
  EXPECT_EQ(Error(),
            "upstreams[0].balancing: unknown value 7 (known values: round_robin, least_request)");
  upstream.set_balancing(v1::BALANCING_LEAST_REQUEST);
  upstream.mutable_timeout()->set_seconds(0);
  EXPECT_EQ(Error(), "upstreams[0].timeout: must be a positive duration, got 0s");
  upstream.mutable_timeout()->set_nanos(250'000'000);
  EXPECT_TRUE(Valid());
  upstream.set_connections_per_endpoint(65);
  EXPECT_EQ(Error(), "upstreams[0].connections_per_endpoint: 65 is out of range (1 to 64)");
  upstream.set_connections_per_endpoint(64);
  EXPECT_TRUE(Valid());
}

TEST_F(ValidateTest, UpstreamKeepalive) {
  v1::Upstream& upstream = *MovePopulationUpstream();
  upstream.mutable_keepalive_time()->set_seconds(0);
  upstream.mutable_keepalive_time()->set_nanos(999'000'000);
  EXPECT_EQ(Error(), "upstreams[0].keepalive_time: must be at least 1s, got 999ms");
  upstream.mutable_keepalive_time()->set_nanos(0);
  EXPECT_EQ(Error(), "upstreams[0].keepalive_time: must be at least 1s, got 0s");
  upstream.mutable_keepalive_time()->set_seconds(1);
  EXPECT_TRUE(Valid());
}

TEST_F(ValidateTest, ServiceNotOfOursNeedsADescriptorSet) {
  MovePopulationUpstream();
  AddUpstream("example.v1.LookupService", {"127.0.0.1:7100"});
  EXPECT_EQ(Error(), "upstreams[1].descriptor_set: example.v1.LookupService is not a built-in "
                     "service: give its FileDescriptorSet");
  config_.mutable_upstreams(1)->set_service("PopulationService");
  EXPECT_EQ(Error(), "upstreams[1].descriptor_set: PopulationService is not a built-in service: "
                     "give its FileDescriptorSet (or did you mean "
                     "ndxp.population.v1.PopulationService?)");
  config_.mutable_upstreams(1)->set_service("example.v1.LookupService");
  config_.mutable_upstreams(1)->set_descriptor_set("/etc/ndxp/example.binpb");
  EXPECT_TRUE(Valid());  // the file is read at start, not here
  config_.mutable_upstreams(0)->set_descriptor_set("/etc/ndxp/population.binpb");
  EXPECT_TRUE(Valid());  // one of ours may be given a descriptor set too
}

TEST_F(ValidateTest, WithoutServiceKnowledgeEveryUpstreamNeedsADescriptorSet) {
  config_.clear_connectors();
  AddUpstream(kPopulation);
  absl::Status status = ValidateConfig(config_, kBuiltins);
  EXPECT_EQ(status.message(), "upstreams[0].descriptor_set: ndxp.population.v1.PopulationService "
                              "is not a built-in service: give its FileDescriptorSet");
}

TEST_F(ValidateTest, FirstProblemWins) {
  MovePopulationUpstream()->clear_endpoints();
  AddUpstream("example.v1.LookupService");  // no descriptor set either
  config_.mutable_upstream_identity()->mutable_max_age()->set_seconds(0);
  EXPECT_EQ(Error(), "upstreams[0].endpoints: an upstream needs at least one endpoint (HOST:PORT)");
  config_.mutable_grpc()->mutable_keepalive_time()->set_seconds(0);
  EXPECT_EQ(Error(), "grpc.keepalive_time: must be a positive duration, got 0s");
}

TEST_F(ValidateTest, UpstreamIdentity) {
  config_.mutable_upstream_identity()->set_key_file("/nonexistent/caller.key");
  EXPECT_TRUE(Valid());  // read at start, not here
  config_.mutable_upstream_identity()->mutable_max_age()->set_seconds(0);
  EXPECT_EQ(Error(), "upstream_identity.max_age: must be a positive duration, got 0s");
}

TEST_F(ValidateTest, DefaultsWithUpstreamsAreValid) {
  v1::GatewayConfig config;
  v1::Upstream& upstream = *config.add_upstreams();
  upstream.set_service(kPopulation);
  upstream.add_endpoints("127.0.0.1:7001");
  ApplyDefaults(config, kBuiltins, kServices);
  EXPECT_TRUE(ValidateConfig(config, kBuiltins, kServices).ok());
}

TEST(FullNameTest, IdentifiersJoinedByDots) {
  EXPECT_TRUE(IsProtoFullName("ndxp.population.v1.PopulationService"));
  EXPECT_TRUE(IsProtoFullName("_x.Y_2"));
  EXPECT_TRUE(IsProtoFullName("Greeter"));
  EXPECT_FALSE(IsProtoFullName(""));
  EXPECT_FALSE(IsProtoFullName("."));
  EXPECT_FALSE(IsProtoFullName("a."));
  EXPECT_FALSE(IsProtoFullName(".a"));
  EXPECT_FALSE(IsProtoFullName("a..b"));
  EXPECT_FALSE(IsProtoFullName("a.2b"));
  EXPECT_FALSE(IsProtoFullName("a/b"));
}

TEST(ClientIdTest, Charset) {
  EXPECT_TRUE(IsValidClientId("VN:PROV:79:ONESTOP"));
  EXPECT_FALSE(IsValidClientId(""));
  EXPECT_FALSE(IsValidClientId("a b"));
  EXPECT_TRUE(IsLowerHexSha256(kDigestA));
  EXPECT_FALSE(IsLowerHexSha256(std::string(63, 'a')));
}

}  // namespace
}  // namespace ndxp::config
