// Identity and policy through the real gateway: the shipped client registry
// (deploy/config/clients.yaml), API keys issued and revoked with `ndxpctl keys` while the gateway
// runs, and what each client may call, declare, list and see — over gRPC and REST.
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "ndxp/business/v1/business.grpc.pb.h"
#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/grpc_fixture.h"
#include "tests/integration/support/file_watch.h"
#include "tests/integration/support/gateway_process.h"
#include "tests/integration/support/test_config.h"

namespace ndxp::testing {
namespace {

using ::testing::HasSubstr;
namespace pop = ::ndxp::population::v1;
namespace biz = ::ndxp::business::v1;

constexpr const char* kPurpose = "administrative-procedure";
constexpr const char* kStreamKey = "ndxp_test_key_for_a_masked_stream_client";

// `ndxpctl keys create`'s key and key id.
struct Issued {
  std::string key;
  std::string id;
};

class IdentityPolicyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(MakeTestDir("ndxp-it-identity"));
    store_ = new std::string(*dir_ + "/keys.yaml");
    config_ = new std::string(*dir_ + "/gateway.yaml");
    log_ = new std::string(*dir_ + "/access.log");
    // Beside the shipped registry, a client whose grant masks a streaming method.
    std::ofstream(*config_) << "client_registry: \"" << NDXP_SOURCE_DIR
                            << "/deploy/config/clients.yaml\"\n"
                            << "clients:\n"
                            << "  - id: \"VN:MIN:TEST:STREAM\"\n"
                            << "    api_key_sha256: [\"" << Sha256HexOf(kStreamKey) << "\"]\n"
                            << "    purposes: [statistics]\n"
                            << "    allow:\n"
                            << "      - method: ndxp.business.v1.BusinessRegistryService/StreamEnterprises\n"
                            << "        fields: [enterprise.enterprise_code, enterprise.name]\n"
                            << "key_store: \"" << *store_ << "\"\n"
                            << "access_log:\n  path: \"" << *log_ << "\"\n";
    gateway_ = new GatewayProcess(GatewayProcess::Options{.args = {"--config", *config_}});
    ASSERT_TRUE(gateway_->WaitUntilListening()) << gateway_->Stderr();
    hcm_ = new Issued(Issue("VN:PROV:79:ONESTOP"));
    ids_ = new std::vector<std::string>(SampleIds("population", 1));
  }
  static void TearDownTestSuite() {
    delete gateway_;
    gateway_ = nullptr;
  }

  static Issued Issue(const std::string& client, const std::string& extra = "") {
    std::string out;
    std::vector<std::string> argv = {CtlBinary(), "keys", "create", "--client", client,
                                     "--config", *config_};
    if (!extra.empty()) {
      argv.push_back("--expires");
      argv.push_back(extra);
    }
    EXPECT_EQ(RunCommand(argv, &out), 0) << out;
    std::smatch key, id;
    std::regex_search(out, key, std::regex("api_key: (ndxp_[A-Za-z0-9_-]+)"));
    std::regex_search(out, id, std::regex("key_id: ([a-z0-9]+)"));
    return Issued{key.size() > 1 ? key[1].str() : "", id.size() > 1 ? id[1].str() : ""};
  }

  // Calls GetCitizen with `key` (and the purpose unless empty) until `pred` holds for the status
  // or 10 s pass (the gateway re-reads the key store within 500 ms of a change).
  template <typename Pred>
  static grpc::Status GetCitizenUntil(const std::string& key, Pred pred,
                                      pop::GetCitizenResponse* response = nullptr) {
    auto stub = pop::PopulationService::NewStub(
        grpc::CreateChannel(gateway_->grpc_target(), grpc::InsecureChannelCredentials()));
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    grpc::Status status;
    do {
      grpc::ClientContext ctx;
      ctx.AddMetadata("x-api-key", key);
      ctx.AddMetadata("x-ndxp-purpose", kPurpose);
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
      pop::GetCitizenRequest request;
      request.set_personal_id(ids_->at(0));
      pop::GetCitizenResponse out;
      status = stub->GetCitizen(&ctx, request, &out);
      if (response != nullptr) *response = out;
      if (pred(status)) return status;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));  // poll interval, bounded above
    } while (std::chrono::steady_clock::now() < give_up);
    return status;
  }

  static grpc::Status Call(const std::string& key, const char* purpose,
                           const std::function<grpc::Status(grpc::ClientContext&)>& call) {
    grpc::ClientContext ctx;
    if (!key.empty()) ctx.AddMetadata("x-api-key", key);
    if (purpose != nullptr) ctx.AddMetadata("x-ndxp-purpose", purpose);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    return call(ctx);
  }
  static std::shared_ptr<grpc::Channel> Channel() {
    return grpc::CreateChannel(gateway_->grpc_target(), grpc::InsecureChannelCredentials());
  }
  static void AppendToStore(const std::string& yaml_entry) {
    std::string text;
    {
      std::ifstream in(*store_);
      text.assign(std::istreambuf_iterator<char>(in), {});
    }
    text += yaml_entry;
    std::ofstream(*store_ + ".new") << text;
    std::filesystem::rename(*store_ + ".new", *store_);
  }

  static inline GatewayProcess* gateway_ = nullptr;
  static inline std::string* dir_ = nullptr;
  static inline std::string* store_ = nullptr;
  static inline std::string* config_ = nullptr;
  static inline std::string* log_ = nullptr;
  static inline Issued* hcm_ = nullptr;
  static inline std::vector<std::string>* ids_ = nullptr;
};

