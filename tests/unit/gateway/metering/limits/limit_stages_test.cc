// The rate_limit, concurrency and quota stages on real calls: what they admit and refuse, the
// status they refuse with (QuotaFailure, RetryInfo, ErrorInfo, retry-after), the metrics, quotas
// seeded from the ledger and rolling over, and limits following a reload of the registry.
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gateway/auth/client_registry.h"
#include "gateway/core/call.h"
#include "gateway/core/route_table.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"
#include "gateway/metering/limits/concurrency_stage.h"
#include "gateway/metering/limits/limit_refusal.h"
#include "gateway/metering/limits/limits_state.h"
#include "gateway/metering/limits/quota_stage.h"
#include "gateway/metering/limits/rate_limit_stage.h"
#include "google/rpc/error_details.pb.h"
#include "ndxp/business/v1/business.pb.h"
#include "ndxp/population/v1/population.pb.h"
#include "tests/unit/gateway/stages/stage_test_support.h"

namespace ndxp::metering {
namespace {

using ::testing::HasSubstr;
namespace v1 = ::ndxp::gateway::v1;
namespace pop = ::ndxp::population::v1;
namespace biz = ::ndxp::business::v1;

constexpr std::string_view kHcm = "VN:PROV:79:ONESTOP";
constexpr std::string_view kHanoi = "VN:PROV:01:ONESTOP";
constexpr std::string_view kGetCitizen = "/ndxp.population.v1.PopulationService/GetCitizen";
constexpr std::string_view kGetEnterprise = "/ndxp.business.v1.BusinessRegistryService/GetEnterprise";
constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kT0 = 1'000 * kSecond;

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

// Served calls as a ledger would answer them: by client and connector ("" = all), for one range.
class FakeServedCalls final : public ServedCalls {
 public:
  std::uint64_t Served(std::string_view client, std::string_view connector, absl::CivilDay first,
                       absl::CivilDay last) const override {
    ++asked;
    auto it = counts.find(std::string(client) + "|" + std::string(connector) + "|" +
                          (first == last ? "day" : "month"));
    return it == counts.end() ? 0 : it->second;
  }
  std::map<std::string, std::uint64_t> counts;
  mutable int asked = 0;
};

// A refusal's details.
struct Refusal {
  absl::StatusCode code = absl::StatusCode::kOk;
  std::string reason;
  std::string subject;
  std::string description;
  absl::Duration retry = absl::ZeroDuration();
};

Refusal Details(const absl::Status& status) {
  Refusal r;
  r.code = status.code();
  r.reason = core::ErrorReason(status);
  const google::rpc::Status rpc = core::ToRpcStatus(status);
  for (const auto& any : rpc.details()) {
    google::rpc::QuotaFailure failure;
    google::rpc::RetryInfo retry;
    if (any.UnpackTo(&failure) && failure.violations_size() == 1) {
      r.subject = failure.violations(0).subject();
      r.description = failure.violations(0).description();
    } else if (any.UnpackTo(&retry)) {
      r.retry = absl::Seconds(retry.retry_delay().seconds()) +
                absl::Nanoseconds(retry.retry_delay().nanos());
    }
  }
  return r;
}

class LimitStagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AddService(pop::GetCitizenRequest::descriptor()->file()->service(0), "population");
    AddService(biz::GetEnterpriseRequest::descriptor()->file()->service(0), "business");
    v1::Client* hcm = clients_.Add();
    hcm->set_id(std::string(kHcm));
    v1::ClientLimits* limits = hcm->mutable_limits();
    limits->set_rate("2/s");
    limits->set_burst(3);
    limits->set_quota_daily(5);
    v1::ConnectorLimits* business = limits->add_connectors();
    business->set_connector("business");
    business->set_rate("1/s");
    clients_.Add()->set_id(std::string(kHanoi));
    Publish();
  }
  void AddService(const google::protobuf::ServiceDescriptor* service, std::string connector) {
    core::ServiceSpec spec;
    spec.service = service;
    spec.connector_name = std::move(connector);
    spec.factory = google::protobuf::MessageFactory::generated_factory();
    spec.make_target = [](const core::Route&) -> absl::StatusOr<std::unique_ptr<core::Target>> {
      return std::make_unique<NoTarget>();
    };
    ASSERT_TRUE(routes_.AddService(std::move(spec)).ok());
  }
  // Makes clients_ the registry snapshot in force.
  void Publish() {
    auth::RegistryInputs inputs;
    inputs.clients = &clients_;
    auto built = auth::ClientRegistry::Build(inputs, &routes_, indexes_);
    ASSERT_TRUE(built.ok()) << built.status();
    current_ = *built;
  }
  void MakeState(const ServedCalls* served = nullptr) {
    state_ = std::make_shared<LimitsState>(
        routes_, [this] { return current_; }, metrics_, MeteringTimeZone("Asia/Ho_Chi_Minh"),
        served, [this] { return now_; });
    rate_ = std::make_unique<RateLimitFactory>(state_);
    quota_ = std::make_unique<QuotaFactory>(state_);
  }

