#include "gateway/auth/client_registry.h"

#include <atomic>
#include <thread>

#include <gmock/gmock.h>
#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include "gateway/auth/api_key.h"

namespace ndxp::auth {
namespace {

using ::testing::HasSubstr;
namespace v1 = ::ndxp::gateway::v1;
using google::protobuf::util::TimeUtil;

class ClientRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AddConfigClient("VN:PROV:79:ONESTOP", "Hồ Chí Minh", {key_hcm_, key_hcm_2_});
    AddConfigClient("VN:PROV:01:ONESTOP", "Hà Nội", {key_hn_});
    Rebuild();
  }
  void Rebuild() {
    RegistryInputs inputs;
    inputs.clients = &clients_;
    inputs.key_store = &store_;
    inputs.key_store_path = "keys.yaml";
    auto built = ClientRegistry::Build(inputs, nullptr, indexes_);
    ASSERT_TRUE(built.ok()) << built.status();
    registry_ = *std::move(built);
  }
  absl::Status BuildStatus() {
    RegistryInputs inputs;
    inputs.clients = &clients_;
    inputs.key_store = &store_;
    inputs.key_store_path = "keys.yaml";
    return ClientRegistry::Build(inputs, nullptr, indexes_).status();
  }
  void AddConfigClient(const std::string& id, const std::string& name,
                       std::initializer_list<std::string> keys) {
    v1::Client* client = clients_.Add();
    client->set_id(id);
    client->set_display_name(name);
    for (const std::string& key : keys) client->add_api_key_sha256(Sha256Hex(key));
  }
  // Issues a key into the store; returns the key.
  std::string Issue(const std::string& client, absl::Time expires = absl::InfiniteFuture(),
                    absl::Time revoked = absl::InfiniteFuture()) {
    IssuedApiKey key = GenerateIssuedApiKey();
    v1::IssuedKey* entry = store_.add_keys();
    entry->set_id(key.id);
    entry->set_client(client);
    entry->set_sha256(Sha256Hex(key.key));
    if (expires != absl::InfiniteFuture()) {
      *entry->mutable_expires() = TimeUtil::SecondsToTimestamp(absl::ToUnixSeconds(expires));
    }
    if (revoked != absl::InfiniteFuture()) {
      *entry->mutable_revoked() = TimeUtil::SecondsToTimestamp(absl::ToUnixSeconds(revoked));
    }
    return key.key;
  }

  const std::string key_hcm_ = GenerateApiKey();
  const std::string key_hcm_2_ = GenerateApiKey();
  const std::string key_hn_ = GenerateApiKey();
  google::protobuf::RepeatedPtrField<v1::Client> clients_;
  v1::KeyStore store_;
  ClientIndexes indexes_;
  std::shared_ptr<const ClientRegistry> registry_;
  const absl::Time now_ = absl::FromUnixSeconds(1780000000);
};

TEST_F(ClientRegistryTest, ClientsInConfigOrderWithDenseIndexes) {
  ASSERT_EQ(registry_->clients().size(), 2u);
  EXPECT_EQ(registry_->clients()[0]->id, "VN:PROV:79:ONESTOP");
  EXPECT_EQ(registry_->clients()[0]->display_name, "Hồ Chí Minh");
  EXPECT_EQ(registry_->clients()[0]->index, 0u);
  EXPECT_EQ(registry_->clients()[1]->index, 1u);
  EXPECT_EQ(registry_->key_count(), 3u);
}

TEST_F(ClientRegistryTest, IndexesStayWithTheirIdAcrossRebuilds) {
  // A reload that lists the clients the other way round, and a new one, keeps each id's index.
  clients_.SwapElements(0, 1);
  AddConfigClient("VN:PROV:48:ONESTOP", "Đà Nẵng", {});
  Rebuild();
  EXPECT_EQ(registry_->FindClient("VN:PROV:79:ONESTOP")->index, 0u);
  EXPECT_EQ(registry_->FindClient("VN:PROV:01:ONESTOP")->index, 1u);
  EXPECT_EQ(registry_->FindClient("VN:PROV:48:ONESTOP")->index, 2u);
  EXPECT_EQ(indexes_.size(), 3u);
}

