#include "connectors/population/population_connector.h"

#include <gtest/gtest.h>

#include <limits>

#include "connectors/common/admin_units.h"
#include "connectors/common/personal_id.h"
#include "gateway/core/route_table.h"
#include "ndxp/population/v1/population.pb.h"
#include "tests/unit/connectors/connector_calls.h"
#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors::population {
namespace {

namespace pb = ::ndxp::population::v1;
using testing::Call;
using testing::ErrorReason;
using testing::FindHandler;
using testing::ViolationDescription;
using testing::ViolationField;

class PopulationConnectorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto store = CitizenStore::Generate(21, 3'000);
    ASSERT_TRUE(store.ok());
    connector_ = new PopulationConnector(*store);
    handlers_ = new std::vector<core::MethodHandler>(connector_->Handlers());
  }
  static void TearDownTestSuite() {
    delete handlers_;
    delete connector_;
  }

  const core::MethodHandler& H(std::string_view method) { return *FindHandler(*handlers_, method); }
  const CitizenStore& store() { return *connector_->store(); }
  std::string SampleId() { return connector_->PrimarySampleIds(1).at(0); }
  const Citizen& SampleCitizen() { return *store().FindCitizen(std::stoull(SampleId())); }
  // A citizen whose household has several members.
  const Citizen& FamilyCitizen() {
    for (const Household& h : store().households()) {
      if (h.size >= 3) return store().citizens()[h.first_member + 1];
    }
    return SampleCitizen();
  }

  static PopulationConnector* connector_;
  static std::vector<core::MethodHandler>* handlers_;
};
PopulationConnector* PopulationConnectorTest::connector_ = nullptr;
std::vector<core::MethodHandler>* PopulationConnectorTest::handlers_ = nullptr;

TEST_F(PopulationConnectorTest, HandlesEveryMethodAndAllReadPersonalData) {
  EXPECT_EQ(connector_->name(), "population");
  EXPECT_EQ(connector_->service().full_name(), "ndxp.population.v1.PopulationService");
  ASSERT_EQ(handlers_->size(), static_cast<std::size_t>(connector_->service().method_count()));
  for (const auto& h : *handlers_) {
    EXPECT_TRUE(core::MethodReadsPersonalData(*h.method)) << h.method->name();
    switch (core::ShapeOf(*h.method)) {
      case core::CallShape::kUnary:
        EXPECT_TRUE(h.unary) << h.method->name();
        break;
      case core::CallShape::kServerStreaming:
        EXPECT_TRUE(h.server_stream);
        break;
      default:
        EXPECT_TRUE(h.request_stream) << h.method->name();
        break;
    }
  }
}

TEST_F(PopulationConnectorTest, GetCitizenFound) {
  const Citizen& citizen = FamilyCitizen();
  pb::GetCitizenRequest req;
  req.set_personal_id(FormatPersonalId(citizen.id));
  auto result = Call(H("GetCitizen"), req);
  ASSERT_TRUE(result.status.ok()) << result.status;
  const auto& c = static_cast<const pb::GetCitizenResponse&>(*result.responses[0]).citizen();
  EXPECT_EQ(c.personal_id(), req.personal_id());
  EXPECT_EQ(c.full_name(), store().FullName(citizen));
  EXPECT_EQ(c.date_of_birth().year(), store().BirthDate(citizen).year);
  EXPECT_NE(c.sex(), common::v1::SEX_UNSPECIFIED);
  EXPECT_FALSE(c.ethnicity().empty());
  EXPECT_FALSE(c.religion().empty());
  EXPECT_FALSE(c.permanent_address().full_text().empty());
  EXPECT_EQ(c.household_id().front(), 'H');
  EXPECT_NE(c.household_relation(), pb::HOUSEHOLD_RELATION_UNSPECIFIED);
}

TEST_F(PopulationConnectorTest, GetCitizenMalformedAndUnknown) {
  pb::GetCitizenRequest req;
  req.set_personal_id("07920300123");
  auto result = Call(H("GetCitizen"), req);
  EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ViolationField(result.status), "personal_id");

  req.set_personal_id("001000123456");  // well formed (born 1900), absent
  result = Call(H("GetCitizen"), req);
  EXPECT_EQ(result.status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(result.status), "CITIZEN_NOT_FOUND");
  EXPECT_EQ(std::string(result.status.message()).find("001000123456"), std::string::npos);
}