  // A call of `client` to `method`, identified with the snapshot in force.
  std::unique_ptr<stages::testing::TestCall> NewCall(std::string_view client,
                                                     std::string_view method,
                                                     std::vector<core::Stage*> stages = {}) {
    auto call = std::make_unique<stages::testing::TestCall>(std::move(stages));
    core::CallContext& ctx = call->call.context();
    ctx.route = routes_.Find(method);
    ctx.client = current_->FindClient(client);
    ctx.client_owner = current_;
    return call;
  }
  std::optional<absl::Status> Rate(std::string_view client, std::string_view method,
                                   std::int64_t now_ns, std::string* retry_after = nullptr) {
    auto call = NewCall(client, method);
    auto* stage = static_cast<RateLimitStage*>(rate_->ForRoute(routes_.Find(method)));
    core::Verdict verdict = stage->Admit(call->call, now_ns);
    if (retry_after != nullptr) {
      *retry_after = "";
      for (const auto& [name, value] : call->call.response_headers()) {
        if (name == kRetryAfterHeader) *retry_after = value;
      }
    }
    if (verdict.kind() == core::Verdict::Kind::kContinue) return std::nullopt;
    return verdict.status();
  }
  std::optional<absl::Status> Quota(std::string_view client, std::string_view method) {
    auto call = NewCall(client, method);
    auto* stage = static_cast<QuotaStage*>(quota_->ForRoute(routes_.Find(method)));
    core::Verdict verdict = stage->Admit(call->call, now_);
    if (verdict.kind() == core::Verdict::Kind::kContinue) return std::nullopt;
    return verdict.status();
  }
  double Hits(std::string_view client, std::string_view connector, std::string_view kind) {
    const std::string text = metrics_.Render();
    const std::string series = core::Cat("ndxp_gateway_limit_hits_total{client=\"", client,
                                         "\",connector=\"", connector, "\",kind=\"", kind, "\"} ");
    const std::size_t at = text.find(series);
    if (at == std::string::npos) return 0;
    return std::stod(text.substr(at + series.size()));
  }

  core::RouteTable routes_;
  google::protobuf::RepeatedPtrField<v1::Client> clients_;
  auth::ClientIndexes indexes_;
  std::shared_ptr<const auth::ClientRegistry> current_;
  metrics::Registry metrics_;
  absl::Time now_ = absl::FromCivil(absl::CivilSecond(2026, 3, 14, 10, 0, 0),
                                    MeteringTimeZone("Asia/Ho_Chi_Minh"));
  std::shared_ptr<LimitsState> state_;
  std::unique_ptr<RateLimitFactory> rate_;
  std::unique_ptr<QuotaFactory> quota_;
};

TEST_F(LimitStagesTest, TheFourthBackToBackCallIsRateLimitedWithRetryDetails) {
  MakeState();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Rate(kHcm, kGetCitizen, kT0), std::nullopt) << i;
  std::string retry_after;
  auto refused = Rate(kHcm, kGetCitizen, kT0, &retry_after);
  ASSERT_TRUE(refused.has_value());
  Refusal r = Details(*refused);
  EXPECT_EQ(r.code, absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(r.reason, "RATE_LIMITED");
  EXPECT_EQ(r.subject, "client:VN:PROV:79:ONESTOP");
  EXPECT_THAT(r.description, HasSubstr("2/s, burst 3"));
  EXPECT_EQ(r.retry, absl::Milliseconds(500));
  EXPECT_EQ(retry_after, "1");
  EXPECT_EQ(Hits(kHcm, "population", "rate"), 1);
  // A token is back after 500ms.
  EXPECT_EQ(Rate(kHcm, kGetCitizen, kT0 + kSecond / 2), std::nullopt);
  // A client without limits is never limited.
  for (int i = 0; i < 100; ++i) ASSERT_EQ(Rate(kHanoi, kGetCitizen, kT0), std::nullopt);
}

