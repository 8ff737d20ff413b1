// The registry's files and their reload: a changed key store or client registry takes effect at
// the next check; one that does not parse keeps the registry in force.
#include "gateway/auth/registry_source.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gateway/auth/api_key.h"

namespace ndxp::auth {
namespace {

using ::testing::HasSubstr;
namespace v1 = ::ndxp::gateway::v1;

class RegistrySourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/ndxp-registry-test-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    config_.set_key_store((dir_ / "keys.yaml").string());
    config_.set_client_registry((dir_ / "clients.yaml").string());
    Write("clients.yaml",
          "clients:\n"
          "  - id: \"VN:PROV:79:ONESTOP\"\n"
          "    purposes: [administrative-procedure]\n"
          "    allow: [{method: \"*\"}]\n");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  // Writes a file the way an editor or ndxpctl does: a new file renamed over the old one.
  void Write(const std::string& name, const std::string& text) {
    const auto temp = dir_ / (name + ".tmp");
    std::ofstream(temp) << text;
    std::filesystem::rename(temp, dir_ / name);
  }
  std::string KeyStoreWith(const IssuedApiKey& key, std::string_view client, bool revoked) {
    std::string text = "keys:\n  - id: \"" + key.id + "\"\n    client: \"" + std::string(client) +
                       "\"\n    sha256: \"" + Sha256Hex(key.key) + "\"\n";
    if (revoked) text += "    revoked: \"2026-01-01T00:00:00Z\"\n";
    return text;
  }

  std::filesystem::path dir_;
  v1::GatewayConfig config_;
  metrics::Registry metrics_;
};

TEST_F(RegistrySourceTest, AMissingKeyStoreIsEmpty) {
  auto source = RegistrySource::Open(config_, {}, nullptr, &metrics_);
  ASSERT_TRUE(source.ok()) << source.status();
  EXPECT_EQ((*source)->Current()->key_count(), 0u);
  EXPECT_NE((*source)->Current()->FindClient("VN:PROV:79:ONESTOP"), nullptr);
}

TEST_F(RegistrySourceTest, IssuedAndRevokedKeysTakeEffectAtTheNextCheck) {
  auto source = RegistrySource::Open(config_, {}, nullptr, &metrics_);
  ASSERT_TRUE(source.ok()) << source.status();
  const IssuedApiKey key = GenerateIssuedApiKey();
  const absl::Time now = absl::Now();
  EXPECT_EQ((*source)->Current()->MatchApiKey(key.key, now).verdict, KeyVerdict::kUnknown);

  Write("keys.yaml", KeyStoreWith(key, "VN:PROV:79:ONESTOP", false));
  std::shared_ptr<const ClientRegistry> before = (*source)->Current();
  ASSERT_TRUE((*source)->CheckNow().ok());
  EXPECT_EQ((*source)->Current()->MatchApiKey(key.key, now).verdict, KeyVerdict::kAccepted);
  // A call identified before the reload keeps its snapshot.
  EXPECT_EQ(before->MatchApiKey(key.key, now).verdict, KeyVerdict::kUnknown);

  Write("keys.yaml", KeyStoreWith(key, "VN:PROV:79:ONESTOP", true));
  ASSERT_TRUE((*source)->CheckNow().ok());
  EXPECT_EQ((*source)->Current()->MatchApiKey(key.key, now).verdict, KeyVerdict::kRevoked);
  EXPECT_THAT(metrics_.Render(), HasSubstr("ndxp_gateway_reloads_total{file=\"key_store\",result=\"ok\"} 2"));
}

TEST_F(RegistrySourceTest, ABrokenFileKeepsTheRegistryInForce) {
  const IssuedApiKey key = GenerateIssuedApiKey();
  Write("keys.yaml", KeyStoreWith(key, "VN:PROV:79:ONESTOP", false));
  auto source = RegistrySource::Open(config_, {}, nullptr, &metrics_);
  ASSERT_TRUE(source.ok()) << source.status();

  Write("keys.yaml", KeyStoreWith(key, "VN:PROV:99:NOBODY", false));
  absl::Status reload = (*source)->CheckNow();
  EXPECT_THAT(std::string(reload.message()),
              HasSubstr("keys.yaml: keys[0].client: \"VN:PROV:99:NOBODY\" is not a registered client"));
  EXPECT_EQ((*source)->Current()->MatchApiKey(key.key, absl::Now()).verdict, KeyVerdict::kAccepted);
  EXPECT_THAT(metrics_.Render(),
              HasSubstr("ndxp_gateway_reloads_total{file=\"key_store\",result=\"error\"} 1"));

  Write("clients.yaml", "clients: [\n");
  EXPECT_FALSE((*source)->CheckNow().ok());
  EXPECT_NE((*source)->Current()->FindClient("VN:PROV:79:ONESTOP"), nullptr);
  // Nothing changed since: nothing to do.
  EXPECT_TRUE((*source)->CheckNow().ok());
}

TEST_F(RegistrySourceTest, AClientRegistryHoldsOnlyClients) {
  Write("clients.yaml", "clients: []\nlimits: {max_json_depth: 3}\n");
  auto source = RegistrySource::Open(config_, {}, nullptr, nullptr);
  EXPECT_THAT(std::string(source.status().message()),
              HasSubstr("limits: a client registry holds only `clients`"));
}

TEST_F(RegistrySourceTest, AClientInBothPlacesIsAnError) {
  config_.add_clients()->set_id("VN:PROV:79:ONESTOP");
  auto source = RegistrySource::Open(config_, {}, nullptr, nullptr);
  EXPECT_THAT(std::string(source.status().message()),
              HasSubstr("clients.yaml: clients[0].id: duplicate id \"VN:PROV:79:ONESTOP\""));
}

}  // namespace
}  // namespace ndxp::auth
