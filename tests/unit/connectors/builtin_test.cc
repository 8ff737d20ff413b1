#include "connectors/builtin.h"

#include <gtest/gtest.h>

#include "connectors/common/personal_id.h"
#include "ndxp/business/v1/business.pb.h"
#include "ndxp/population/v1/population.pb.h"
#include "tests/unit/connectors/connector_calls.h"

namespace ndxp::connectors {
namespace {

using testing::Call;
using testing::FindHandler;

TEST(BuiltinTest, Names) {
  const auto names = BuiltinConnectorNames();
  ASSERT_EQ(names.size(), 4u);
  EXPECT_EQ(names[0], "population");
  EXPECT_EQ(names[1], "business");
  EXPECT_EQ(names[2], "legal");
  EXPECT_EQ(names[3], "price");
}

TEST(BuiltinTest, RejectsUnknownAndDuplicateNames) {
  auto unknown = MakeBuiltinConnectors({{"population", {}}, {"landx", {}}});
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("landx"), absl::string_view::npos);
  auto twice = MakeBuiltinConnectors({{"business", {1, 50}}, {"business", {1, 50}}});
  EXPECT_EQ(twice.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(twice.status().message().find("business"), absl::string_view::npos);
  auto too_big = MakeBuiltinConnectors({{"population", {1, 100'000'000}}});
  EXPECT_EQ(too_big.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(too_big.status().message().find("population"), absl::string_view::npos);
  EXPECT_TRUE(MakeBuiltinConnectors({})->empty());
}

TEST(BuiltinTest, BusinessRepresentativesAreCitizensOfTheSharedPopulation) {
  auto connectors = MakeBuiltinConnectors({{"business", {7, 200}}, {"population", {3, 2'000}}});
  ASSERT_TRUE(connectors.ok()) << connectors.status();
  ASSERT_EQ(connectors->size(), 2u);
  auto& business = *(*connectors)[0];
  auto& population = *(*connectors)[1];
  EXPECT_EQ(business.name(), "business");
  EXPECT_EQ(population.name(), "population");
  const auto business_handlers = business.Handlers();
  const auto population_handlers = population.Handlers();
  for (const std::string& code : business.PrimarySampleIds(10)) {
    ::ndxp::business::v1::GetEnterpriseRequest req;
    req.set_enterprise_code(code);
    auto result = Call(*FindHandler(business_handlers, "GetEnterprise"), req);
    ASSERT_TRUE(result.status.ok());
    const auto& e =
        static_cast<const ::ndxp::business::v1::GetEnterpriseResponse&>(*result.responses[0]);
    ::ndxp::population::v1::VerifyCitizenRequest verify;
    verify.set_personal_id(e.enterprise().legal_representative_personal_id());
    verify.set_full_name(e.enterprise().legal_representative_name());
    auto verified = Call(*FindHandler(population_handlers, "VerifyCitizen"), verify);
    ASSERT_TRUE(verified.status.ok()) << verified.status;
    EXPECT_TRUE(
        static_cast<const ::ndxp::population::v1::VerifyCitizenResponse&>(*verified.responses[0])
            .matched());
  }
}

TEST(BuiltinTest, BusinessAloneUsesThePopulationDefaults) {
  auto alone = MakeBuiltinConnectors({{"business", {7, 100}}});
  ASSERT_TRUE(alone.ok()) << alone.status();
  ASSERT_EQ(alone->size(), 1u);
  auto with_default = MakeBuiltinConnectors({{"business", {7, 100}}, {"population", {}}});
  ASSERT_TRUE(with_default.ok());
  // The same population (seed 1, 100,000 citizens) gives the same representatives.
  EXPECT_EQ((*alone)[0]->Examples()[1].valid_request,
            (*with_default)[0]->Examples()[1].valid_request);
  for (const std::string& code : (*alone)[0]->PrimarySampleIds(3)) EXPECT_EQ(code.size(), 10u);
}

}  // namespace
}  // namespace ndxp::connectors