TEST_F(PopulationConnectorTest, VerifyCitizen) {
  const Citizen& citizen = SampleCitizen();
  pb::VerifyCitizenRequest req;
  req.set_personal_id(FormatPersonalId(citizen.id));
  req.set_full_name("  " + store().FullName(citizen) + " ");
  ToProto(store().BirthDate(citizen), req.mutable_date_of_birth());
  auto result = Call(H("VerifyCitizen"), req);
  ASSERT_TRUE(result.status.ok()) << result.status;
  auto* r = static_cast<const pb::VerifyCitizenResponse*>(result.responses[0].get());
  EXPECT_EQ(r->full_name(), common::v1::MATCH_RESULT_MATCH);
  EXPECT_EQ(r->date_of_birth(), common::v1::MATCH_RESULT_MATCH);
  EXPECT_TRUE(r->matched());

  req.mutable_date_of_birth()->set_day(req.date_of_birth().day() % 28 + 1);
  result = Call(H("VerifyCitizen"), req);
  r = static_cast<const pb::VerifyCitizenResponse*>(result.responses[0].get());
  EXPECT_EQ(r->date_of_birth(), common::v1::MATCH_RESULT_MISMATCH);
  EXPECT_FALSE(r->matched());

  req.clear_date_of_birth();
  req.set_full_name("Nguyễn Văn Không Có");
  result = Call(H("VerifyCitizen"), req);
  r = static_cast<const pb::VerifyCitizenResponse*>(result.responses[0].get());
  EXPECT_EQ(r->full_name(), common::v1::MATCH_RESULT_MISMATCH);
  EXPECT_EQ(r->date_of_birth(), common::v1::MATCH_RESULT_UNSPECIFIED);

  req.clear_full_name();
  ToProto(store().BirthDate(citizen), req.mutable_date_of_birth());
  result = Call(H("VerifyCitizen"), req);
  ASSERT_TRUE(result.status.ok()) << result.status;
  r = static_cast<const pb::VerifyCitizenResponse*>(result.responses[0].get());
  EXPECT_EQ(r->full_name(), common::v1::MATCH_RESULT_UNSPECIFIED);  // not given: not compared
  EXPECT_EQ(r->date_of_birth(), common::v1::MATCH_RESULT_MATCH);
  EXPECT_TRUE(r->matched());
}

