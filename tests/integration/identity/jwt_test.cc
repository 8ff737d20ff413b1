// JWT bearer tokens through the real gateway: RS256 and ES256 tokens against a JWKS file, the
// refusal reasons, scopes narrowing the client's policy, and key rotation by rewriting the JWKS
// while the gateway runs.
#include <filesystem>
#include <fstream>
#include <string>

#include <absl/time/clock.h>
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "ndxp/business/v1/business.grpc.pb.h"
#include "ndxp/population/v1/population.grpc.pb.h"
#include "tests/integration/grpc_fixture.h"
#include "tests/integration/support/file_watch.h"
#include "tests/integration/support/gateway_process.h"
#include "tests/integration/support/test_config.h"
#include "tests/support/jwt_test_signer.h"

namespace ndxp::testing {
namespace {

using ::testing::HasSubstr;
namespace pop = ::ndxp::population::v1;

std::string Claims(std::string_view client, long long exp, std::string_view extra = "") {
  return "{\"iss\":\"https://sso.ndxp.gov.vn\",\"aud\":\"ndxp-gateway\",\"client_id\":\"" +
         std::string(client) + "\",\"exp\":" + std::to_string(exp) +
         (extra.empty() ? "" : "," + std::string(extra)) + "}";
}

class JwtTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rsa_ = new JwtTestKey(JwtTestKey::Rsa("rsa-2026"));
    ec_ = new JwtTestKey(JwtTestKey::P256("ec-2026"));
    dir_ = new std::string(MakeTestDir("ndxp-it-jwt"));
    jwks_ = new std::string(*dir_ + "/jwks.json");
    WriteJwks({rsa_->PublicJwk(), ec_->PublicJwk()});
    const std::string config = *dir_ + "/gateway.yaml";
    std::ofstream(config) << "clients:\n"
                          << "  - id: \"VN:PROV:79:ONESTOP\"\n"
                          << "    purposes: [administrative-procedure]\n"
                          << "    allow: [{method: \"*\"}]\n"
                          << "  - id: \"VN:PROV:01:ONESTOP\"\n"
                          << "    api_key_sha256: [\"" << Sha256HexOf(kTestApiKey) << "\"]\n"
                          << "    purposes: [administrative-procedure]\n"
                          << "    allow: [{method: \"*\"}]\n"
                          << "jwt:\n"
                          << "  jwks_file: \"" << *jwks_ << "\"\n"
                          << "  issuers: [\"https://sso.ndxp.gov.vn\"]\n"
                          << "  audiences: [\"ndxp-gateway\"]\n"
                          << "access_log:\n  path: \"" << *dir_ << "/access.log\"\n";
    gateway_ = new GatewayProcess(GatewayProcess::Options{.args = {"--config", config}});
    ASSERT_TRUE(gateway_->WaitUntilListening()) << gateway_->Stderr();
    id_ = new std::string(SampleIds("population", 1).at(0));
  }
  static void TearDownTestSuite() {
    delete gateway_;
    gateway_ = nullptr;
  }
  static void WriteJwks(const std::vector<std::string>& keys) {
    std::ofstream(*jwks_ + ".new") << JwksJson(keys);
    std::filesystem::rename(*jwks_ + ".new", *jwks_);
  }
  static long long In(absl::Duration d) { return absl::ToUnixSeconds(absl::Now() + d); }