TEST_F(LimitStagesTest, AConnectorRateIsOnTopOfTheClientsAndGivesBackTheClientsToken) {
  MakeState();
  EXPECT_EQ(Rate(kHcm, kGetEnterprise, kT0), std::nullopt);
  auto refused = Rate(kHcm, kGetEnterprise, kT0);
  ASSERT_TRUE(refused.has_value());
  Refusal r = Details(*refused);
  EXPECT_EQ(r.reason, "RATE_LIMITED");
  EXPECT_EQ(r.subject, "client:VN:PROV:79:ONESTOP/connector:business");
  EXPECT_THAT(r.description, HasSubstr("on connector business (1/s, burst 1)"));
  EXPECT_EQ(r.retry, absl::Seconds(1));
  EXPECT_EQ(Hits(kHcm, "business", "rate"), 1);
  // The refused call's client-wide token was given back: 2 left of the burst of 3.
  EXPECT_EQ(Rate(kHcm, kGetCitizen, kT0), std::nullopt);
  EXPECT_EQ(Rate(kHcm, kGetCitizen, kT0), std::nullopt);
  EXPECT_TRUE(Rate(kHcm, kGetCitizen, kT0).has_value());
}

TEST_F(LimitStagesTest, ADailyQuotaRefusesUntilMidnightInUtcPlus7ThenStartsAgain) {
  MakeState();
  for (int i = 0; i < 5; ++i) ASSERT_EQ(Quota(kHcm, kGetCitizen), std::nullopt) << i;
  EXPECT_THAT(metrics_.Render(),
              HasSubstr("ndxp_gateway_quota_remaining{client=\"VN:PROV:79:ONESTOP\","
                        "connector=\"all\",period=\"day\"} 0\n"));
  auto refused = Quota(kHcm, kGetEnterprise);
  ASSERT_TRUE(refused.has_value());
  Refusal r = Details(*refused);
  EXPECT_EQ(r.code, absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(r.reason, "DAILY_QUOTA_EXHAUSTED");
  EXPECT_EQ(r.subject, "client:VN:PROV:79:ONESTOP");
  EXPECT_THAT(r.description, HasSubstr("daily quota of client VN:PROV:79:ONESTOP (5 calls)"));
  EXPECT_EQ(r.retry, absl::Hours(14));  // 10:00 to midnight in Hanoi
  EXPECT_EQ(Hits(kHcm, "business", "quota_daily"), 1);
  now_ += absl::Hours(14) - absl::Seconds(1);
  EXPECT_TRUE(Quota(kHcm, kGetCitizen).has_value());
  now_ += absl::Seconds(1);
  EXPECT_EQ(Quota(kHcm, kGetCitizen), std::nullopt);
  EXPECT_THAT(metrics_.Render(),
              HasSubstr("ndxp_gateway_quota_remaining{client=\"VN:PROV:79:ONESTOP\","
                        "connector=\"all\",period=\"day\"} 4\n"));
  EXPECT_EQ(Quota(kHanoi, kGetCitizen), std::nullopt);
}

TEST_F(LimitStagesTest, MonthlyAndConnectorQuotasAndGivingBackWhatARefusedCallTook) {
  v1::ClientLimits* limits = clients_.Mutable(0)->mutable_limits();
  limits->set_quota_daily(0);
  limits->set_quota_monthly(3);
  limits->mutable_connectors(0)->set_quota_daily(1);
  Publish();
  MakeState();
  EXPECT_EQ(Quota(kHcm, kGetEnterprise), std::nullopt);
  auto on_connector = Quota(kHcm, kGetEnterprise);
  ASSERT_TRUE(on_connector.has_value());
  Refusal r = Details(*on_connector);
  EXPECT_EQ(r.reason, "DAILY_QUOTA_EXHAUSTED");
  EXPECT_EQ(r.subject, "client:VN:PROV:79:ONESTOP/connector:business");
  // The monthly quota it had taken was given back: two more calls elsewhere this month.
  EXPECT_EQ(Quota(kHcm, kGetCitizen), std::nullopt);
  EXPECT_EQ(Quota(kHcm, kGetCitizen), std::nullopt);
  auto monthly = Quota(kHcm, kGetCitizen);
  ASSERT_TRUE(monthly.has_value());
  r = Details(*monthly);
  EXPECT_EQ(r.reason, "MONTHLY_QUOTA_EXHAUSTED");
  EXPECT_EQ(r.subject, "client:VN:PROV:79:ONESTOP");
  // From 2026-03-14 10:00 to 2026-04-01 00:00 in Hanoi.
  EXPECT_EQ(r.retry, absl::Hours(17 * 24 + 14));
  EXPECT_EQ(Hits(kHcm, "population", "quota_monthly"), 1);
  const std::string text = metrics_.Render();
  EXPECT_THAT(text, HasSubstr("{client=\"VN:PROV:79:ONESTOP\",connector=\"all\",period=\"month\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("{client=\"VN:PROV:79:ONESTOP\",connector=\"business\",period=\"day\"} 0\n"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("VN:PROV:01:ONESTOP\",connector")));
}

TEST_F(LimitStagesTest, QuotasStartFromWhatTheLedgerServedSoARestartDoesNotResetThem) {
  FakeServedCalls served;
  served.counts["VN:PROV:79:ONESTOP||day"] = 4;
  MakeState(&served);
  EXPECT_GT(served.asked, 0);
  EXPECT_EQ(Quota(kHcm, kGetCitizen), std::nullopt);
  EXPECT_TRUE(Quota(kHcm, kGetCitizen).has_value());
}

TEST_F(LimitStagesTest, ABulkheadRefusesAtOnceAndReleasesOnlyWhatItTook) {
  MakeState();
  v1::GatewayConfig config;
  config.add_connectors()->set_name("population");
  config.mutable_connectors(0)->set_max_concurrent_calls(2);
  ConcurrencyFactory factory(config, state_);
  EXPECT_EQ(factory.ForRoute(routes_.Find(kGetEnterprise)), nullptr);  // no bulkhead there
  EXPECT_EQ(factory.ForRoute(nullptr), nullptr);
  auto* stage = static_cast<ConcurrencyStage*>(factory.ForRoute(routes_.Find(kGetCitizen)));
  ASSERT_NE(stage, nullptr);
  auto a = NewCall(kHcm, kGetCitizen, {stage});
  auto b = NewCall(kHanoi, kGetCitizen, {stage});
  auto c = NewCall(kHanoi, kGetCitizen, {stage});
  a->call.Start();
  b->call.Start();
  c->call.Start();
  EXPECT_TRUE(a->observer.admitted);
  EXPECT_TRUE(b->observer.admitted);
  ASSERT_TRUE(c->observer.refused.has_value());
  Refusal r = Details(*c->observer.refused);
  EXPECT_EQ(r.reason, "CONCURRENCY_LIMITED");
  EXPECT_EQ(r.subject, "connector:population");
  EXPECT_EQ(r.retry, kConcurrencyRetryDelay);
  EXPECT_EQ(Hits(kHanoi, "population", "concurrency"), 1);
  EXPECT_EQ(stage->in_flight(), 2);
  c->call.End(absl::StatusCode::kResourceExhausted);  // refused by the stage: releases nothing
  EXPECT_EQ(stage->in_flight(), 2);
  a->call.End(absl::StatusCode::kOk);
  EXPECT_EQ(stage->in_flight(), 1);
  auto d = NewCall(kHanoi, kGetCitizen, {stage});
  d->call.Start();
  EXPECT_TRUE(d->observer.admitted);
  b->call.End(absl::StatusCode::kOk);
  d->call.End(absl::StatusCode::kOk);
  EXPECT_EQ(stage->in_flight(), 0);
}

TEST_F(LimitStagesTest, AReloadKeepsBucketsAndCountersAndAppliesNewLimits) {
  MakeState();
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Rate(kHcm, kGetCitizen, kT0), std::nullopt);
  ASSERT_EQ(Quota(kHcm, kGetCitizen), std::nullopt);
  // The same limits in a new snapshot: the bucket is still empty, the quota still counted.
  Publish();
  EXPECT_TRUE(Rate(kHcm, kGetCitizen, kT0).has_value());
  for (int i = 0; i < 4; ++i) ASSERT_EQ(Quota(kHcm, kGetCitizen), std::nullopt) << i;
  EXPECT_TRUE(Quota(kHcm, kGetCitizen).has_value());
  // Limits removed from one client and given to another; a client new in the snapshot.
  clients_.Mutable(0)->clear_limits();
  clients_.Mutable(1)->mutable_limits()->set_rate("1/m");
  v1::Client* fresh = clients_.Add();
  fresh->set_id("VN:PROV:48:ONESTOP");
  fresh->mutable_limits()->set_quota_daily(1);
  Publish();
  EXPECT_EQ(Rate(kHcm, kGetCitizen, kT0), std::nullopt);
  EXPECT_EQ(Quota(kHcm, kGetCitizen), std::nullopt);
  EXPECT_EQ(Rate(kHanoi, kGetCitizen, kT0), std::nullopt);
  auto hanoi = Rate(kHanoi, kGetCitizen, kT0);
  ASSERT_TRUE(hanoi.has_value());
  EXPECT_EQ(Details(*hanoi).retry, absl::Minutes(1));
  EXPECT_EQ(Quota("VN:PROV:48:ONESTOP", kGetCitizen), std::nullopt);
  EXPECT_TRUE(Quota("VN:PROV:48:ONESTOP", kGetCitizen).has_value());
  // A call still carrying the previous snapshot uses the same slots (indexes are stable).
  auto old_snapshot = current_;
  Publish();
  auto call = NewCall(kHanoi, kGetCitizen);
  call->call.context().client_owner = old_snapshot;
  call->call.context().client = old_snapshot->FindClient(kHanoi);
  auto* stage = static_cast<RateLimitStage*>(rate_->ForRoute(routes_.Find(kGetCitizen)));
  EXPECT_EQ(stage->Admit(call->call, kT0).kind(), core::Verdict::Kind::kStop);
}

TEST_F(LimitStagesTest, CallsToNoRouteAndCallsWithoutAClientAreNotLimited) {
  MakeState();
  EXPECT_EQ(rate_->ForRoute(nullptr), nullptr);
  EXPECT_EQ(quota_->ForRoute(nullptr), nullptr);
  auto call = NewCall("nobody", kGetCitizen);
  auto* stage = static_cast<RateLimitStage*>(rate_->ForRoute(routes_.Find(kGetCitizen)));
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(stage->Admit(call->call, kT0).kind(), core::Verdict::Kind::kContinue);
  }
}

