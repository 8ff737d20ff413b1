#include "connectors/builtin.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "connectors/common/personal_id.h"
#include "ndxp/business/v1/business.pb.h"
#include "ndxp/population/v1/population.pb.h"
#include "ndxp/postcode/v1/postcode.pb.h"
#include "tests/unit/connectors/connector_calls.h"

namespace ndxp::connectors {
namespace {

using testing::Call;
using testing::FindHandler;

TEST(BuiltinTest, Names) {
  const auto names = BuiltinConnectorNames();
  ASSERT_GE(names.size(), 4u);
  EXPECT_EQ(names[0], "population");
  EXPECT_EQ(names[1], "business");
  EXPECT_NE(std::find(names.begin(), names.end(), "catalog"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "postcode"), names.end());
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

// Every household's residence and every enterprise's head office has a digital address: geocoding
// the address text the population and business connectors answer finds it.
TEST(BuiltinTest, PostcodeAddressesAreTheHouseholdsAndHeadOffices) {
  auto connectors = MakeBuiltinConnectors(
      {{"population", {3, 2'000}}, {"business", {7, 200}}, {"postcode", {1, 500}}});
  ASSERT_TRUE(connectors.ok()) << connectors.status();
  auto population = (*connectors)[0]->Handlers();
  auto business = (*connectors)[1]->Handlers();
  auto postcode = (*connectors)[2]->Handlers();
  namespace pc = ::ndxp::postcode::v1;
  auto geocode = [&](const std::string& text) {
    pc::GeocodeRequest req;
    req.set_text(text);
    req.set_max_results(50);
    auto result = Call(*FindHandler(postcode, "Geocode"), req);
    EXPECT_TRUE(result.status.ok()) << result.status;
    pc::GeocodeResponse resp;
    if (result.status.ok()) resp.CopyFrom(*result.responses[0]);
    return resp;
  };
  for (const std::string& id : (*connectors)[0]->SampleIds("household_id", 10)) {
    ::ndxp::population::v1::GetHouseholdRequest req;
    req.set_household_id(id);
    auto result = Call(*FindHandler(population, "GetHousehold"), req);
    ASSERT_TRUE(result.status.ok());
    const std::string text =
        static_cast<const ::ndxp::population::v1::GetHouseholdResponse&>(*result.responses[0])
            .household()
            .address()
            .full_text();
    const pc::GeocodeResponse resp = geocode(text);
    ASSERT_GE(resp.candidates_size(), 1) << text;
    EXPECT_EQ(resp.candidates(0).match_level(), pc::MATCH_LEVEL_HOUSE) << text;
    EXPECT_EQ(resp.candidates(0).address().address().full_text(), text);
  }
  for (const std::string& code : (*connectors)[1]->PrimarySampleIds(10)) {
    ::ndxp::business::v1::GetEnterpriseRequest req;
    req.set_enterprise_code(code);
    auto result = Call(*FindHandler(business, "GetEnterprise"), req);
    ASSERT_TRUE(result.status.ok());
    const std::string text =
        static_cast<const ::ndxp::business::v1::GetEnterpriseResponse&>(*result.responses[0])
            .enterprise()
            .head_office()
            .full_text();
    bool found = false;
    const pc::GeocodeResponse resp = geocode(text);
    for (const auto& c : resp.candidates()) {
      found |=
          c.address().use() == pc::ADDRESS_USE_BUSINESS && c.address().enterprise_code() == code;
    }
    EXPECT_TRUE(found) << code << " at " << text;
  }
}

}  // namespace
}  // namespace ndxp::connectors