  static grpc::Status GetCitizen(const std::string& authorization, const std::string& api_key = "") {
    auto stub = pop::PopulationService::NewStub(
        grpc::CreateChannel(gateway_->grpc_target(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    if (!authorization.empty()) ctx.AddMetadata("authorization", authorization);
    if (!api_key.empty()) ctx.AddMetadata("x-api-key", api_key);
    ctx.AddMetadata("x-ndxp-purpose", "administrative-procedure");
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    pop::GetCitizenRequest request;
    request.set_personal_id(*id_);
    pop::GetCitizenResponse response;
    return stub->GetCitizen(&ctx, request, &response);
  }

  static inline GatewayProcess* gateway_ = nullptr;
  static inline JwtTestKey* rsa_ = nullptr;
  static inline JwtTestKey* ec_ = nullptr;
  static inline std::string* dir_ = nullptr;
  static inline std::string* jwks_ = nullptr;
  static inline std::string* id_ = nullptr;
};

TEST_F(JwtTest, Rs256AndEs256TokensIdentifyTheirClient) {
  for (const JwtTestKey* key : {rsa_, ec_}) {
    grpc::Status status =
        GetCitizen("Bearer " + key->Mint(Claims("VN:PROV:79:ONESTOP", In(absl::Minutes(5)))));
    EXPECT_TRUE(status.ok()) << key->alg() << ": " << status.error_message();
  }
}

TEST_F(JwtTest, RefusalsSayWhatIsWrongWithTheToken) {
  auto refused = [](const std::string& token) { return GetCitizen("Bearer " + token); };
  grpc::Status expired = refused(rsa_->Mint(Claims("VN:PROV:79:ONESTOP", In(-absl::Hours(1)))));
  EXPECT_EQ(expired.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ErrorInfoReason(expired), "TOKEN_EXPIRED");
  std::string token = ec_->Mint(Claims("VN:PROV:79:ONESTOP", In(absl::Minutes(5))));
  // A character inside the signature (the last one also carries padding bits, strictly checked).
  char& c = token[token.size() - 10];
  c = c == 'A' ? 'B' : 'A';
  EXPECT_EQ(ErrorInfoReason(refused(token)), "TOKEN_SIGNATURE_INVALID");
  EXPECT_EQ(ErrorInfoReason(refused(MintUnsigned(Claims("VN:PROV:79:ONESTOP", In(absl::Minutes(5)))))),
            "TOKEN_ALGORITHM_UNSUPPORTED");
  grpc::Status unknown = refused(rsa_->Mint(Claims("VN:PROV:99:NOBODY", In(absl::Minutes(5)))));
  EXPECT_EQ(ErrorInfoReason(unknown), "TOKEN_CLIENT_UNKNOWN");
  EXPECT_THAT(unknown.error_message(), HasSubstr("VN:PROV:99:NOBODY"));
  std::string wrong_aud = "{\"iss\":\"https://sso.ndxp.gov.vn\",\"aud\":\"other\",\"client_id\":"
                          "\"VN:PROV:79:ONESTOP\",\"exp\":" + std::to_string(In(absl::Minutes(5))) + "}";
  EXPECT_EQ(ErrorInfoReason(refused(rsa_->Mint(wrong_aud))), "TOKEN_AUDIENCE_INVALID");
  // Two authorization headers are refused, not resolved by order.
  auto stub = pop::PopulationService::NewStub(
      grpc::CreateChannel(gateway_->grpc_target(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx;
  const std::string good = "Bearer " + rsa_->Mint(Claims("VN:PROV:79:ONESTOP", In(absl::Minutes(5))));
  ctx.AddMetadata("authorization", good);
  ctx.AddMetadata("authorization", good);
  pop::GetCitizenRequest request;
  request.set_personal_id(*id_);
  pop::GetCitizenResponse response;
  EXPECT_EQ(ErrorInfoReason(stub->GetCitizen(&ctx, request, &response)), "CREDENTIAL_DUPLICATED");
}

TEST_F(JwtTest, AnApiKeyAndATokenOfDifferentClientsConflict) {
  grpc::Status status =
      GetCitizen("Bearer " + rsa_->Mint(Claims("VN:PROV:79:ONESTOP", In(absl::Minutes(5)))),
                 kTestApiKey);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ErrorInfoReason(status), "CREDENTIALS_CONFLICT");
  EXPECT_TRUE(
      GetCitizen("Bearer " + rsa_->Mint(Claims("VN:PROV:01:ONESTOP", In(absl::Minutes(5)))),
                 kTestApiKey)
          .ok());
}

TEST_F(JwtTest, ScopesNarrowThePolicy) {
  grpc::Status status = GetCitizen(
      "Bearer " + ec_->Mint(Claims("VN:PROV:79:ONESTOP", In(absl::Minutes(5)),
                                   "\"scope\":\"ndxp.business.v1.BusinessRegistryService\"")));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorInfoReason(status), "METHOD_NOT_IN_TOKEN_SCOPE");
  EXPECT_TRUE(GetCitizen("Bearer " + ec_->Mint(Claims(
                                         "VN:PROV:79:ONESTOP", In(absl::Minutes(5)),
                                         "\"scope\":\"ndxp.population.v1.PopulationService/GetCitizen\"")))
                  .ok());
}

TEST_F(JwtTest, NoTokenReachesTheLogs) {
  const std::string token = rsa_->Mint(Claims("VN:PROV:79:ONESTOP", In(absl::Minutes(5))));
  ASSERT_TRUE(GetCitizen("Bearer " + token).ok());
  std::string expired = rsa_->Mint(Claims("VN:PROV:79:ONESTOP", In(-absl::Hours(2))));
  EXPECT_FALSE(GetCitizen("Bearer " + expired).ok());
  std::string line = WaitForLineWith(*dir_ + "/access.log", {"\"client\":\"VN:PROV:79:ONESTOP\""},
                                     std::chrono::seconds(10));
  EXPECT_FALSE(line.empty());
  std::ifstream in(*dir_ + "/access.log");
  std::string log(std::istreambuf_iterator<char>(in), {});
  const std::string signature = token.substr(token.rfind('.') + 1);
  EXPECT_THAT(log, ::testing::Not(HasSubstr(signature)));
  EXPECT_THAT(gateway_->Stderr(), ::testing::Not(HasSubstr(signature)));
  EXPECT_THAT(gateway_->Stderr(), ::testing::Not(HasSubstr(expired.substr(expired.rfind('.') + 1))));
  EXPECT_THAT(log, ::testing::Not(HasSubstr(*id_)));
}

// Last: it rotates the keys the other tests use.
TEST_F(JwtTest, ZKeysRotateWhenTheJwksFileChanges) {
  JwtTestKey next = JwtTestKey::P256("ec-2027");
  const std::string old_token = "Bearer " + ec_->Mint(Claims("VN:PROV:79:ONESTOP", In(absl::Minutes(5))));
  const std::string new_token = "Bearer " + next.Mint(Claims("VN:PROV:79:ONESTOP", In(absl::Minutes(5))));
  EXPECT_EQ(ErrorInfoReason(GetCitizen(new_token)), "TOKEN_KEY_UNKNOWN");
  WriteJwks({next.PublicJwk()});
  // The gateway checks the file every 500 ms: wait, bounded, for the new key to be in force.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  grpc::Status status;
  while (!(status = GetCitizen(new_token)).ok() && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(ErrorInfoReason(GetCitizen(old_token)), "TOKEN_KEY_UNKNOWN");
  // A JWKS that does not parse keeps the keys in force.
  std::ofstream(*jwks_ + ".new") << "{\"keys\": [";
  std::filesystem::rename(*jwks_ + ".new", *jwks_);
  ASSERT_TRUE(gateway_->WaitForStderr("reload of jwks failed", 10));
  EXPECT_TRUE(GetCitizen(new_token).ok());
}

}  // namespace
}  // namespace ndxp::testing