TEST_F(IdentityPolicyTest, AnIssuedKeyWorksAndTheResponseIsMasked) {
  ASSERT_FALSE(hcm_->key.empty());
  pop::GetCitizenResponse response;
  grpc::Status status = GetCitizenUntil(hcm_->key, [](const grpc::Status& s) { return s.ok(); },
                                        &response);
  ASSERT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
  EXPECT_EQ(response.citizen().personal_id(), ids_->at(0));
  EXPECT_FALSE(response.citizen().full_name().empty());
  EXPECT_TRUE(response.citizen().has_date_of_birth());
  // Outside the shipped mask for a province: never sent.
  EXPECT_TRUE(response.citizen().ethnicity().empty());
  EXPECT_TRUE(response.citizen().religion().empty());
  EXPECT_FALSE(response.citizen().has_place_of_origin());
  EXPECT_TRUE(response.citizen().father_personal_id().empty());
}

TEST_F(IdentityPolicyTest, RestAnswersAreMaskedToo) {
  ASSERT_TRUE(GetCitizenUntil(hcm_->key, [](const grpc::Status& s) { return s.ok(); }).ok());
  std::string out;
  ASSERT_EQ(RunCommand({"/usr/bin/curl", "-s", "--max-time", "10", "-H", "x-api-key: " + hcm_->key,
                        "-H", std::string("x-ndxp-purpose: ") + kPurpose,
                        gateway_->http_base() + "/v1/citizens/" + ids_->at(0)},
                       &out),
            0);
  EXPECT_THAT(out, HasSubstr("\"fullName\""));
  EXPECT_THAT(out, ::testing::Not(HasSubstr("ethnicity")));
  EXPECT_THAT(out, ::testing::Not(HasSubstr("placeOfOrigin")));
}

TEST_F(IdentityPolicyTest, ConnectAnswersAreMaskedToo) {
  ASSERT_TRUE(GetCitizenUntil(hcm_->key, [](const grpc::Status& s) { return s.ok(); }).ok());
  std::string out;
  ASSERT_EQ(RunCommand({"/usr/bin/curl", "-s", "--max-time", "10", "-H", "x-api-key: " + hcm_->key,
                        "-H", std::string("x-ndxp-purpose: ") + kPurpose, "-H",
                        "content-type: application/json", "-d",
                        "{\"personal_id\": \"" + ids_->at(0) + "\"}",
                        gateway_->http_base() + "/ndxp.population.v1.PopulationService/GetCitizen"},
                       &out),
            0);
  EXPECT_THAT(out, HasSubstr("\"fullName\""));
  EXPECT_THAT(out, ::testing::Not(HasSubstr("ethnicity")));
  EXPECT_THAT(out, ::testing::Not(HasSubstr("placeOfOrigin")));
}

