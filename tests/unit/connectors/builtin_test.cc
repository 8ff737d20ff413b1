#include "connectors/builtin.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "connectors/common/personal_id.h"
#include "ndxp/budget/v1/budget.pb.h"
#include "ndxp/business/v1/business.pb.h"
#include "ndxp/insurance/v1/insurance.pb.h"
#include "ndxp/land/v1/land.pb.h"
#include "ndxp/population/v1/population.pb.h"
#include "ndxp/postcode/v1/postcode.pb.h"
#include "ndxp/vehicle/v1/vehicle.pb.h"
#include "tests/unit/connectors/connector_calls.h"

namespace ndxp::connectors {
namespace {

using testing::Call;
using testing::FindHandler;

TEST(BuiltinTest, Names) {
  const auto names = BuiltinConnectorNames();
  // The rows of the national databases table, in order.
  const std::vector<std::string_view> expected = {"population", "business", "insurance", "land",
                                                  "legal",      "price",    "vehicle",   "budget",
                                                  "catalog",    "postcode"};
  EXPECT_EQ(names, expected);
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

// Answers of one connector's unary method, typed.
template <typename Resp, typename Req>
Resp CallOk(const std::vector<core::MethodHandler>& handlers, std::string_view method,
            const Req& req) {
  auto result = Call(*FindHandler(handlers, method), req);
  EXPECT_TRUE(result.status.ok()) << method << ": " << result.status;
  if (!result.status.ok()) return Resp();
  return static_cast<const Resp&>(*result.responses[0]);
}

TEST(BuiltinTest, InsuranceAndBudgetReferToTheSharedPopulationAndBusiness) {
  namespace ipb = ::ndxp::insurance::v1;
  namespace bpb = ::ndxp::business::v1;
  auto connectors = MakeBuiltinConnectors({{"budget", {2, 20}},
                                           {"insurance", {5, 0}},
                                           {"population", {3, 3'000}},
                                           {"business", {7, 400}}});
  ASSERT_TRUE(connectors.ok()) << connectors.status();
  auto& budget = *(*connectors)[0];
  auto& insurance = *(*connectors)[1];
  const auto budget_handlers = budget.Handlers();
  const auto insurance_handlers = insurance.Handlers();
  const auto population_handlers = (*connectors)[2]->Handlers();
  const auto business_handlers = (*connectors)[3]->Handlers();
  int employees = 0;
  for (const std::string& number : insurance.PrimarySampleIds(60)) {
    ipb::GetParticipantRequest req;
    req.set_social_insurance_number(number);
    const auto p = CallOk<ipb::GetParticipantResponse>(insurance_handlers, "GetParticipant", req)
                       .participant();
    // The participant is a citizen of the shared population, in the household it names.
    ::ndxp::population::v1::GetCitizenRequest citizen;
    citizen.set_personal_id(p.personal_id());
    const auto c = CallOk<::ndxp::population::v1::GetCitizenResponse>(population_handlers,
                                                                      "GetCitizen", citizen)
                       .citizen();
    EXPECT_EQ(c.full_name(), p.full_name());
    EXPECT_EQ(c.household_id(), p.household_id());
    EXPECT_EQ(c.permanent_address().unit().province_code(),
              p.health_insurance_card().province_code());
    const std::string& employer = p.social_insurance().employer().enterprise_code();
    if (employer.empty()) continue;
    ++employees;
    bpb::GetEnterpriseRequest e;
    e.set_enterprise_code(employer);
    const auto enterprise =
        CallOk<bpb::GetEnterpriseResponse>(business_handlers, "GetEnterprise", e).enterprise();
    EXPECT_EQ(enterprise.name(), p.social_insurance().employer().name());
    EXPECT_EQ(enterprise.status(), bpb::OPERATING_STATUS_ACTIVE);
  }
  EXPECT_GT(employees, 0);
  for (const std::string& code : budget.SampleIds("enterprise_code", 5)) {
    bpb::GetEnterpriseRequest e;
    e.set_enterprise_code(code);
    const auto enterprise =
        CallOk<bpb::GetEnterpriseResponse>(business_handlers, "GetEnterprise", e).enterprise();
    ::ndxp::budget::v1::GetBudgetUnitRequest unit;
    unit.set_enterprise_code(code);
    EXPECT_EQ(CallOk<::ndxp::budget::v1::GetBudgetUnitResponse>(budget_handlers,
                                                                "GetBudgetUnit", unit)
                  .unit()
                  .name(),
              enterprise.name());
  }
}

// Parcel holders and vehicle owners are citizens and enterprises of the shared stores, whatever
// the order the connectors are listed in.
TEST(BuiltinTest, LandAndVehicleHoldersAreSharedCitizensAndEnterprises) {
  auto connectors = MakeBuiltinConnectors({{"vehicle", {2, 300}},
                                           {"land", {2, 400}},
                                           {"business", {7, 200}},
                                           {"population", {3, 2'000}}});
  ASSERT_TRUE(connectors.ok()) << connectors.status();
  auto& vehicle = *(*connectors)[0];
  auto& land = *(*connectors)[1];
  const auto business_handlers = (*connectors)[2]->Handlers();
  const auto population_handlers = (*connectors)[3]->Handlers();
  const auto exists = [&](const std::string& personal_id, const std::string& enterprise_code) {
    if (!personal_id.empty()) {
      ::ndxp::population::v1::GetCitizenRequest req;
      req.set_personal_id(personal_id);
      return Call(*FindHandler(population_handlers, "GetCitizen"), req).status.ok();
    }
    ::ndxp::business::v1::GetEnterpriseRequest req;
    req.set_enterprise_code(enterprise_code);
    return Call(*FindHandler(business_handlers, "GetEnterprise"), req).status.ok();
  };
  const auto land_handlers = land.Handlers();
  for (const std::string& id : land.PrimarySampleIds(10)) {
    ::ndxp::land::v1::GetParcelRequest req;
    req.set_parcel_id(id);
    auto result = Call(*FindHandler(land_handlers, "GetParcel"), req);
    ASSERT_TRUE(result.status.ok()) << result.status;
    const auto& holder =
        static_cast<const ::ndxp::land::v1::GetParcelResponse&>(*result.responses[0])
            .parcel()
            .holder();
    EXPECT_TRUE(exists(holder.personal_id(), holder.enterprise_code())) << id;
  }
  const auto vehicle_handlers = vehicle.Handlers();
  for (const std::string& plate : vehicle.PrimarySampleIds(10)) {
    ::ndxp::vehicle::v1::GetVehicleInspectionRequest req;
    req.set_plate_number(plate);
    auto result = Call(*FindHandler(vehicle_handlers, "GetVehicleInspection"), req);
    ASSERT_TRUE(result.status.ok()) << result.status;
    const auto& owner =
        static_cast<const ::ndxp::vehicle::v1::GetVehicleInspectionResponse&>(*result.responses[0])
            .vehicle()
            .owner();
    EXPECT_TRUE(exists(owner.personal_id(), owner.enterprise_code())) << plate;
  }
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
