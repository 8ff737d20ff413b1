// The caller-assertion identify stage, through a core::Call on a chain holding just the stage.
#include "gateway/auth/caller_assertion_stage.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "gateway/core/route_table.h"
#include "gateway/core/strings.h"

namespace ndxp::auth {
namespace {

constexpr std::string_view kMethod = "/ndxp.population.v1.PopulationService/GetCitizen";
const std::string kSecret = "0123456789abcdef0123456789abcdef";
const absl::Time kNow = absl::FromUnixSeconds(1'700'000'000);
const absl::Duration kMaxAge = absl::Seconds(30);

class MapHeaders final : public core::RequestHeaders {
 public:
  MapHeaders() = default;
  MapHeaders(std::string_view name, std::string value) { values_.emplace(name, std::move(value)); }
  std::optional<std::string_view> Get(std::string_view name) const override {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return std::string_view(it->second);
  }
  std::size_t Count(std::string_view name) const override { return values_.count(name); }

 private:
  std::multimap<std::string, std::string, std::less<>> values_;
};

class RecordingObserver final : public core::CallObserver {
 public:
  void OnAdmitted() override { admitted = true; }
  void OnRefused(const absl::Status& status) override { refused = status; }
  bool admitted = false;
  std::optional<absl::Status> refused;
};

CallerAssertionKey Key() { return *CallerAssertionKey::FromSecret(kSecret); }

CallerClaims Claims(std::string client_id, std::string_view method = kMethod) {
  return CallerClaims{.client_id = std::move(client_id),
                      .method = std::string(method),
                      .request_id = "req-1",
                      .purpose = "land registration",
                      .dossier_id = "HS-2026-0001",
                      .procedure_id = "1.004227",
                      .issued_at = kNow};
}

class CallerAssertionStageTest : public ::testing::Test {
 protected:
  CallerAssertionStageTest() { route_.full_method = std::string(kMethod); }

  CallerAssertionIdentifyStage& Stage(std::optional<CallerAssertionKey> key) {
    stage_.emplace(std::move(key), kMaxAge, registry_, [this] { return now_; });
    chain_ = core::Chain({&*stage_});
    return *stage_;
  }

  // Runs one call with `headers` through the chain; the call stays for inspection.
  std::unique_ptr<core::Call> Run(const core::RequestHeaders& headers,
                                  const core::Route* route,
                                  core::Protocol protocol = core::Protocol::kGrpc) {
    observer_ = RecordingObserver();
    auto call = std::make_unique<core::Call>(chain_, observer_, headers);
    call->context().route = route;
    call->context().protocol = protocol;
    call->Start();
    return call;
  }

  std::unique_ptr<core::Call> RunAssertion(std::string assertion, const core::Route* route) {
    headers_ = MapHeaders(kCallerAssertionHeader, std::move(assertion));
    return Run(headers_, route);
  }

  bool HasSeries(std::string_view protocol, std::string_view reason, int value) {
    return registry_.Render().find(core::Cat("ndxp_gateway_auth_failures_total{protocol=\"",
                                             protocol, "\",reason=\"", reason, "\"} ", value,
                                             "\n")) != std::string::npos;
  }

  metrics::Registry registry_;
  std::optional<CallerAssertionIdentifyStage> stage_;
  core::Chain chain_;
  core::Route route_;
  MapHeaders headers_;
  RecordingObserver observer_;
  absl::Time now_ = kNow;
};

TEST_F(CallerAssertionStageTest, ValidAssertionIdentifiesTheCallWithItsClaims) {
  Stage(Key());
  auto call = RunAssertion(Key().Sign(Claims("VN:PROV:79:ONESTOP")), &route_);
  ASSERT_TRUE(observer_.admitted) << observer_.refused.value_or(absl::OkStatus());
  const core::CallContext& context = call->context();
  ASSERT_NE(context.client, nullptr);
  EXPECT_EQ(context.client_id(), "VN:PROV:79:ONESTOP");
  EXPECT_EQ(context.credential, "gateway_assertion");
  EXPECT_EQ(context.purpose, "land registration");
  EXPECT_EQ(context.dossier_id, "HS-2026-0001");
  EXPECT_EQ(context.procedure_id, "1.004227");
  call->End(absl::StatusCode::kOk);
}

TEST_F(CallerAssertionStageTest, SameIdIsTheSameClientAndIndexesAreDense) {
  Stage(Key());
  auto first = RunAssertion(Key().Sign(Claims("VN:PROV:79:ONESTOP")), &route_);
  auto second = RunAssertion(Key().Sign(Claims("VN:PROV:01:ONESTOP")), &route_);
  auto again = RunAssertion(Key().Sign(Claims("VN:PROV:79:ONESTOP")), &route_);
  ASSERT_NE(first->context().client, nullptr);
  ASSERT_NE(second->context().client, nullptr);
  EXPECT_EQ(again->context().client, first->context().client);
  EXPECT_NE(second->context().client, first->context().client);
  EXPECT_EQ(first->context().client->index, 0u);
  EXPECT_EQ(second->context().client->index, 1u);
}

TEST_F(CallerAssertionStageTest, ClientsBeyondTheBoundShareTheOverflowClient) {
  CallerAssertionIdentifyStage& stage = Stage(Key());
  EXPECT_EQ(stage.max_clients(), 1025u);
  std::vector<const core::Client*> seen;
  for (std::size_t i = 0; i < kMaxAssertedClients; ++i) {
    seen.push_back(&stage.ClientFor(core::Cat("client-", i)));
    EXPECT_EQ(seen.back()->index, i);
  }
  auto call = RunAssertion(Key().Sign(Claims("client-1024")), &route_);
  ASSERT_TRUE(observer_.admitted);
  const core::Client* other = call->context().client;
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->id, "other");
  EXPECT_EQ(other->index, kMaxAssertedClients);
  EXPECT_LT(other->index, stage.max_clients());
  EXPECT_EQ(&stage.ClientFor("client-1025"), other);
  EXPECT_EQ(&stage.ClientFor("client-7"), seen[7]);  // known ids keep their own entry
}

TEST_F(CallerAssertionStageTest, InterningIsThreadSafe) {
  CallerAssertionIdentifyStage& stage = Stage(Key());
  std::vector<std::vector<const core::Client*>> found(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < found.size(); ++t) {
    threads.emplace_back([&stage, &found, t] {
      for (int i = 0; i < 2000; ++i) {
        found[t].push_back(&stage.ClientFor(core::Cat("id-", i % 300)));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<const core::Client*> distinct;
  std::set<std::size_t> indexes;
  for (std::size_t t = 0; t < found.size(); ++t) {
    for (int i = 0; i < 2000; ++i) {
      EXPECT_EQ(found[t][i], found[0][i]);
      EXPECT_EQ(found[t][i]->id, core::Cat("id-", i % 300));
      distinct.insert(found[t][i]);
      indexes.insert(found[t][i]->index);
    }
  }
  EXPECT_EQ(distinct.size(), 300u);
  ASSERT_EQ(indexes.size(), 300u);
  EXPECT_EQ(*indexes.rbegin(), 299u);
}

TEST_F(CallerAssertionStageTest, WithoutAKeyCallsContinueUnidentified) {
  Stage(std::nullopt);
  auto call = RunAssertion(Key().Sign(Claims("VN:PROV:79:ONESTOP")), &route_);
  EXPECT_TRUE(observer_.admitted);
  EXPECT_EQ(call->context().client, nullptr);
  EXPECT_EQ(call->context().credential, "none");
  EXPECT_TRUE(call->context().purpose.empty());
  MapHeaders none;
  Run(none, nullptr);
  EXPECT_TRUE(observer_.admitted);
}

TEST_F(CallerAssertionStageTest, MissingAssertionIsUnauthenticatedAndCounted) {
  Stage(Key());
  MapHeaders none;
  auto call = Run(none, &route_, core::Protocol::kConnect);
  ASSERT_TRUE(observer_.refused.has_value());
  EXPECT_FALSE(observer_.admitted);
  EXPECT_EQ(observer_.refused->code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(observer_.refused->message(),
            "missing caller assertion: this connector serves calls from its gateway only");
  EXPECT_EQ(call->context().client, nullptr);
  EXPECT_TRUE(HasSeries("connect", "missing_assertion", 1)) << registry_.Render();
  EXPECT_TRUE(HasSeries("grpc", "missing_assertion", 0)) << registry_.Render();
  RunAssertion("", &route_);  // an empty header is missing too
  EXPECT_TRUE(HasSeries("grpc", "missing_assertion", 1)) << registry_.Render();
}

TEST_F(CallerAssertionStageTest, BadAssertionsAreRefusedWithVerifysStatusAndCounted) {
  Stage(Key());
  auto forged = *CallerAssertionKey::FromSecret("an attacker's secret, 32 bytes...");
  auto call = RunAssertion(forged.Sign(Claims("VN:PROV:79:ONESTOP")), &route_);
  ASSERT_TRUE(observer_.refused.has_value());
  EXPECT_EQ(observer_.refused->message(), "caller assertion signature does not verify");
  EXPECT_EQ(call->context().client, nullptr);
  RunAssertion("v1.garbage", &route_);
  ASSERT_TRUE(observer_.refused.has_value());
  EXPECT_EQ(observer_.refused->code(), absl::StatusCode::kUnauthenticated);
  RunAssertion(Key().Sign(Claims("c", "/ndxp.other.v1.Other/Method")), &route_);
  ASSERT_TRUE(observer_.refused.has_value());
  EXPECT_EQ(observer_.refused->message(), "caller assertion is for another method");
  EXPECT_TRUE(HasSeries("grpc", "invalid_assertion", 3)) << registry_.Render();

  now_ = kNow + kMaxAge + absl::Seconds(1);
  RunAssertion(Key().Sign(Claims("c")), &route_);
  ASSERT_TRUE(observer_.refused.has_value());
  EXPECT_EQ(observer_.refused->message(), "caller assertion has expired");
  now_ = kNow - kMaxAge - absl::Seconds(1);
  RunAssertion(Key().Sign(Claims("c")), &route_);
  ASSERT_TRUE(observer_.refused.has_value());
  EXPECT_EQ(observer_.refused->message(), "caller assertion is from the future");
  EXPECT_TRUE(HasSeries("grpc", "expired_assertion", 2)) << registry_.Render();
  EXPECT_TRUE(HasSeries("grpc", "invalid_assertion", 3)) << registry_.Render();
}

TEST_F(CallerAssertionStageTest, NoRouteCallsNeedAValidAssertionForAnyMethod) {
  Stage(Key());
  auto call = RunAssertion(Key().Sign(Claims("c", "/ndxp.unknown.v1.Unknown/Method")), nullptr);
  EXPECT_TRUE(observer_.admitted);
  ASSERT_NE(call->context().client, nullptr);
  EXPECT_EQ(call->context().client_id(), "c");
  auto forged = *CallerAssertionKey::FromSecret("an attacker's secret, 32 bytes...");
  RunAssertion(forged.Sign(Claims("c", "/ndxp.unknown.v1.Unknown/Method")), nullptr);
  EXPECT_TRUE(observer_.refused.has_value());
  MapHeaders none;
  Run(none, nullptr);
  EXPECT_TRUE(observer_.refused.has_value());
}

TEST(CallerAssertionFactoryTest, SameStageForEveryRoute) {
  metrics::Registry registry;
  CallerAssertionIdentifyFactory factory(std::nullopt, kMaxAge, registry);
  core::Route route;
  EXPECT_EQ(factory.name(), "caller_assertion_identify");
  EXPECT_EQ(factory.ForRoute(&route), factory.ForRoute(nullptr));
  EXPECT_EQ(factory.ForRoute(&route), &factory.stage());
}

}  // namespace
}  // namespace ndxp::auth