TEST_F(IdentityPolicyTest, EveryStreamedMessageIsMasked) {
  auto stub = biz::BusinessRegistryService::NewStub(Channel());
  grpc::ClientContext ctx;
  ctx.AddMetadata("x-api-key", kStreamKey);
  ctx.AddMetadata("x-ndxp-purpose", "statistics");
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  biz::StreamEnterprisesRequest request;
  request.set_province_code("79");
  auto reader = stub->StreamEnterprises(&ctx, request);
  biz::StreamEnterprisesResponse item;
  int count = 0;
  int leaked = 0;
  while (reader->Read(&item)) {
    ++count;
    const biz::Enterprise& e = item.enterprise();
    if (e.enterprise_code().empty() || e.name().empty()) ++leaked;  // kept fields must stay
    biz::Enterprise kept;
    kept.set_enterprise_code(e.enterprise_code());
    kept.set_name(e.name());
    if (e.SerializeAsString() != kept.SerializeAsString()) ++leaked;
  }
  grpc::Status status = reader->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_GT(count, 10);
  EXPECT_EQ(leaked, 0) << "messages with fields outside the mask";
  // Another method of the same service is not in this client's policy.
  grpc::Status other = Call(kStreamKey, "statistics", [&](grpc::ClientContext& c) {
    biz::ListEnterprisesRequest list;
    list.set_province_code("79");
    biz::ListEnterprisesResponse response;
    return stub->ListEnterprises(&c, list, &response);
  });
  EXPECT_EQ(ErrorInfoReason(other), "METHOD_NOT_ALLOWED");
}

TEST_F(IdentityPolicyTest, AMethodOutsideThePolicyIsPermissionDenied) {
  ASSERT_TRUE(GetCitizenUntil(hcm_->key, [](const grpc::Status& s) { return s.ok(); }).ok());
  auto stub = pop::PopulationService::NewStub(Channel());
  grpc::Status status = Call(hcm_->key, kPurpose, [&](grpc::ClientContext& ctx) {
    pop::GetHouseholdRequest request;
    request.set_household_id("doesnotmatter");
    pop::GetHouseholdResponse response;
    return stub->GetHousehold(&ctx, request, &response);
  });
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorInfoReason(status), "METHOD_NOT_ALLOWED");
  EXPECT_THAT(status.error_message(), HasSubstr("client VN:PROV:79:ONESTOP may not call "
                                                "ndxp.population.v1.PopulationService/GetHousehold"));
}

TEST_F(IdentityPolicyTest, PersonalDataNeedsADeclaredPurpose) {
  auto stub = pop::PopulationService::NewStub(Channel());
  auto get = [&](const char* purpose) {
    return Call(hcm_->key, purpose, [&](grpc::ClientContext& ctx) {
      pop::GetCitizenRequest request;
      request.set_personal_id(ids_->at(0));
      pop::GetCitizenResponse response;
      return stub->GetCitizen(&ctx, request, &response);
    });
  };
  ASSERT_TRUE(GetCitizenUntil(hcm_->key, [](const grpc::Status& s) { return s.ok(); }).ok());
  grpc::Status none = get(nullptr);
  EXPECT_EQ(none.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorInfoReason(none), "PURPOSE_REQUIRED");
  grpc::Status foreign = get("tax-administration");
  EXPECT_EQ(ErrorInfoReason(foreign), "PURPOSE_NOT_ALLOWED");
  EXPECT_THAT(foreign.error_message(), HasSubstr("may declare: administrative-procedure"));
}

TEST_F(IdentityPolicyTest, AProvinceListsOnlyItsOwnEnterprises) {
  ASSERT_TRUE(GetCitizenUntil(hcm_->key, [](const grpc::Status& s) { return s.ok(); }).ok());
  auto stub = biz::BusinessRegistryService::NewStub(Channel());
  auto list = [&](const std::string& province) {
    return Call(hcm_->key, kPurpose, [&](grpc::ClientContext& ctx) {
      biz::ListEnterprisesRequest request;
      request.set_province_code(province);
      request.set_page_size(2);
      biz::ListEnterprisesResponse response;
      return stub->ListEnterprises(&ctx, request, &response);
    });
  };
  EXPECT_TRUE(list("79").ok());
  grpc::Status other = list("01");
  EXPECT_EQ(other.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorInfoReason(other), "PROVINCE_NOT_ALLOWED");
  EXPECT_THAT(other.error_message(), HasSubstr("may not list province 01 (it may list: 79)"));
}