// Decision 0150: a verification with nothing to compare is malformed, not a match.
TEST_F(PopulationConnectorTest, VerifyCitizenNeedsAFieldToCompare) {
  const Citizen& citizen = SampleCitizen();
  pb::VerifyCitizenRequest req;
  req.set_personal_id(FormatPersonalId(citizen.id));
  auto result = Call(H("VerifyCitizen"), req);
  EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ViolationField(result.status), "full_name");
  EXPECT_EQ(ViolationDescription(result.status),
            "nothing to compare: at least one of full_name and date_of_birth must be given");
  EXPECT_TRUE(result.responses.empty());

  req.set_full_name(" \t ");  // only spaces: not given either
  result = Call(H("VerifyCitizen"), req);
  EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ViolationField(result.status), "full_name");
  EXPECT_EQ(ViolationDescription(result.status),
            "is only spaces and date_of_birth is unset: at least one of full_name and "
            "date_of_birth must be given");

  // The id is checked first; an unknown id with nothing to compare is still malformed.
  req.set_personal_id("07920300123");
  EXPECT_EQ(ViolationField(Call(H("VerifyCitizen"), req).status), "personal_id");
  req.set_personal_id("001000123456");
  EXPECT_EQ(Call(H("VerifyCitizen"), req).status.code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(PopulationConnectorTest, VerifyCitizenSaysWhichPartOfTheDateIsWrong) {
  const Citizen& citizen = SampleCitizen();
  pb::VerifyCitizenRequest req;
  req.set_personal_id(FormatPersonalId(citizen.id));
  req.set_full_name(store().FullName(citizen));
  const auto description = [&](int year, int month, int day) {
    req.mutable_date_of_birth()->set_year(year);
    req.mutable_date_of_birth()->set_month(month);
    req.mutable_date_of_birth()->set_day(day);
    auto result = Call(H("VerifyCitizen"), req);
    EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(ViolationField(result.status), "date_of_birth");
    return ViolationDescription(result.status);
  };
  EXPECT_EQ(description(1990, 0, 0), "month and day are required (only the year was given)");
  EXPECT_EQ(description(1990, 5, 0), "the day is required (only the year and month were given)");
  EXPECT_EQ(description(0, 5, 2), "the year is required (only the month and day were given)");
  EXPECT_EQ(description(1990, 2, 30), "the day is 30, but February 1990 has 28 days");
  EXPECT_EQ(description(1990, 13, 1), "the month is 13: it must be 1 to 12");
  EXPECT_EQ(description(-1, 1, 1), "the year is -1: it must be 1 to 9999");
  EXPECT_EQ(description(1990, 1, -4), "the day is -4: it must be 1 to 31");
}

TEST_F(PopulationConnectorTest, MalformedIdMessagesNameThePart) {
  const auto description = [&](const std::string& id) {
    pb::GetCitizenRequest req;
    req.set_personal_id(id);
    auto result = Call(H("GetCitizen"), req);
    EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument) << id;
    return ViolationDescription(result.status);
  };
  EXPECT_EQ(description(""), "is empty: a personal identification number is 12 digits");
  EXPECT_EQ(description("07920300123"), "has 11 digits: it must have exactly 12");
  EXPECT_EQ(description("0792030012AB"),
            "character 11 is not a digit: a personal identification number is 12 digits 0-9");
  EXPECT_EQ(description("098203001234"),
            "the first three digits (the birth-registration province) are 098, which is not one "
            "of the 63 province codes (001 to 096, with gaps: e.g. 001 Hà Nội, 079 Hồ Chí Minh)");
  EXPECT_EQ(description("079230001234"),
            "digits 4 to 6 (century and sex 2, year 30) give the birth year 2030, which is after "
            "2025");
}

TEST_F(PopulationConnectorTest, HostileValuesAreAnsweredNotCrashedOn) {
  const std::string huge(1 << 20, '7');
  const std::string not_utf8("\xff\xfe\xc3\x28\xe2\x82", 6);
  for (const std::string& bad : {huge, not_utf8, std::string("\0\0\0", 3), std::string(12, '-')}) {
    pb::GetCitizenRequest get;
    get.set_personal_id(bad);
    EXPECT_EQ(Call(H("GetCitizen"), get).status.code(), absl::StatusCode::kInvalidArgument);
    pb::GetHouseholdRequest household;
    household.set_household_id("H" + bad);
    auto result = Call(H("GetHousehold"), household);
    EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_LT(ViolationDescription(result.status).size(), 300u);  // the input is never echoed
  }
  pb::VerifyCitizenRequest verify;
  verify.set_personal_id(SampleId());
  verify.set_full_name(not_utf8 + huge);
  auto result = Call(H("VerifyCitizen"), verify);
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_EQ(static_cast<const pb::VerifyCitizenResponse&>(*result.responses[0]).full_name(),
            common::v1::MATCH_RESULT_MISMATCH);
  verify.mutable_date_of_birth()->set_year(std::numeric_limits<std::int32_t>::max());
  verify.mutable_date_of_birth()->set_month(std::numeric_limits<std::int32_t>::min());
  EXPECT_EQ(ViolationField(Call(H("VerifyCitizen"), verify).status), "date_of_birth");
}

