#include "gateway/metering/ledger/usage_stage.h"

#include <gtest/gtest.h>

#include "tests/unit/gateway/metering/ledger/ledger_test_support.h"
#include "tests/unit/gateway/stages/stage_test_support.h"

namespace ndxp::metering::ledger {
namespace {

using stages::testing::TestCall;
using testing::QueryInt;
using testing::TempDir;

class StopStage final : public core::Stage {
 public:
  std::string_view name() const override { return "stop"; }
  core::Verdict OnRequest(core::Call&) override {
    return core::Verdict::Stop(absl::PermissionDeniedError("no"));
  }
};

class UsageStageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LedgerOptions options;
    options.path = dir_.File("usage.db");
    options.flush_thread = false;
    auto opened = Ledger::Open(options, registry_);
    ASSERT_TRUE(opened.ok()) << opened.status();
    ledger_ = *std::move(opened);
    factory_ = std::make_unique<UsageStageFactory>(*ledger_);
    route_.service_name = "ndxp.population.v1.PopulationService";
    route_.method_name = "GetCitizen";
    route_.connector_name = "population";
    client_.id = "VN:PROV:79:ONESTOP";
  }
  std::int64_t Query(const std::string& sql) {
    EXPECT_TRUE(ledger_->Flush().ok());
    return QueryInt(dir_.File("usage.db"), sql);
  }

  TempDir dir_;
  metrics::Registry registry_;
  std::unique_ptr<Ledger> ledger_;
  std::unique_ptr<UsageStageFactory> factory_;
  core::Route route_;
  core::Client client_;
};

TEST_F(UsageStageTest, AServedCallIsCountedWithEveryDimension) {
  TestCall t({factory_->ForRoute(&route_)});
  t.call.context().client = &client_;
  t.call.context().procedure_id = "1.004227";
  t.call.context().dossier_id = "HS-1";
  t.call.Start();
  ASSERT_TRUE(t.observer.admitted);
  t.call.End(absl::StatusCode::kNotFound);
  EXPECT_EQ(Query("SELECT served FROM usage WHERE client = 'VN:PROV:79:ONESTOP' AND province = '79' "
                  "AND connector = 'population' AND method = 'PopulationService/GetCitizen' AND "
                  "outcome = 'NOT_FOUND' AND procedure = '1.004227'"),
            1);
  EXPECT_EQ(Query("SELECT calls FROM dossiers WHERE dossier = 'HS-1' AND served_ok = 0"), 1);
}

TEST_F(UsageStageTest, ARefusedCallIsCountedNotServed) {
  StopStage stop;
  TestCall t({&stop, factory_->ForRoute(&route_)});
  t.call.Start();
  ASSERT_TRUE(t.observer.refused.has_value());
  t.call.End(absl::StatusCode::kPermissionDenied);
  // Not identified: client "".
  EXPECT_EQ(Query("SELECT calls FROM usage WHERE client = '' AND served = 0 AND "
                  "outcome = 'PERMISSION_DENIED'"),
            1);
}

TEST_F(UsageStageTest, CallsToNoRouteAreCountedUnderNoConnectorNeverServed) {
  TestCall t({factory_->ForRoute(nullptr)});
  t.call.context().client = &client_;
  t.call.Start();
  t.call.End(absl::StatusCode::kUnimplemented);
  EXPECT_EQ(Query("SELECT calls FROM usage WHERE connector = '' AND method = '' AND served = 0 AND "
                  "outcome = 'UNIMPLEMENTED'"),
            1);
}

TEST(LedgerMethodNameTest, ServiceShortNameAndMethod) {
  core::Route route;
  route.service_name = "ndxp.business.v1.BusinessRegistryService";
  route.method_name = "GetEnterprise";
  EXPECT_EQ(LedgerMethodName(route), "BusinessRegistryService/GetEnterprise");
  route.service_name = "Bare";
  EXPECT_EQ(LedgerMethodName(route), "Bare/GetEnterprise");
}

}  // namespace
}  // namespace ndxp::metering::ledger
