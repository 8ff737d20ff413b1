// Clients' policies end to end on a core::Call: field masks, grants compiled against a route
// table of the population service, and the identify and policy stages deciding real calls.
#include <map>
#include <optional>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gateway/auth/api_key.h"
#include "gateway/auth/client_policy.h"
#include "gateway/auth/declaration_stage.h"
#include "gateway/auth/identify_stage.h"
#include "gateway/auth/policy_stage.h"
#include "gateway/auth/registry_source.h"
#include "gateway/core/field_mask.h"
#include "gateway/core/route_table.h"
#include "gateway/core/status.h"
#include "ndxp/population/v1/population.pb.h"
#include "tests/unit/gateway/stages/stage_test_support.h"

namespace ndxp::auth {
namespace {

using ::testing::HasSubstr;
namespace v1 = ::ndxp::gateway::v1;
namespace pop = ::ndxp::population::v1;

constexpr std::string_view kGetCitizen = "/ndxp.population.v1.PopulationService/GetCitizen";
constexpr std::string_view kGetHousehold = "/ndxp.population.v1.PopulationService/GetHousehold";

// A request's headers, as a listener hands them to the chain.
class MapHeaders final : public core::RequestHeaders {
 public:
  void Add(std::string name, std::string value) { headers_.values.emplace(std::move(name), std::move(value)); }
  std::optional<std::string_view> Get(std::string_view name) const override { return headers_.Get(name); }
  std::size_t Count(std::string_view name) const override { return headers_.Count(name); }

 private:
  stages::testing::MapHeaders headers_;
};
using stages::testing::RecordingObserver;

class NoTarget final : public core::Target {
 public:
  std::string_view kind() const override { return "test"; }
  void Unary(core::Call&, core::Payload&, core::Payload&, core::UnaryCompletion& done) override {
    done.OnUnaryDone(absl::UnimplementedError("test"));
  }
  std::shared_ptr<core::TargetStream> OpenStream(core::Call&, core::StreamPeer&) override {
    return nullptr;
  }
};

pop::GetCitizenResponse FullCitizen() {
  pop::GetCitizenResponse response;
  pop::Citizen& c = *response.mutable_citizen();
  c.set_personal_id("079203001234");
  c.set_full_name("Nguyễn Thị Hương");
  c.mutable_date_of_birth()->set_year(2003);
  c.set_ethnicity("Kinh");
  c.mutable_permanent_address()->set_street("12 Lê Lợi");
  c.mutable_place_of_origin()->set_commune_name("Phường Bến Thành");
  c.set_father_personal_id("079170001111");
  return response;
}

TEST(FieldMaskTest, KeepsOnlyTheListedFields) {
  auto mask = core::FieldMask::Compile(*pop::GetCitizenResponse::descriptor(),
                                       {"citizen.personal_id", "citizen.full_name",
                                        "citizen.date_of_birth"});
  ASSERT_TRUE(mask.ok()) << mask.status();
  pop::GetCitizenResponse response = FullCitizen();
  EXPECT_TRUE(mask->Apply(response));
  EXPECT_EQ(response.citizen().personal_id(), "079203001234");
  EXPECT_EQ(response.citizen().full_name(), "Nguyễn Thị Hương");
  EXPECT_EQ(response.citizen().date_of_birth().year(), 2003);
  EXPECT_TRUE(response.citizen().ethnicity().empty());
  EXPECT_FALSE(response.citizen().has_permanent_address());
  EXPECT_TRUE(response.citizen().father_personal_id().empty());
  // Applying it again changes nothing.
  EXPECT_FALSE(mask->Apply(response));
}

TEST(FieldMaskTest, AMessageFieldKeepsEverythingUnderIt) {
  auto mask = core::FieldMask::Compile(*pop::GetCitizenResponse::descriptor(),
                                       {"citizen.permanent_address.street", "citizen.permanent_address"});
  ASSERT_TRUE(mask.ok()) << mask.status();
  pop::GetCitizenResponse response = FullCitizen();
  mask->Apply(response);
  EXPECT_EQ(response.citizen().permanent_address().street(), "12 Lê Lợi");
  EXPECT_TRUE(response.citizen().full_name().empty());
}

TEST(FieldMaskTest, UnknownFieldsAreDropped) {
  auto mask = core::FieldMask::Compile(*pop::GetCitizenResponse::descriptor(), {"citizen.full_name"});
  ASSERT_TRUE(mask.ok());
  pop::GetCitizenResponse response = FullCitizen();
  response.mutable_citizen()->GetReflection()->MutableUnknownFields(response.mutable_citizen())
      ->AddLengthDelimited(99, "hidden");
  mask->Apply(response);
  EXPECT_TRUE(response.citizen().GetReflection()->GetUnknownFields(response.citizen()).empty());
}

TEST(FieldMaskTest, BadPathsNameThePart) {
  auto bad = [](std::vector<std::string> paths) {
    return std::string(
        core::FieldMask::Compile(*pop::GetCitizenResponse::descriptor(), paths).status().message());
  };
  EXPECT_THAT(bad({"citizen.ful_name"}), HasSubstr("citizen.ful_name: Citizen has no field \"ful_name\""));
  EXPECT_THAT(bad({"citizen.full_name.x"}), HasSubstr("\"full_name\" is not a message"));
  EXPECT_THAT(bad({""}), HasSubstr("an empty field path"));
  EXPECT_THAT(bad({}), HasSubstr("at least one path"));
}

class PolicyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    core::ServiceSpec spec;
    spec.service = pop::GetCitizenRequest::descriptor()->file()->service(0);
    spec.connector_name = "population";
    spec.factory = google::protobuf::MessageFactory::generated_factory();
    spec.make_target = [](const core::Route&) -> absl::StatusOr<std::unique_ptr<core::Target>> {
      return std::make_unique<NoTarget>();
    };
    spec.reads_personal_data = [](const google::protobuf::MethodDescriptor&) { return true; };
    ASSERT_TRUE(routes_.AddService(std::move(spec)).ok());

