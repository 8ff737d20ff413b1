// The limits keys: clients[].limits (rate syntax, burst bounds, quotas, per-connector entries
// naming known connectors once) and the bulkheads, with errors naming the key; rate parsing and
// the default burst.
#include "gateway/config/validate_limits.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gateway/config/defaults.h"
#include "gateway/config/rate.h"
#include "gateway/config/validate.h"

namespace ndxp::config {
namespace {

using ::testing::HasSubstr;
namespace v1 = ::ndxp::gateway::v1;

const std::vector<std::string_view> kBuiltins = {"population", "business"};
const std::vector<std::string_view> kServices = {"ndxp.population.v1.PopulationService",
                                                 "ndxp.business.v1.BusinessRegistryService"};

TEST(RateTest, ParsesPerSecondMinuteAndHour) {
  auto s = ParseRate("50/s");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->count, 50u);
  EXPECT_EQ(s->period_seconds, 1);
  EXPECT_EQ(ParseRate("7/m")->period_seconds, 60);
  EXPECT_EQ(ParseRate("1000000/h")->count, 1000000u);
  EXPECT_EQ(ParseRate("1000000/h")->period_seconds, 3600);
}

TEST(RateTest, RefusesAnythingElse) {
  for (const char* bad : {"", "5", "/s", "0/s", "-1/s", "1000001/s", "5/d", "5/sec", "5 /s",
                          "5/S", "1.5/s", "0x10/s", "99999999999/s", "s/5"}) {
    auto rate = ParseRate(bad);
    EXPECT_FALSE(rate.ok()) << bad;
    EXPECT_THAT(std::string(rate.status().message()), HasSubstr("expected \"N/s\", \"N/m\" or \"N/h\""))
        << bad;
  }
}

TEST(RateTest, DefaultBurstIsOneSecondAtTheRateAtLeastOne) {
  EXPECT_EQ(DefaultBurst({50, 1}), 50u);
  EXPECT_EQ(DefaultBurst({120, 60}), 2u);
  EXPECT_EQ(DefaultBurst({30, 60}), 1u);
  EXPECT_EQ(DefaultBurst({1, 3600}), 1u);
}

class ValidateLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = DefaultConfig(kBuiltins);
    client_ = config_.add_clients();
    client_->set_id("VN:PROV:79:ONESTOP");
    auto* other = config_.add_clients();
    other->set_id("VN:PROV:01:ONESTOP");
  }
  v1::ClientLimits& Limits() { return *client_->mutable_limits(); }
  std::string Error() {
    ApplyDefaults(config_, kBuiltins, kServices);
    absl::Status status = ValidateConfig(config_, kBuiltins, kServices);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
    return std::string(status.message());
  }
  bool Valid() {
    ApplyDefaults(config_, kBuiltins, kServices);
    absl::Status status = ValidateConfig(config_, kBuiltins, kServices);
    EXPECT_TRUE(status.ok()) << status;
    return status.ok();
  }
  v1::GatewayConfig config_;
  v1::Client* client_ = nullptr;
};

TEST_F(ValidateLimitsTest, TheIssuesExampleIsValidAndGetsItsBurst) {
  Limits().set_rate("50/s");
  Limits().set_quota_daily(100000);
  Limits().set_quota_monthly(2000000);
  auto* entry = Limits().add_connectors();
  entry->set_connector("population");
  entry->set_rate("10/m");
  EXPECT_TRUE(Valid());
  EXPECT_EQ(config_.clients(0).limits().burst(), 50u);
  EXPECT_EQ(config_.clients(0).limits().connectors(0).burst(), 1u);
  Limits().set_burst(100);
  EXPECT_TRUE(Valid());
  EXPECT_EQ(config_.clients(0).limits().burst(), 100u);
}

TEST_F(ValidateLimitsTest, RateSyntax) {
  Limits().set_rate("50/d");
  EXPECT_THAT(Error(), HasSubstr("clients[0].limits.rate: expected \"N/s\", \"N/m\" or \"N/h\" "
                                 "(N a positive integer up to 1000000), got \"50/d\""));
  Limits().set_rate("0/s");
  EXPECT_THAT(Error(), HasSubstr("clients[0].limits.rate: "));
}

TEST_F(ValidateLimitsTest, BurstBounds) {
  Limits().set_burst(10);
  EXPECT_THAT(Error(), HasSubstr("clients[0].limits.burst: a burst needs a rate"));
  Limits().set_rate("5/s");
  Limits().set_burst(1000001);
  EXPECT_THAT(Error(), HasSubstr("clients[0].limits.burst: 1000001 is out of range (1 to 1000000)"));
  Limits().set_burst(1000000);
  EXPECT_TRUE(Valid());
}