TEST_F(LimitStagesTest, TheRegistryRefusesLimitsThatDoNotValidateNamingTheKey) {
  // As a client registry file's entries are checked on load (a reload keeps the snapshot in force).
  auto* entry = clients_.Mutable(1)->mutable_limits()->add_connectors();
  entry->set_connector("populaton");
  entry->set_rate("1/s");
  auth::RegistryInputs inputs;
  inputs.registry_clients = &clients_;
  inputs.registry_path = "clients.yaml";
  auto built = auth::ClientRegistry::Build(inputs, &routes_, indexes_);
  ASSERT_FALSE(built.ok());
  EXPECT_THAT(std::string(built.status().message()),
              HasSubstr("clients.yaml: clients[1].limits.connectors[0].connector: unknown "
                        "connector \"populaton\" (known: population, business)"));
  entry->set_connector("population");
  entry->set_rate("1/d");
  built = auth::ClientRegistry::Build(inputs, &routes_, indexes_);
  ASSERT_FALSE(built.ok());
  EXPECT_THAT(std::string(built.status().message()),
              HasSubstr("clients.yaml: clients[1].limits.connectors[0].rate: expected"));
  // A valid entry gets its default burst.
  entry->set_rate("120/m");
  built = auth::ClientRegistry::Build(inputs, &routes_, indexes_);
  ASSERT_TRUE(built.ok()) << built.status();
  const core::Client* hanoi = (*built)->FindClient(kHanoi);
  ASSERT_NE(hanoi->limits, nullptr);
  EXPECT_EQ(hanoi->limits->connectors(0).burst(), 2u);
  EXPECT_EQ((*built)->FindClient(kHcm)->limits->burst(), 3u);
}

TEST(RetryAfterTest, WholeSecondsRoundedUpAtLeastOne) {
  EXPECT_EQ(RetryAfterSeconds(absl::Milliseconds(1)), 1);
  EXPECT_EQ(RetryAfterSeconds(absl::ZeroDuration()), 1);
  EXPECT_EQ(RetryAfterSeconds(absl::Seconds(1)), 1);
  EXPECT_EQ(RetryAfterSeconds(absl::Milliseconds(1001)), 2);
  EXPECT_EQ(RetryAfterSeconds(absl::Hours(14)), 14 * 3600);
}

}  // namespace
}  // namespace ndxp::metering