    v1::Client* hcm = config_.add_clients();
    hcm->set_id("VN:PROV:79:ONESTOP");
    hcm->add_api_key_sha256(Sha256Hex(kKey));
    hcm->add_purposes("administrative-procedure");
    v1::Permission* get = hcm->add_allow();
    get->set_method("ndxp.population.v1.PopulationService/GetCitizen");
    get->add_fields("citizen.personal_id");
    get->add_fields("citizen.full_name");
    hcm->add_allow()->set_method("ndxp.population.v1.PopulationService/VerifyCitizen");

    v1::Client* old = config_.add_clients();
    old->set_id("VN:PROV:77:ONESTOP");
    old->add_api_key_sha256(Sha256Hex(kRetiredKey));
    old->set_retired(true);
    old->set_successor("VN:PROV:79:ONESTOP");
    Open();
  }
  void Open() {
    identify_.reset();
    policy_.reset();
    metrics_ = std::make_unique<metrics::Registry>();
    auto source = RegistrySource::Open(config_, {}, &routes_, metrics_.get());
    ASSERT_TRUE(source.ok()) << source.status();
    source_ = *std::move(source);
    identify_ = std::make_unique<IdentifyStage>(*source_, nullptr, AcceptedCredentials{},
                                                AcceptedCredentials{}, *metrics_);
    policy_ = std::make_unique<PolicyFactory>(routes_, *metrics_);
  }
  // Runs the request side of the chain of `method` with `headers`.
  std::optional<absl::Status> Run(std::string_view method, MapHeaders& headers,
                                  core::Call** call_out = nullptr,
                                  const core::PeerInfo* peer = nullptr) {
    const core::Route* route = routes_.Find(method);
    chain_ = core::Chain({&declaration_, identify_.get(), policy_->ForRoute(route)});
    observer_ = RecordingObserver();
    call_ = std::make_unique<core::Call>(chain_, observer_, headers);
    call_->context().route = route;
    call_->set_peer(peer);
    call_->Start();
    if (call_out != nullptr) *call_out = call_.get();
    return observer_.admitted ? std::nullopt : observer_.refused;
  }
  static std::string ReasonOf(const absl::Status& status) {
    return core::ErrorReason(status);
  }

  static constexpr std::string_view kKey = "ndxp_test_key_for_policy_tests_0000";
  static constexpr std::string_view kRetiredKey = "ndxp_test_key_for_a_retired_client_0";
  core::RouteTable routes_;
  v1::GatewayConfig config_;
  std::unique_ptr<metrics::Registry> metrics_;
  std::unique_ptr<RegistrySource> source_;
  DeclarationStage declaration_;
  std::unique_ptr<IdentifyStage> identify_;
  std::unique_ptr<PolicyFactory> policy_;
  core::Chain chain_;
  RecordingObserver observer_;
  std::unique_ptr<core::Call> call_;
};

TEST_F(PolicyTest, AGrantedMethodWithADeclaredPurposeIsAdmitted) {
  MapHeaders h;
  h.Add("x-api-key", std::string(kKey));
  h.Add("x-ndxp-purpose", "administrative-procedure");
  core::Call* call = nullptr;
  EXPECT_EQ(Run(kGetCitizen, h, &call), std::nullopt);
  EXPECT_EQ(call->context().client_id(), "VN:PROV:79:ONESTOP");
  EXPECT_EQ(call->context().credential, "api_key");
  EXPECT_NE(call->context().client_owner, nullptr);
}