TEST_F(ValidateLimitsTest, Quotas) {
  Limits().set_quota_daily(1'000'000'000'001);
  EXPECT_THAT(Error(), HasSubstr("clients[0].limits.quota_daily: 1000000000001 is more than "
                                 "1000000000000"));
  Limits().set_quota_daily(10);
  Limits().set_quota_monthly(1'000'000'000'001);
  EXPECT_THAT(Error(), HasSubstr("clients[0].limits.quota_monthly: "));
  Limits().set_quota_monthly(5);
  EXPECT_THAT(Error(),
              HasSubstr("clients[0].limits.quota_daily: 10 is more than quota_monthly (5)"));
  Limits().set_quota_monthly(0);
  EXPECT_TRUE(Valid());
}

TEST_F(ValidateLimitsTest, ConnectorEntries) {
  config_.mutable_clients(1)->mutable_limits()->add_connectors()->set_rate("1/s");
  EXPECT_THAT(Error(), HasSubstr("clients[1].limits.connectors[0].connector: an entry needs a "
                                 "connector name (known: population, business)"));
  config_.mutable_clients(1)->mutable_limits()->mutable_connectors(0)->set_connector("populaton");
  EXPECT_THAT(Error(), HasSubstr("clients[1].limits.connectors[0].connector: unknown connector "
                                 "\"populaton\" (known: population, business)"));
  config_.mutable_clients(1)->mutable_limits()->mutable_connectors(0)->set_connector("population");
  EXPECT_TRUE(Valid());
  auto* again = config_.mutable_clients(1)->mutable_limits()->add_connectors();
  again->set_connector("population");
  again->set_quota_daily(3);
  EXPECT_THAT(Error(), HasSubstr("clients[1].limits.connectors[1].connector: duplicate connector "
                                 "\"population\" (also clients[1].limits.connectors[0])"));
  again->set_connector("business");
  again->set_quota_daily(0);
  EXPECT_THAT(Error(), HasSubstr("clients[1].limits.connectors[1]: sets no limit"));
  again->set_rate("2/x");
  EXPECT_THAT(Error(), HasSubstr("clients[1].limits.connectors[1].rate: expected"));
  again->set_rate("");
  again->set_burst(4);
  again->set_quota_monthly(9);
  EXPECT_THAT(Error(), HasSubstr("clients[1].limits.connectors[1].burst: a burst needs a rate"));
}

TEST_F(ValidateLimitsTest, AnUpstreamsNameIsAKnownConnector) {
  config_.mutable_connectors()->DeleteSubrange(0, 1);  // population goes remote
  auto* upstream = config_.add_upstreams();
  upstream->set_service("ndxp.population.v1.PopulationService");
  upstream->add_endpoints("127.0.0.1:7001");
  auto* entry = Limits().add_connectors();
  entry->set_connector("population");
  entry->set_rate("1/s");
  EXPECT_TRUE(Valid());  // population is the upstream's default name
  entry->set_connector("ledger");
  EXPECT_THAT(Error(), HasSubstr("unknown connector \"ledger\" (known: business, population)"));
}

TEST_F(ValidateLimitsTest, BulkheadBounds) {
  config_.mutable_connectors(0)->set_max_concurrent_calls(1'000'001);
  EXPECT_THAT(Error(), HasSubstr("connectors[0].max_concurrent_calls: 1000001 is more than "
                                 "1000000 (0 means no limit)"));
  config_.mutable_connectors(0)->set_max_concurrent_calls(1'000'000);
  EXPECT_TRUE(Valid());
  config_.mutable_connectors()->DeleteSubrange(0, 1);
  auto* upstream = config_.add_upstreams();
  upstream->set_service("ndxp.population.v1.PopulationService");
  upstream->add_endpoints("127.0.0.1:7001");
  upstream->set_max_concurrent_calls(2'000'000);
  EXPECT_THAT(Error(), HasSubstr("upstreams[0].max_concurrent_calls: 2000000 is more than"));
}

TEST(CheckClientLimitsTest, WithoutKnownConnectorsNamesAreNotChecked) {
  v1::ClientLimits limits;
  auto* entry = limits.add_connectors();
  entry->set_connector("anything");
  entry->set_quota_daily(1);
  EXPECT_TRUE(CheckClientLimits(limits, "f.yaml: clients[0].limits", {}).ok());
  entry->set_connector("");
  EXPECT_THAT(std::string(CheckClientLimits(limits, "f.yaml: clients[0].limits", {}).message()),
              HasSubstr("f.yaml: clients[0].limits.connectors[0].connector: an entry needs a "
                        "connector name"));
}

}  // namespace
}  // namespace ndxp::config
