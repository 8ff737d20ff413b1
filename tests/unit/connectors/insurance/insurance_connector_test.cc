#include "connectors/insurance/insurance_connector.h"

#include <gtest/gtest.h>

#include <limits>
#include <set>

#include "connectors/common/admin_units.h"
#include "connectors/common/personal_id.h"
#include "gateway/core/route_table.h"
#include "ndxp/insurance/v1/insurance.pb.h"
#include "tests/unit/connectors/connector_calls.h"
#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors::insurance {
namespace {

namespace pb = ::ndxp::insurance::v1;
using testing::Call;
using testing::ErrorReason;
using testing::FindHandler;
using testing::ViolationField;

class InsuranceConnectorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto citizens = population::CitizenStore::Generate(3, 8'000);
    ASSERT_TRUE(citizens.ok());
    auto enterprises = business::EnterpriseStore::Generate(4, 1'000, *citizens);
    ASSERT_TRUE(enterprises.ok());
    auto store = InsuranceStore::Generate(5, 0, *citizens, *enterprises);
    ASSERT_TRUE(store.ok()) << store.status();
    connector_ = new InsuranceConnector(*store);
    handlers_ = new std::vector<core::MethodHandler>(connector_->Handlers());
  }
  static void TearDownTestSuite() {
    delete handlers_;
    delete connector_;
  }

  const core::MethodHandler& H(std::string_view method) { return *FindHandler(*handlers_, method); }
  const InsuranceStore& store() { return *connector_->store(); }
  template <typename T>
  static const T& As(const testing::CallResult& r, std::size_t i = 0) {
    return static_cast<const T&>(*r.responses.at(i));
  }
  // The first citizen whose card has this group.
  std::uint32_t WithGroup(std::string_view group) {
    for (std::uint32_t i = 0; i < store().participants().size(); ++i) {
      const Participant& p = store().Of(i);
      if (p.group != kNoCard && store().GroupOf(p).code == group) return i;
    }
    ADD_FAILURE() << "no " << group;
    return 0;
  }
  std::string PersonalIdOf(std::uint32_t citizen) {
    return FormatPersonalId(store().population().citizens()[citizen].id);
  }

  static InsuranceConnector* connector_;
  static std::vector<core::MethodHandler>* handlers_;
};
InsuranceConnector* InsuranceConnectorTest::connector_ = nullptr;
std::vector<core::MethodHandler>* InsuranceConnectorTest::handlers_ = nullptr;

TEST_F(InsuranceConnectorTest, EveryMethodReadsPersonalData) {
  EXPECT_EQ(connector_->name(), "insurance");
  ASSERT_EQ(handlers_->size(), static_cast<std::size_t>(connector_->service().method_count()));
  for (const auto& h : *handlers_) EXPECT_TRUE(core::MethodReadsPersonalData(*h.method));
}

TEST_F(InsuranceConnectorTest, GetParticipantByEitherNumber) {
  const std::uint32_t employee = WithGroup("DN");
  const Participant& p = store().Of(employee);
  pb::GetParticipantRequest by_number;
  by_number.set_social_insurance_number(FormatSocialInsuranceNumber(p.number));
  pb::GetParticipantRequest by_id;
  by_id.set_personal_id(PersonalIdOf(employee));
  auto a = Call(H("GetParticipant"), by_number);
  auto b = Call(H("GetParticipant"), by_id);
  ASSERT_TRUE(a.status.ok()) << a.status;
  ASSERT_TRUE(b.status.ok()) << b.status;
  const auto& participant = As<pb::GetParticipantResponse>(a).participant();
  EXPECT_EQ(participant.SerializeAsString(),
            As<pb::GetParticipantResponse>(b).participant().SerializeAsString());
  EXPECT_EQ(participant.personal_id(), PersonalIdOf(employee));
  EXPECT_EQ(participant.social_insurance().kind(), pb::SOCIAL_INSURANCE_KIND_COMPULSORY);
  EXPECT_EQ(participant.social_insurance().employer().enterprise_code().size(), 10u);
  EXPECT_FALSE(participant.social_insurance().employer().name().empty());
  EXPECT_GT(participant.social_insurance().contribution_months(), 0);
  const auto& card = participant.health_insurance_card();
  EXPECT_EQ(card.beneficiary_group(), "DN");
  EXPECT_EQ(card.benefit_level(), 4);
  EXPECT_EQ(card.benefit_percent(), 80);
  EXPECT_EQ(card.card_code().substr(5), participant.social_insurance_number());
  EXPECT_EQ(card.province_code(), participant.address().unit().province_code());
  EXPECT_EQ(card.facility().code().size(), 5u);
  EXPECT_EQ(card.facility().code().substr(0, 2), card.province_code());
  EXPECT_TRUE(participant.household_id().starts_with("H"));
}

TEST_F(InsuranceConnectorTest, GetParticipantErrors) {
  struct Case {
    std::string number, personal_id, field;
  };
  for (const Case& c : std::vector<Case>{{"791234567", "", "social_insurance_number"},
                                         {"79123456AB", "", "social_insurance_number"},
                                         {"", "07920300123", "personal_id"},
                                         {"", "999203001234", "personal_id"}}) {
    pb::GetParticipantRequest req;
    if (c.personal_id.empty()) {
      req.set_social_insurance_number(c.number);
    } else {
      req.set_personal_id(c.personal_id);
    }
    auto r = Call(H("GetParticipant"), req);
    EXPECT_EQ(r.status.code(), absl::StatusCode::kInvalidArgument) << c.number << c.personal_id;
    EXPECT_EQ(ViolationField(r.status), c.field);
  }
  auto none = Call(H("GetParticipant"), pb::GetParticipantRequest());
  EXPECT_EQ(none.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ViolationField(none.status), "social_insurance_number");
  pb::GetParticipantRequest unknown;
  unknown.set_social_insurance_number("9912345678");
  auto r = Call(H("GetParticipant"), unknown);
  EXPECT_EQ(r.status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(r.status), "PARTICIPANT_NOT_FOUND");
  EXPECT_EQ(std::string(r.status.message()).find("9912345678"), std::string::npos);
  // A citizen in neither scheme has no participant record.
  for (std::uint32_t i = 0; i < store().participants().size(); ++i) {
    if (store().Of(i).number != 0) continue;
    pb::GetParticipantRequest req;
    req.set_personal_id(PersonalIdOf(i));
    EXPECT_EQ(Call(H("GetParticipant"), req).status.code(), absl::StatusCode::kNotFound);
    break;
  }
}

TEST_F(InsuranceConnectorTest, ChildrenUnderSixHoldTeCards) {
  const std::uint32_t child = WithGroup("TE");
  pb::GetHealthInsuranceCardRequest req;
  req.set_card_code(store().CardCode(child));
  auto r = Call(H("GetHealthInsuranceCard"), req);
  ASSERT_TRUE(r.status.ok()) << r.status;
  const auto& card = As<pb::GetHealthInsuranceCardResponse>(r).card();
  EXPECT_TRUE(card.card_code().starts_with("TE1"));
  EXPECT_EQ(card.benefit_percent(), 100);
  EXPECT_EQ(card.status(), pb::CARD_STATUS_VALID);
  EXPECT_EQ(card.holder_personal_id(), PersonalIdOf(child));
  EXPECT_EQ(card.valid_from().SerializeAsString(), card.holder_date_of_birth().SerializeAsString());
  EXPECT_EQ(card.valid_to().year(), card.holder_date_of_birth().year() + 6);
  // The printed form finds the same card.
  std::string printed = card.card_code();
  printed.insert(5, "-").insert(3, "-");
  req.set_card_code(printed);
  ASSERT_TRUE(Call(H("GetHealthInsuranceCard"), req).status.ok()) << printed;
}

TEST_F(InsuranceConnectorTest, CardLookupNeedsTheCurrentCardExactly) {
  const std::uint32_t employee = WithGroup("DN");
  const std::string code = store().CardCode(employee);
  pb::GetHealthInsuranceCardRequest req;
  // Same number, other group / level / province: not this holder's card.
  for (const std::string& other :
       {"HC" + code.substr(2), code.substr(0, 2) + "3" + code.substr(3),
        code.substr(0, 3) + (code.substr(3, 2) == "01" ? "79" : "01") + code.substr(5),
        code.substr(0, 5) + "9912345678"}) {
    req.set_card_code(other);
    auto r = Call(H("GetHealthInsuranceCard"), req);
    EXPECT_EQ(r.status.code(), absl::StatusCode::kNotFound) << other;
    EXPECT_EQ(ErrorReason(r.status), "HEALTH_INSURANCE_CARD_NOT_FOUND");
  }
  for (const char* bad : {"", "DN47979", "ZZ4797912345678", "DN9797912345678", "DN4AB7912345678",
                          "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"}) {
    req.set_card_code(bad);
    auto r = Call(H("GetHealthInsuranceCard"), req);
    EXPECT_EQ(r.status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(ViolationField(r.status), "card_code");
  }
  req.set_card_code(std::string(1 << 20, 'D'));
  EXPECT_EQ(Call(H("GetHealthInsuranceCard"), req).status.code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(InsuranceConnectorTest, ListHouseholdParticipantsPagesEveryMember) {
  const auto& population = store().population();
  const population::Household* big = nullptr;
  for (const auto& h : population.households()) {
    if (h.size >= 5) {
      big = &h;
      break;
    }
  }
  ASSERT_NE(big, nullptr);
  pb::ListHouseholdParticipantsRequest req;
  req.set_household_id(population.HouseholdCode(*big));
  req.set_page_size(2);
  std::vector<std::string> ids;
  int pages = 0;
  for (;; ++pages) {
    auto r = Call(H("ListHouseholdParticipants"), req);
    ASSERT_TRUE(r.status.ok()) << r.status;
    const auto& resp = As<pb::ListHouseholdParticipantsResponse>(r);
    EXPECT_EQ(resp.total_size(), big->size);
    EXPECT_LE(resp.participants_size(), 2);
    for (const auto& m : resp.participants()) {
      ids.push_back(m.personal_id());
      EXPECT_EQ(m.insured(), !m.social_insurance_number().empty());
      if (!m.card_code().empty()) {
        EXPECT_TRUE(m.card_code().ends_with(m.social_insurance_number()));
      }
    }
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  EXPECT_EQ(pages + 1, (big->size + 1) / 2);
  ASSERT_EQ(ids.size(), big->size);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(ids[i], FormatPersonalId(population.MembersOf(*big)[i].id));  // head first
  }
  // Default page holds the whole household.
  req.clear_page_token();
  req.set_page_size(0);
  auto all = Call(H("ListHouseholdParticipants"), req);
  EXPECT_EQ(As<pb::ListHouseholdParticipantsResponse>(all).participants_size(), big->size);
  EXPECT_TRUE(As<pb::ListHouseholdParticipantsResponse>(all).next_page_token().empty());
}

TEST_F(InsuranceConnectorTest, ListHouseholdParticipantsErrors) {
  const auto& population = store().population();
  pb::ListHouseholdParticipantsRequest req;
  req.set_household_id(population.HouseholdCode(population.households()[0]));
  req.set_page_size(-1);
  auto r = Call(H("ListHouseholdParticipants"), req);
  EXPECT_EQ(ViolationField(r.status), "page_size");
  req.set_page_size(std::numeric_limits<std::int32_t>::max());  // capped, not refused
  auto capped = Call(H("ListHouseholdParticipants"), req);
  ASSERT_TRUE(capped.status.ok()) << capped.status;
  EXPECT_EQ(As<pb::ListHouseholdParticipantsResponse>(capped).participants_size(),
            population.households()[0].size);
  req.set_page_size(1);
  req.set_page_token("garbage");
  EXPECT_EQ(ViolationField(Call(H("ListHouseholdParticipants"), req).status), "page_token");
  // A token of another household is refused.
  const auto& other = population.households()[1];
  pb::ListHouseholdParticipantsRequest first;
  first.set_household_id(population.HouseholdCode(other));
  first.set_page_size(1);
  auto page = Call(H("ListHouseholdParticipants"), first);
  const std::string token = As<pb::ListHouseholdParticipantsResponse>(page).next_page_token();
  if (!token.empty()) {
    req.set_page_token(token);
    EXPECT_EQ(ViolationField(Call(H("ListHouseholdParticipants"), req).status), "page_token");
  }
  req.clear_page_token();
  req.set_household_id("H123");
  EXPECT_EQ(ViolationField(Call(H("ListHouseholdParticipants"), req).status), "household_id");
  req.set_household_id("H" + std::string(AdminUnits::Get().communes()[0].code_text) + "999999");
  auto absent = Call(H("ListHouseholdParticipants"), req);
  EXPECT_EQ(absent.status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(absent.status), "HOUSEHOLD_NOT_FOUND");
}

TEST_F(InsuranceConnectorTest, SamplesOfEveryKindAreConsistent) {
  const auto numbers = connector_->SampleIds("social_insurance_number", 8);
  const auto ids = connector_->SampleIds("personal_id", 8);
  const auto cards = connector_->SampleIds("card_code", 8);
  ASSERT_EQ(numbers.size(), 8u);
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    EXPECT_TRUE(cards[i].ends_with(numbers[i]));
    pb::GetParticipantRequest req;
    req.set_personal_id(ids[i]);
    auto r = Call(H("GetParticipant"), req);
    ASSERT_TRUE(r.status.ok());
    EXPECT_EQ(As<pb::GetParticipantResponse>(r).participant().social_insurance_number(),
              numbers[i]);
  }
  EXPECT_EQ(connector_->SampleIds("household_id", 3).size(), 3u);
  EXPECT_TRUE(connector_->SampleIds("nothing", 3).empty());
}

}  // namespace
}  // namespace ndxp::connectors::insurance