TEST_F(PolicyTest, TheResponseIsMaskedForTheClient) {
  MapHeaders h;
  h.Add("x-api-key", std::string(kKey));
  h.Add("x-ndxp-purpose", "administrative-procedure");
  core::Call* call = nullptr;
  ASSERT_EQ(Run(kGetCitizen, h, &call), std::nullopt);
  google::protobuf::Arena arena;
  core::Payload response(core::Payload::Direction::kResponse,
                         &pop::GetCitizenResponse::default_instance(), &arena);
  response.SetBytes(FullCitizen().SerializeAsString());  // as an upstream sends it
  ASSERT_TRUE(call->InspectResponse(response).ok());
  auto bytes = response.BytesAsString();
  ASSERT_TRUE(bytes.ok());
  pop::GetCitizenResponse seen;
  ASSERT_TRUE(seen.ParseFromString(*bytes));
  EXPECT_EQ(seen.citizen().personal_id(), "079203001234");
  EXPECT_EQ(seen.citizen().full_name(), "Nguyễn Thị Hương");
  EXPECT_FALSE(seen.citizen().has_date_of_birth());
  EXPECT_TRUE(seen.citizen().father_personal_id().empty());
}

TEST_F(PolicyTest, AMethodOutsideThePolicyIsPermissionDenied) {
  MapHeaders h;
  h.Add("x-api-key", std::string(kKey));
  h.Add("x-ndxp-purpose", "administrative-procedure");
  auto refused = Run(kGetHousehold, h);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(*refused), "METHOD_NOT_ALLOWED");
  EXPECT_THAT(std::string(refused->message()),
              HasSubstr("client VN:PROV:79:ONESTOP may not call "
                        "ndxp.population.v1.PopulationService/GetHousehold"));
}

TEST_F(PolicyTest, PersonalDataNeedsAPurposeOfTheClient) {
  MapHeaders none;
  none.Add("x-api-key", std::string(kKey));
  auto refused = Run(kGetCitizen, none);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(*refused), "PURPOSE_REQUIRED");
  EXPECT_THAT(std::string(refused->message()), HasSubstr("x-ndxp-purpose"));
  EXPECT_THAT(std::string(refused->message()), HasSubstr("may declare: administrative-procedure"));

  MapHeaders foreign;
  foreign.Add("x-api-key", std::string(kKey));
  foreign.Add("x-ndxp-purpose", "marketing");
  refused = Run(kGetCitizen, foreign);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(ReasonOf(*refused), "PURPOSE_NOT_ALLOWED");
  EXPECT_THAT(std::string(refused->message()), HasSubstr("\"marketing\""));
}

TEST_F(PolicyTest, IdentityRefusalsComeBeforePolicy) {
  MapHeaders missing;
  auto refused = Run(kGetHousehold, missing);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(ReasonOf(*refused), "API_KEY_MISSING");

  MapHeaders twice;
  twice.Add("x-api-key", std::string(kKey));
  twice.Add("x-api-key", "another");
  refused = Run(kGetCitizen, twice);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(ReasonOf(*refused), "CREDENTIAL_DUPLICATED");

  MapHeaders retired;
  retired.Add("x-api-key", std::string(kRetiredKey));
  refused = Run(kGetCitizen, retired);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(ReasonOf(*refused), "CLIENT_RETIRED");
  EXPECT_THAT(std::string(refused->message()), HasSubstr("its successor is VN:PROV:79:ONESTOP"));

  MapHeaders bearer;
  bearer.Add("authorization", "Bearer abc.def.ghi");
  refused = Run(kGetCitizen, bearer);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(ReasonOf(*refused), "CREDENTIAL_NOT_ACCEPTED");
  // No refusal echoes the key.
  EXPECT_THAT(std::string(refused->message()), ::testing::Not(HasSubstr("abc.def")));
}