TEST_F(IdentityPolicyTest, ARevokedKeyIsRefusedWithoutARestart) {
  Issued key = Issue("VN:PROV:01:ONESTOP");
  ASSERT_TRUE(GetCitizenUntil(key.key, [](const grpc::Status& s) { return s.ok(); }).ok());
  std::string out;
  ASSERT_EQ(RunCommand({CtlBinary(), "keys", "revoke", key.id, "--config", *config_}, &out), 0) << out;
  grpc::Status status = GetCitizenUntil(key.key, [](const grpc::Status& s) {
    return s.error_code() == grpc::StatusCode::UNAUTHENTICATED;
  });
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ErrorInfoReason(status), "API_KEY_REVOKED");
  EXPECT_THAT(status.error_message(), HasSubstr(key.id));
  EXPECT_THAT(status.error_message(), ::testing::Not(HasSubstr(key.key)));
  // The list shows it revoked; other keys still work.
  ASSERT_EQ(RunCommand({CtlBinary(), "keys", "list", "--config", *config_}, &out), 0);
  EXPECT_THAT(out, HasSubstr(key.id));
  EXPECT_THAT(out, HasSubstr("revoked"));
  EXPECT_THAT(out, ::testing::Not(HasSubstr(key.key)));
  EXPECT_TRUE(GetCitizenUntil(hcm_->key, [](const grpc::Status& s) { return s.ok(); }).ok());
}

TEST_F(IdentityPolicyTest, ExpiredKeysAndRetiredClientsAreRefusedWithTheirReason) {
  // Entries written as another tool would: an expired key, and a key of a merged province.
  const std::string expired = "ndxp_expiredkey01_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  const std::string retired = "ndxp_retiredkey01_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
  AppendToStore("  - id: \"expiredkey01\"\n    client: \"VN:PROV:01:ONESTOP\"\n    sha256: \"" +
                Sha256HexOf(expired) + "\"\n    expires: \"2025-01-01T00:00:00Z\"\n" +
                "  - id: \"retiredkey01\"\n    client: \"VN:PROV:77:ONESTOP\"\n    sha256: \"" +
                Sha256HexOf(retired) + "\"\n");
  grpc::Status e = GetCitizenUntil(expired, [](const grpc::Status& s) {
    return s.error_code() == grpc::StatusCode::UNAUTHENTICATED && ErrorInfoReason(s) != "API_KEY_INVALID";
  });
  EXPECT_EQ(ErrorInfoReason(e), "API_KEY_EXPIRED");
  EXPECT_THAT(e.error_message(), HasSubstr("expired on 2025-01-01"));
  grpc::Status r = GetCitizenUntil(retired, [](const grpc::Status& s) { return !s.ok(); });
  EXPECT_EQ(r.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ErrorInfoReason(r), "CLIENT_RETIRED");
  EXPECT_THAT(r.error_message(), HasSubstr("its successor is VN:PROV:79:ONESTOP"));
}

TEST_F(IdentityPolicyTest, TwoKeysOnOneCallAreRefused) {
  auto stub = pop::PopulationService::NewStub(Channel());
  grpc::ClientContext ctx;
  ctx.AddMetadata("x-api-key", hcm_->key);
  ctx.AddMetadata("x-api-key", "ndxp_another_key");
  ctx.AddMetadata("x-ndxp-purpose", kPurpose);
  pop::GetCitizenRequest request;
  request.set_personal_id(ids_->at(0));
  pop::GetCitizenResponse response;
  grpc::Status status = stub->GetCitizen(&ctx, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ErrorInfoReason(status), "CREDENTIAL_DUPLICATED");
}

TEST_F(IdentityPolicyTest, NoKeyReachesTheLogs) {
  ASSERT_TRUE(GetCitizenUntil(hcm_->key, [](const grpc::Status& s) { return s.ok(); }).ok());
  // The access log is written in batches: wait (bounded) for the call's line.
  std::string line = WaitForLineWith(*log_, {"\"client\":\"VN:PROV:79:ONESTOP\""},
                                     std::chrono::seconds(10));
  EXPECT_FALSE(line.empty());
  std::string log;
  {
    std::ifstream in(*log_);
    log.assign(std::istreambuf_iterator<char>(in), {});
  }
  EXPECT_THAT(log, ::testing::Not(HasSubstr(hcm_->key)));
  EXPECT_THAT(gateway_->Stderr(), ::testing::Not(HasSubstr(hcm_->key)));
  // Nor a personal id: the access log names the method, never whom the call was about.
  EXPECT_THAT(log, ::testing::Not(HasSubstr(ids_->at(0))));
  // The key store holds digests only.
  std::ifstream in(*store_);
  std::string store(std::istreambuf_iterator<char>(in), {});
  EXPECT_THAT(store, ::testing::Not(HasSubstr(hcm_->key)));
  EXPECT_THAT(store, HasSubstr(hcm_->id));
}

}  // namespace
}  // namespace ndxp::testing