TEST_F(ClientRegistryTest, ConfiguredKeysIdentifyTheirClient) {
  ApiKeyMatch a = registry_->MatchApiKey(key_hcm_, now_);
  ASSERT_EQ(a.verdict, KeyVerdict::kAccepted);
  EXPECT_EQ(a.client->id, "VN:PROV:79:ONESTOP");
  EXPECT_TRUE(a.key_id.empty());
  EXPECT_EQ(registry_->MatchApiKey(key_hcm_2_, now_).client, a.client);
  EXPECT_EQ(registry_->MatchApiKey(key_hn_, now_).client->index, 1u);
}

TEST_F(ClientRegistryTest, MissingAndUnknownKeys) {
  EXPECT_EQ(registry_->MatchApiKey(std::nullopt, now_).verdict, KeyVerdict::kMissing);
  EXPECT_EQ(registry_->MatchApiKey("", now_).verdict, KeyVerdict::kMissing);
  for (const std::string& bad : {GenerateApiKey(), key_hcm_ + "x", key_hcm_.substr(1),
                                 Sha256Hex(key_hcm_), std::string(10000, 'k'),
                                 GenerateIssuedApiKey().key}) {
    ApiKeyMatch match = registry_->MatchApiKey(bad, now_);
    EXPECT_EQ(match.verdict, KeyVerdict::kUnknown) << bad;
    EXPECT_EQ(match.client, nullptr);
  }
}

TEST_F(ClientRegistryTest, IssuedKeysWithExpiryAndRevocation) {
  const std::string good = Issue("VN:PROV:01:ONESTOP", now_ + absl::Hours(24));
  const std::string expired = Issue("VN:PROV:01:ONESTOP", now_ - absl::Hours(1));
  const std::string revoked = Issue("VN:PROV:79:ONESTOP", absl::InfiniteFuture(), now_ - absl::Hours(2));
  Rebuild();
  ApiKeyMatch ok = registry_->MatchApiKey(good, now_);
  EXPECT_EQ(ok.verdict, KeyVerdict::kAccepted);
  EXPECT_EQ(ok.client->id, "VN:PROV:01:ONESTOP");
  EXPECT_EQ(ok.key_id, KeyIdOf(good));
  // The same key a day later has expired.
  EXPECT_EQ(registry_->MatchApiKey(good, now_ + absl::Hours(25)).verdict, KeyVerdict::kExpired);
  ApiKeyMatch e = registry_->MatchApiKey(expired, now_);
  EXPECT_EQ(e.verdict, KeyVerdict::kExpired);
  EXPECT_EQ(e.when, now_ - absl::Hours(1));
  ApiKeyMatch r = registry_->MatchApiKey(revoked, now_);
  EXPECT_EQ(r.verdict, KeyVerdict::kRevoked);
  EXPECT_EQ(r.client->id, "VN:PROV:79:ONESTOP");
  // The right key id with a wrong secret is unknown, not the key's client.
  std::string forged = good;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(registry_->MatchApiKey(forged, now_).verdict, KeyVerdict::kUnknown);
  EXPECT_EQ(registry_->MatchApiKey(forged, now_).client, nullptr);
}

TEST_F(ClientRegistryTest, RetiredClientsAreRefusedNamingTheirSuccessor) {
  v1::Client* old = clients_.Add();
  old->set_id("VN:PROV:77:ONESTOP");
  old->set_retired(true);
  old->set_successor("VN:PROV:79:ONESTOP");
  const std::string key = GenerateApiKey();
  old->add_api_key_sha256(Sha256Hex(key));
  Rebuild();
  ApiKeyMatch match = registry_->MatchApiKey(key, now_);
  EXPECT_EQ(match.verdict, KeyVerdict::kClientRetired);
  EXPECT_EQ(match.client->successor, "VN:PROV:79:ONESTOP");
}

