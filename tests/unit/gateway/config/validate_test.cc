#include "gateway/config/validate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gateway/config/defaults.h"

namespace ndxp::config {
namespace {

using ::testing::HasSubstr;

const std::vector<std::string_view> kBuiltins = {"population", "business"};
constexpr const char* kDigestA = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";
constexpr const char* kDigestB = "a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3";

class ValidateTest : public ::testing::Test {
 protected:
  void SetUp() override { config_ = DefaultConfig(kBuiltins); }
  std::string Error() {
    absl::Status status = ValidateConfig(config_, kBuiltins);
    EXPECT_FALSE(status.ok());
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    return std::string(status.message());
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

TEST(ClientIdTest, Charset) {
  EXPECT_TRUE(IsValidClientId("VN:PROV:79:ONESTOP"));
  EXPECT_FALSE(IsValidClientId(""));
  EXPECT_FALSE(IsValidClientId("a b"));
  EXPECT_TRUE(IsLowerHexSha256(kDigestA));
  EXPECT_FALSE(IsLowerHexSha256(std::string(63, 'a')));
}

}  // namespace
}  // namespace ndxp::config