TEST_F(PopulationConnectorTest, GetHousehold) {
  const Citizen& citizen = FamilyCitizen();
  const Household& household = store().households()[citizen.household];
  pb::GetHouseholdRequest req;
  req.set_household_id(store().HouseholdCode(household));
  auto result = Call(H("GetHousehold"), req);
  ASSERT_TRUE(result.status.ok()) << result.status;
  const auto& h = static_cast<const pb::GetHouseholdResponse&>(*result.responses[0]).household();
  EXPECT_EQ(h.household_id(), req.household_id());
  ASSERT_EQ(h.members_size(), household.size);
  EXPECT_EQ(h.members(0).relation(), pb::HOUSEHOLD_RELATION_HEAD);
  EXPECT_EQ(h.members(0).personal_id(), h.head_personal_id());

  for (const char* bad :
       {"H123", "26740000001", "H2674000000A", "h26740000001", "H99999000001", "H26740000000"}) {
    req.set_household_id(bad);
    result = Call(H("GetHousehold"), req);
    EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(ViolationField(result.status), "household_id") << bad;
  }
  const auto description = [&](const std::string& code) {
    req.set_household_id(code);
    return ViolationDescription(Call(H("GetHousehold"), req).status);
  };
  EXPECT_EQ(description(""),
            "is empty: it must be H, the five-digit commune code, then a six-digit sequence, e.g. "
            "H26740000123");
  EXPECT_EQ(description("h26740000001"),
            "must start with the capital letter H: it is H, the five-digit commune code, then a "
            "six-digit sequence, e.g. H26740000123");
  EXPECT_EQ(description("H123"),
            "has 3 digits after the H: it must have 11 (H, the five-digit commune code, then a "
            "six-digit sequence, e.g. H26740000123)");
  EXPECT_EQ(description("H2674000000A"),
            "character 12 is not a digit: after the H come 11 digits, the commune code then the "
            "sequence");
  EXPECT_EQ(description("H99999000001"),
            "characters 2 to 6 (the commune code) are 99999, which is not the code of a commune "
            "in force since 1 July 2025");
  EXPECT_EQ(description("H26740000000"),
            "the last six digits (the sequence in the commune) are 000000: the sequence must be "
            "000001 to 999999");
  // The code of a commune merged on 1 July 2025 says which commune it is now part of.
  for (const OldCommune& old : AdminUnits::Get().old_communes()) {
    if (AdminUnits::Get().FindCommune(old.code) >= 0) continue;
    const std::string text = description("H" + std::string(old.code_text) + "000001");
    EXPECT_NE(text.find(std::string(old.name) + " until 30 June 2025: it is now part of "),
              std::string::npos)
        << text;
    break;
  }
  req.set_household_id("H26740999999");
  result = Call(H("GetHousehold"), req);
  EXPECT_EQ(result.status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(result.status), "HOUSEHOLD_NOT_FOUND");
}

TEST_F(PopulationConnectorTest, BatchVerifyAnswersEachItemInOrder) {
  const Citizen& citizen = SampleCitizen();
  pb::BatchVerifyCitizensRequest ok, malformed, unknown;
  ok.set_correlation_id("a");
  ok.mutable_verification()->set_personal_id(FormatPersonalId(citizen.id));
  ok.mutable_verification()->set_full_name(store().FullName(citizen));
  malformed.set_correlation_id("b");
  malformed.mutable_verification()->set_personal_id("12");
  malformed.mutable_verification()->set_full_name("Nguyễn Văn A");
  unknown.set_correlation_id("c");
  unknown.mutable_verification()->set_personal_id("001000123456");
  unknown.mutable_verification()->set_full_name("Nguyễn Văn A");
  pb::BatchVerifyCitizensRequest empty = ok;  // nothing to compare: malformed (decision 0150)
  empty.set_correlation_id("d");
  empty.mutable_verification()->clear_full_name();
  auto result = Call(H("BatchVerifyCitizens"), {&ok, &malformed, &unknown, &ok, &empty});
  ASSERT_TRUE(result.status.ok()) << result.status;
  ASSERT_EQ(result.responses.size(), 5u);
  const auto& r = [&](int i) -> const pb::BatchVerifyCitizensResponse& {
    return static_cast<const pb::BatchVerifyCitizensResponse&>(
        *result.responses[static_cast<std::size_t>(i)]);
  };
  EXPECT_EQ(r(0).correlation_id(), "a");
  EXPECT_EQ(r(0).status().code(), 0);
  EXPECT_TRUE(r(0).result().matched());
  EXPECT_EQ(r(1).correlation_id(), "b");
  EXPECT_EQ(r(1).status().code(), static_cast<int>(absl::StatusCode::kInvalidArgument));
  EXPECT_FALSE(r(1).has_result());
  google::rpc::BadRequest bad_request;
  bool found = false;
  for (const auto& any : r(1).status().details()) {
    if (any.UnpackTo(&bad_request)) found = true;
  }
  ASSERT_TRUE(found);
  EXPECT_EQ(bad_request.field_violations(0).field(), "verification.personal_id");
  EXPECT_EQ(r(2).status().code(), static_cast<int>(absl::StatusCode::kNotFound));
  EXPECT_EQ(r(3).correlation_id(), "a");
  EXPECT_EQ(r(4).correlation_id(), "d");
  EXPECT_EQ(r(4).status().code(), static_cast<int>(absl::StatusCode::kInvalidArgument));
  EXPECT_FALSE(r(4).has_result());
  found = false;
  for (const auto& any : r(4).status().details()) {
    if (any.UnpackTo(&bad_request)) found = true;
  }
  ASSERT_TRUE(found);
  EXPECT_EQ(bad_request.field_violations(0).field(), "verification.full_name");
  EXPECT_EQ(bad_request.field_violations(0).description(),
            "nothing to compare: at least one of full_name and date_of_birth must be given");
}