TEST_F(ClientRegistryTest, BadEntriesNameTheirKey) {
  auto expect = [&](std::string_view want) {
    absl::Status status = BuildStatus();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(status.message()), HasSubstr(want));
  };
  clients_.Mutable(1)->set_id("VN:PROV:79:ONESTOP");
  expect("clients[1].id: duplicate id \"VN:PROV:79:ONESTOP\"");
  clients_.Mutable(1)->set_id("bad id with spaces");
  expect("clients[1].id: \"bad id with spaces\": an id is 1 to 64");
  clients_.Mutable(1)->set_id("VN:PROV:01:ONESTOP");
  clients_.Mutable(1)->add_api_key_sha256("ABC");
  expect("clients[1].api_key_sha256[1]: expected 64 lowercase hexadecimal");
  clients_.Mutable(1)->set_api_key_sha256(1, Sha256Hex(key_hcm_));
  expect("clients[1].api_key_sha256[1]: the same digest as clients[0].api_key_sha256[0]");
  clients_.Mutable(1)->mutable_api_key_sha256()->RemoveLast();
  clients_.Mutable(1)->set_successor("VN:PROV:79:ONESTOP");
  expect("clients[1].successor: only a retired client has a successor");
  clients_.Mutable(1)->set_retired(true);
  clients_.Mutable(1)->set_successor("VN:PROV:99:ONESTOP");
  expect("clients[1].successor: \"VN:PROV:99:ONESTOP\" is not a registered client");
  clients_.Mutable(1)->clear_successor();
  clients_.Mutable(1)->set_retired(false);
  ASSERT_TRUE(BuildStatus().ok()) << BuildStatus();

  Issue("VN:PROV:02:ONESTOP");
  expect("keys.yaml: keys[0].client: \"VN:PROV:02:ONESTOP\" is not a registered client");
  store_.mutable_keys(0)->set_client("VN:PROV:01:ONESTOP");
  store_.mutable_keys(0)->set_id("short");
  expect("keys.yaml: keys[0].id: expected 12 characters");
  store_.mutable_keys(0)->set_id("abcdefghijkl");
  *store_.add_keys() = store_.keys(0);
  expect("keys.yaml: keys[1].sha256: the same digest as keys.yaml: keys[0]");
}

TEST_F(ClientRegistryTest, PolicyFormIsCheckedWithoutRoutes) {
  auto expect = [&](std::string_view want) {
    absl::Status status = BuildStatus();
    EXPECT_THAT(std::string(status.message()), HasSubstr(want));
  };
  v1::Client& c = *clients_.Mutable(0);
  c.add_allow()->set_method("GetCitizen");
  expect("clients[0].allow[0].method: expected \"package.Service/Method\"");
  c.mutable_allow(0)->set_method("ndxp.population.v1.PopulationService/*");
  c.mutable_allow(0)->add_fields("citizen.full_name");
  expect("clients[0].allow[0].fields: a field mask names fields of one response message");
  c.mutable_allow(0)->clear_fields();
  c.add_allow()->set_method("ndxp.population.v1.PopulationService/*");
  expect("clients[0].allow[1].method: \"ndxp.population.v1.PopulationService/*\" is listed twice");
  c.mutable_allow()->RemoveLast();
  c.add_purposes("Administrative Procedure");
  expect("clients[0].purposes[0]: a purpose is 1 to 64 characters");
  c.set_purposes(0, "administrative-procedure");
  c.add_provinces("7");
  expect("clients[0].provinces[0]: expected a two-digit province code such as \"79\", got \"7\"");
  c.set_provinces(0, "79");
  EXPECT_TRUE(BuildStatus().ok()) << BuildStatus();
}

TEST_F(ClientRegistryTest, ConcurrentMatches) {
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string& key = (i + t) % 2 == 0 ? key_hcm_ : key_hn_;
        const ApiKeyMatch r = registry_->MatchApiKey(key, now_);
        const std::size_t want = (i + t) % 2 == 0 ? 0 : 1;
        if (r.client == nullptr || r.client->index != want) ++wrong;
        if (registry_->MatchApiKey("nope", now_).client != nullptr) ++wrong;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace ndxp::auth