TEST_F(PolicyTest, AClientCertificateIdentifiesAndMustAgreeWithAKey) {
  core::PeerInfo peer;
  peer.tls = true;
  peer.certificate_client_id = "VN:PROV:79:ONESTOP";
  MapHeaders h;
  h.Add("x-ndxp-purpose", "administrative-procedure");
  core::Call* call = nullptr;
  EXPECT_EQ(Run(kGetCitizen, h, &call, &peer), std::nullopt);
  EXPECT_EQ(call->context().client_id(), "VN:PROV:79:ONESTOP");
  EXPECT_EQ(call->context().credential, "certificate");

  // The same client's key beside it is fine; another client's is a conflict.
  MapHeaders same = h;
  same.Add("x-api-key", std::string(kKey));
  EXPECT_EQ(Run(kGetCitizen, same, nullptr, &peer), std::nullopt);
  MapHeaders other = h;
  other.Add("x-api-key", std::string(kRetiredKey));
  auto refused = Run(kGetCitizen, other, nullptr, &peer);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(ReasonOf(*refused), "CLIENT_RETIRED");  // the retired key is refused first

  peer.certificate_client_id = "VN:PROV:99:UNKNOWN";
  refused = Run(kGetCitizen, h, nullptr, &peer);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(ReasonOf(*refused), "CERTIFICATE_CLIENT_UNKNOWN");
  EXPECT_THAT(std::string(refused->message()), HasSubstr("VN:PROV:99:UNKNOWN"));

  // A certificate of a retired client is refused naming the successor.
  peer.certificate_client_id = "VN:PROV:77:ONESTOP";
  refused = Run(kGetCitizen, h, nullptr, &peer);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(ReasonOf(*refused), "CLIENT_RETIRED");
}

TEST_F(PolicyTest, CredentialsOfTwoClientsConflict) {
  v1::Client* hn = config_.add_clients();
  hn->set_id("VN:PROV:01:ONESTOP");
  hn->add_api_key_sha256(Sha256Hex("ndxp_test_key_of_ha_noi_000000000000"));
  hn->add_allow()->set_method("*");
  Open();
  core::PeerInfo peer;
  peer.certificate_client_id = "VN:PROV:79:ONESTOP";
  MapHeaders h;
  h.Add("x-api-key", "ndxp_test_key_of_ha_noi_000000000000");
  auto refused = Run(kGetCitizen, h, nullptr, &peer);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(ReasonOf(*refused), "CREDENTIALS_CONFLICT");
  EXPECT_THAT(std::string(refused->message()), HasSubstr("VN:PROV:79:ONESTOP and VN:PROV:01:ONESTOP"));
}

TEST_F(PolicyTest, ListenersMayRefuseAKindOfCredential) {
  v1::GrpcListener grpc;
  grpc.add_credentials(v1::CREDENTIAL_CERTIFICATE);
  metrics::Registry other;
  identify_ = std::make_unique<IdentifyStage>(*source_, nullptr, AcceptedCredentials::From(grpc.credentials()),
                                              AcceptedCredentials{}, other);
  MapHeaders h;
  h.Add("x-api-key", std::string(kKey));
  h.Add("x-ndxp-purpose", "administrative-procedure");
  auto refused = Run(kGetCitizen, h);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(ReasonOf(*refused), "CREDENTIAL_NOT_ACCEPTED");
  EXPECT_THAT(std::string(refused->message()), HasSubstr("not accepted on this listener"));
}

TEST_F(PolicyTest, GrantsAreResolvedMostSpecificFirst) {
  v1::Client& c = *config_.mutable_clients(0);
  c.add_allow()->set_method("*");
  Open();
  const core::Client* client = source_->Current()->FindClient("VN:PROV:79:ONESTOP");
  const core::MethodGrant* get = client->GrantFor(routes_.Find(kGetCitizen)->index);
  ASSERT_NE(get, nullptr);
  EXPECT_TRUE(get->mask.has_value());  // the exact entry, not "*"
  const core::MethodGrant* household = client->GrantFor(routes_.Find(kGetHousehold)->index);
  ASSERT_NE(household, nullptr);
  EXPECT_EQ(household->pattern, "*");
  EXPECT_FALSE(household->mask.has_value());
}

TEST_F(PolicyTest, PoliciesAreCheckedAgainstTheRoutes) {
  v1::Client& c = *config_.mutable_clients(0);
  c.mutable_allow(0)->add_fields("citizen.nickname");
  auto source = RegistrySource::Open(config_, {}, &routes_, nullptr);
  EXPECT_THAT(std::string(source.status().message()),
              HasSubstr("clients[0].allow[0].fields: citizen.nickname: Citizen has no field"));
  c.mutable_allow(0)->mutable_fields()->RemoveLast();
  c.add_allow()->set_method("ndxp.population.v1.PopulationService/GetCitizens");
  source = RegistrySource::Open(config_, {}, &routes_, nullptr);
  EXPECT_THAT(std::string(source.status().message()),
              HasSubstr("clients[0].allow[2].method: service ndxp.population.v1.PopulationService "
                        "has no method \"GetCitizens\""));
}

}  // namespace
}  // namespace ndxp::auth