TEST_F(PopulationConnectorTest, ReconcileSummarises) {
  const Citizen& citizen = SampleCitizen();
  pb::ReconcileCitizensRequest match, mismatch, malformed, unknown, empty;
  match.mutable_verification()->set_personal_id(FormatPersonalId(citizen.id));
  match.mutable_verification()->set_full_name(store().FullName(citizen));
  mismatch = match;
  mismatch.mutable_verification()->set_full_name("Tên Khác");
  malformed.mutable_verification()->set_personal_id("abc");
  unknown.mutable_verification()->set_personal_id("001000123456");
  unknown.mutable_verification()->set_full_name("Nguyễn Văn A");
  // Nothing to compare: malformed (decision 0150).
  empty.mutable_verification()->set_personal_id(FormatPersonalId(citizen.id));
  auto result =
      Call(H("ReconcileCitizens"), {&match, &mismatch, &malformed, &unknown, &match, &empty});
  ASSERT_TRUE(result.status.ok()) << result.status;
  ASSERT_EQ(result.responses.size(), 1u);
  const auto& s = static_cast<const pb::ReconcileCitizensResponse&>(*result.responses[0]);
  EXPECT_EQ(s.total_count(), 6);
  EXPECT_EQ(s.matched_count(), 2);
  EXPECT_EQ(s.mismatched_count(), 1);
  EXPECT_EQ(s.invalid_count(), 2);
  EXPECT_EQ(s.not_found_count(), 1);
  EXPECT_EQ(std::vector<std::int64_t>(s.unmatched_indexes().begin(), s.unmatched_indexes().end()),
            (std::vector<std::int64_t>{1, 2, 3, 5}));
}

TEST_F(PopulationConnectorTest, ReconcileListsAtMostAHundredIndexes) {
  pb::ReconcileCitizensRequest malformed;
  malformed.mutable_verification()->set_personal_id("x");
  std::vector<const google::protobuf::Message*> requests(250, &malformed);
  auto result = Call(H("ReconcileCitizens"), requests);
  const auto& s = static_cast<const pb::ReconcileCitizensResponse&>(*result.responses[0]);
  EXPECT_EQ(s.invalid_count(), 250);
  EXPECT_EQ(s.unmatched_indexes_size(), 100);
}

TEST_F(PopulationConnectorTest, ExamplesParseAndSampleIdsExist) {
  const auto examples = connector_->Examples();
  ASSERT_EQ(examples.size(), handlers_->size());
  for (const auto& e : examples) {
    const auto* h = FindHandler(*handlers_, e.method);
    ASSERT_NE(h, nullptr) << e.method;
    for (const std::string* text : {&e.valid_request, &e.malformed_request, &e.unknown_request}) {
      if (!text->empty()) {
        EXPECT_NE(testing::ParseRequest(*h, *text), nullptr) << *text;
      }
    }
  }
  for (const std::string& id : connector_->PrimarySampleIds(5)) {
    EXPECT_TRUE(IsValidPersonalId(id));
    EXPECT_NE(store().FindCitizen(std::stoull(id)), nullptr);
  }
}

}  // namespace
}  // namespace ndxp::connectors::population
