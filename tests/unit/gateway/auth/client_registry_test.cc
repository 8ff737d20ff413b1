#include "gateway/auth/client_registry.h"

#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gateway/auth/api_key.h"

namespace ndxp::auth {
namespace {

using ::testing::HasSubstr;
namespace v1 = ::ndxp::gateway::v1;

class ClientRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AddConfigClient("VN:PROV:79:ONESTOP", "Hồ Chí Minh", {key_hcm_, key_hcm_2_});
    AddConfigClient("VN:PROV:01:ONESTOP", "Hà Nội", {key_hn_});
    auto created = ApiKeyAuthenticator::Create(clients_);
    ASSERT_TRUE(created.ok()) << created.status();
    authenticator_ = std::move(*created);
  }
  void AddConfigClient(const std::string& id, const std::string& name,
                       std::initializer_list<std::string> keys) {
    v1::Client* client = clients_.Add();
    client->set_id(id);
    client->set_display_name(name);
    for (const std::string& key : keys) client->add_api_key_sha256(Sha256Hex(key));
  }

  const std::string key_hcm_ = GenerateApiKey();
  const std::string key_hcm_2_ = GenerateApiKey();
  const std::string key_hn_ = GenerateApiKey();
  google::protobuf::RepeatedPtrField<v1::Client> clients_;
  std::unique_ptr<ApiKeyAuthenticator> authenticator_;
};

TEST_F(ClientRegistryTest, ClientsInConfigOrderWithDenseIndexes) {
  ASSERT_EQ(authenticator_->clients().size(), 2u);
  EXPECT_EQ(authenticator_->clients()[0].id, "VN:PROV:79:ONESTOP");
  EXPECT_EQ(authenticator_->clients()[0].display_name, "Hồ Chí Minh");
  EXPECT_EQ(authenticator_->clients()[0].index, 0u);
  EXPECT_EQ(authenticator_->clients()[1].index, 1u);
  EXPECT_EQ(authenticator_->key_count(), 3u);
}

TEST_F(ClientRegistryTest, ValidKeysIdentifyTheirClient) {
  AuthResult a = authenticator_->Authenticate(key_hcm_);
  ASSERT_NE(a.client, nullptr);
  EXPECT_EQ(a.client->id, "VN:PROV:79:ONESTOP");
  EXPECT_TRUE(a.failure_reason.empty());
  EXPECT_EQ(authenticator_->Authenticate(key_hcm_2_).client, a.client);
  AuthResult b = authenticator_->Authenticate(key_hn_);
  ASSERT_NE(b.client, nullptr);
  EXPECT_EQ(b.client->index, 1u);
}

TEST_F(ClientRegistryTest, MissingKey) {
  EXPECT_EQ(authenticator_->Authenticate(std::nullopt).client, nullptr);
  EXPECT_EQ(authenticator_->Authenticate(std::nullopt).failure_reason, "missing_api_key");
  EXPECT_EQ(authenticator_->Authenticate("").failure_reason, "missing_api_key");
}

TEST_F(ClientRegistryTest, InvalidKeys) {
  for (const std::string& bad : {GenerateApiKey(), key_hcm_ + "x", key_hcm_.substr(1),
                                 Sha256Hex(key_hcm_), std::string(10000, 'k')}) {
    AuthResult result = authenticator_->Authenticate(bad);
    EXPECT_EQ(result.client, nullptr);
    EXPECT_EQ(result.failure_reason, "invalid_api_key");
  }
}

TEST_F(ClientRegistryTest, FindClient) {
  ASSERT_NE(authenticator_->FindClient("VN:PROV:01:ONESTOP"), nullptr);
  EXPECT_EQ(authenticator_->FindClient("VN:PROV:01:ONESTOP")->index, 1u);
  EXPECT_EQ(authenticator_->FindClient("nobody"), nullptr);
}

TEST_F(ClientRegistryTest, AddClientForTheDemo) {
  const std::string demo_key = GenerateApiKey();
  authenticator_->AddClient("demo", "Demo client", Sha256Hex(demo_key));
  AuthResult result = authenticator_->Authenticate(demo_key);
  ASSERT_NE(result.client, nullptr);
  EXPECT_EQ(result.client->id, "demo");
  EXPECT_EQ(result.client->index, 2u);
  // A second key for the same id joins that client.
  const std::string second = GenerateApiKey();
  authenticator_->AddClient("demo", "ignored", Sha256Hex(second));
  EXPECT_EQ(authenticator_->clients().size(), 3u);
  EXPECT_EQ(authenticator_->Authenticate(second).client->index, 2u);
  // A malformed digest, or one already taken, never matches anything new.
  authenticator_->AddClient("other", "", "not-a-digest");
  authenticator_->AddClient("thief", "", Sha256Hex(key_hcm_));
  EXPECT_EQ(authenticator_->Authenticate(key_hcm_).client->id, "VN:PROV:79:ONESTOP");
}

TEST_F(ClientRegistryTest, EmptyAuthenticatorRejectsEverything) {
  ApiKeyAuthenticator empty;
  EXPECT_EQ(empty.Authenticate(key_hcm_).failure_reason, "invalid_api_key");
  EXPECT_TRUE(empty.clients().empty());
}

TEST_F(ClientRegistryTest, CreateRejectsBadClients) {
  google::protobuf::RepeatedPtrField<v1::Client> clients;
  clients.Add()->set_id("a");
  clients.Add()->set_id("a");
  auto dup = ApiKeyAuthenticator::Create(clients);
  EXPECT_EQ(dup.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(dup.status().message()), HasSubstr("clients[1].id: duplicate id \"a\""));

  clients.Mutable(1)->set_id("b");
  clients.Mutable(1)->add_api_key_sha256("ABC");
  EXPECT_THAT(std::string(ApiKeyAuthenticator::Create(clients).status().message()),
              HasSubstr("clients[1].api_key_sha256[0]: expected 64 lowercase hexadecimal"));

  clients.Mutable(1)->set_api_key_sha256(0, Sha256Hex("k"));
  clients.Mutable(0)->add_api_key_sha256(Sha256Hex("k"));
  EXPECT_THAT(std::string(ApiKeyAuthenticator::Create(clients).status().message()),
              HasSubstr("clients[1].api_key_sha256[0]: duplicate digest"));

  clients.Mutable(0)->set_id("");
  EXPECT_THAT(std::string(ApiKeyAuthenticator::Create(clients).status().message()),
              HasSubstr("clients[0].id: a client needs an id"));
}

TEST_F(ClientRegistryTest, ConcurrentAuthenticate) {
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string& key = (i + t) % 2 == 0 ? key_hcm_ : key_hn_;
        const AuthResult r = authenticator_->Authenticate(key);
        const std::size_t want = (i + t) % 2 == 0 ? 0 : 1;
        if (r.client == nullptr || r.client->index != want) ++wrong;
        if (authenticator_->Authenticate("nope").client != nullptr) ++wrong;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace ndxp::auth
