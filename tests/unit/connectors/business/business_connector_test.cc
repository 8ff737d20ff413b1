#include "connectors/business/business_connector.h"

#include <gtest/gtest.h>

#include <limits>
#include <set>

#include "connectors/business/enterprise_view.h"
#include "gateway/core/route_table.h"
#include "connectors/common/admin_units.h"
#include "connectors/common/enterprise_code.h"
#include "connectors/common/personal_id.h"
#include "ndxp/business/v1/business.pb.h"
#include "tests/unit/connectors/connector_calls.h"
#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors::business {
namespace {

namespace pb = ::ndxp::business::v1;
using testing::Call;
using testing::ErrorReason;
using testing::FindHandler;
using testing::ViolationDescription;
using testing::ViolationField;

class BusinessConnectorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto citizens = population::CitizenStore::Generate(3, 8'000);
    ASSERT_TRUE(citizens.ok());
    auto store = EnterpriseStore::Generate(4, 5'000, *citizens);
    ASSERT_TRUE(store.ok()) << store.status();
    connector_ = new BusinessConnector(*store);
    handlers_ = new std::vector<core::MethodHandler>(connector_->Handlers());
  }
  static void TearDownTestSuite() {
    delete handlers_;
    delete connector_;
  }

  const core::MethodHandler& H(std::string_view method) { return *FindHandler(*handlers_, method); }
  const EnterpriseStore& store() { return *connector_->store(); }
  const Enterprise& WithUnits() {
    for (const Enterprise& e : store().enterprises()) {
      if (e.unit_count > 0) return e;
    }
    return store().enterprises()[0];
  }
  static std::string ProvinceCodeOf(const Enterprise& e) {
    const AdminUnits& units = AdminUnits::Get();
    return std::string(units.provinces()[units.communes()[e.commune].province].code_text);
  }
  template <typename T>
  static const T& As(const testing::CallResult& r, std::size_t i = 0) {
    return static_cast<const T&>(*r.responses.at(i));
  }
  // Every page of a ListEnterprises query, following next_page_token.
  std::vector<std::string> ListAll(pb::ListEnterprisesRequest req, int* pages = nullptr) {
    std::vector<std::string> codes;
    for (int page = 1;; ++page) {
      auto result = Call(H("ListEnterprises"), req);
      EXPECT_TRUE(result.status.ok()) << result.status;
      if (!result.status.ok()) return codes;
      const auto& resp = As<pb::ListEnterprisesResponse>(result);
      for (const auto& e : resp.enterprises()) codes.push_back(e.enterprise_code());
      if (resp.next_page_token().empty()) {
        if (pages != nullptr) *pages = page;
        return codes;
      }
      req.set_page_token(resp.next_page_token());
    }
  }

  static BusinessConnector* connector_;
  static std::vector<core::MethodHandler>* handlers_;
};
BusinessConnector* BusinessConnectorTest::connector_ = nullptr;
std::vector<core::MethodHandler>* BusinessConnectorTest::handlers_ = nullptr;

TEST_F(BusinessConnectorTest, PersonalDataFlags) {
  EXPECT_EQ(connector_->name(), "business");
  ASSERT_EQ(handlers_->size(), static_cast<std::size_t>(connector_->service().method_count()));
  // Which methods read personal data is said by the proto (ndxp.common.v1.reads_personal_data).
  EXPECT_TRUE(core::MethodReadsPersonalData(*H("GetEnterprise").method));
  EXPECT_TRUE(core::MethodReadsPersonalData(*H("VerifyEnterprise").method));
  EXPECT_TRUE(core::MethodReadsPersonalData(*H("ListEnterprises").method));
  EXPECT_TRUE(core::MethodReadsPersonalData(*H("StreamEnterprises").method));
  EXPECT_FALSE(core::MethodReadsPersonalData(*H("GetRegistrationDossierStatus").method));
  EXPECT_TRUE(H("StreamEnterprises").server_stream);
}

TEST_F(BusinessConnectorTest, GetEnterpriseAndItsUnits) {
  const Enterprise& e = WithUnits();
  ASSERT_GT(e.unit_count, 0);
  pb::GetEnterpriseRequest req;
  req.set_enterprise_code(FormatEnterpriseCode(e.code));
  auto result = Call(H("GetEnterprise"), req);
  ASSERT_TRUE(result.status.ok()) << result.status;
  const auto& enterprise = As<pb::GetEnterpriseResponse>(result).enterprise();
  EXPECT_EQ(enterprise.kind(), pb::UNIT_KIND_ENTERPRISE);
  EXPECT_EQ(enterprise.name(), CompanyNameText(e));
  EXPECT_TRUE(IsValidPersonalId(enterprise.legal_representative_personal_id()));
  EXPECT_EQ(enterprise.main_industry_code().size(), 4u);
  ASSERT_EQ(enterprise.dependent_unit_codes_size(), e.unit_count);

  const std::string unit_code = enterprise.dependent_unit_codes(0);
  std::string without_hyphen = unit_code;
  without_hyphen.erase(10, 1);
  for (const std::string& code : {unit_code, without_hyphen}) {
    req.set_enterprise_code(code);
    result = Call(H("GetEnterprise"), req);
    ASSERT_TRUE(result.status.ok()) << code << ": " << result.status;
    const auto& unit = As<pb::GetEnterpriseResponse>(result).enterprise();
    EXPECT_EQ(unit.enterprise_code(), unit_code);
    EXPECT_EQ(unit.parent_enterprise_code(), FormatEnterpriseCode(e.code));
    EXPECT_TRUE(unit.kind() == pb::UNIT_KIND_BRANCH ||
                unit.kind() == pb::UNIT_KIND_REPRESENTATIVE_OFFICE);
    EXPECT_NE(unit.name().find(CompanyNameText(e)), std::string::npos) << unit.name();
  }
}

TEST_F(BusinessConnectorTest, GetEnterpriseErrors) {
  pb::GetEnterpriseRequest req;
  for (const char* bad : {"", "0100109107", "01001091", "0100109106-000"}) {
    req.set_enterprise_code(bad);
    auto result = Call(H("GetEnterprise"), req);
    EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(ViolationField(result.status), "enterprise_code") << bad;
  }
  const auto description = [&](const std::string& code) {
    req.set_enterprise_code(code);
    return ViolationDescription(Call(H("GetEnterprise"), req).status);
  };
  EXPECT_EQ(description("0100109107"), "the check digit (digit 10) is 7, but digits 1 to 9 give 6");
  EXPECT_EQ(description("0100109106-000"),
            "the dependent-unit suffix (the last three digits) is 000: it must be 001 to 999");
  const std::string unknown = FormatEnterpriseCode(*MakeEnterpriseCode(99, 1'234'568));
  const Enterprise& e = WithUnits();
  for (const std::string& code : {unknown, FormatEnterpriseCode(e.code, 999)}) {
    req.set_enterprise_code(code);
    auto result = Call(H("GetEnterprise"), req);
    EXPECT_EQ(result.status.code(), absl::StatusCode::kNotFound) << code;
    EXPECT_EQ(ErrorReason(result.status), "ENTERPRISE_NOT_FOUND");
    EXPECT_NE(std::string(result.status.message()).find(code), std::string::npos);
  }
}

TEST_F(BusinessConnectorTest, VerifyEnterprise) {
  const Enterprise& e = store().enterprises()[77];
  const auto& rep = store().population().citizens()[e.representative];
  pb::VerifyEnterpriseRequest req;
  req.set_enterprise_code(FormatEnterpriseCode(e.code));
  req.set_name(CompanyNameText(e) + "  ");
  req.set_legal_representative_personal_id(FormatPersonalId(rep.id));
  ToProto(FromDays(e.registration_day), req.mutable_registration_date());
  auto result = Call(H("VerifyEnterprise"), req);
  ASSERT_TRUE(result.status.ok()) << result.status;
  const auto& ok = As<pb::VerifyEnterpriseResponse>(result);
  EXPECT_TRUE(ok.matched());
  EXPECT_EQ(ok.name(), common::v1::MATCH_RESULT_MATCH);
  EXPECT_EQ(ok.legal_representative_personal_id(), common::v1::MATCH_RESULT_MATCH);
  EXPECT_EQ(ok.registration_date(), common::v1::MATCH_RESULT_MATCH);
  EXPECT_EQ(ok.status(), e.status);

  req.set_name("Công ty TNHH Khác");
  req.clear_registration_date();
  result = Call(H("VerifyEnterprise"), req);
  const auto& mismatch = As<pb::VerifyEnterpriseResponse>(result);
  EXPECT_FALSE(mismatch.matched());
  EXPECT_EQ(mismatch.name(), common::v1::MATCH_RESULT_MISMATCH);
  EXPECT_EQ(mismatch.registration_date(), common::v1::MATCH_RESULT_UNSPECIFIED);

  req.set_legal_representative_personal_id("123");
  result = Call(H("VerifyEnterprise"), req);
  EXPECT_EQ(ViolationField(result.status), "legal_representative_personal_id");
  EXPECT_EQ(ViolationDescription(result.status), "has 3 digits: it must have exactly 12");

  req.clear_legal_representative_personal_id();
  req.mutable_registration_date()->set_year(FromDays(e.registration_day).year);
  result = Call(H("VerifyEnterprise"), req);
  EXPECT_EQ(ViolationField(result.status), "registration_date");
  EXPECT_EQ(ViolationDescription(result.status),
            "month and day are required (only the year was given)");
}

// Decision 0150: a verification with nothing to compare is malformed, not a match.
TEST_F(BusinessConnectorTest, VerifyEnterpriseNeedsAFieldToCompare) {
  const Enterprise& e = store().enterprises()[77];
  pb::VerifyEnterpriseRequest req;
  req.set_enterprise_code(FormatEnterpriseCode(e.code));
  auto result = Call(H("VerifyEnterprise"), req);
  EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ViolationField(result.status), "name");
  EXPECT_EQ(ViolationDescription(result.status),
            "nothing to compare: at least one of name, legal_representative_personal_id and "
            "registration_date must be given");
  req.set_name("   ");
  result = Call(H("VerifyEnterprise"), req);
  EXPECT_EQ(ViolationField(result.status), "name");
  // An unknown code with nothing to compare is malformed too: the request is checked first.
  req.set_enterprise_code(FormatEnterpriseCode(*MakeEnterpriseCode(99, 1'234'568)));
  EXPECT_EQ(Call(H("VerifyEnterprise"), req).status.code(), absl::StatusCode::kInvalidArgument);
  // One field is enough; the others are not compared (UNSPECIFIED) and do not count.
  req.set_enterprise_code(FormatEnterpriseCode(e.code));
  req.clear_name();
  ToProto(FromDays(e.registration_day), req.mutable_registration_date());
  result = Call(H("VerifyEnterprise"), req);
  ASSERT_TRUE(result.status.ok()) << result.status;
  const auto& r = As<pb::VerifyEnterpriseResponse>(result);
  EXPECT_EQ(r.name(), common::v1::MATCH_RESULT_UNSPECIFIED);
  EXPECT_EQ(r.legal_representative_personal_id(), common::v1::MATCH_RESULT_UNSPECIFIED);
  EXPECT_EQ(r.registration_date(), common::v1::MATCH_RESULT_MATCH);
  EXPECT_TRUE(r.matched());
}

TEST_F(BusinessConnectorTest, PagingReturnsEveryEnterpriseOfAProvinceOnce) {
  pb::ListEnterprisesRequest req;
  req.set_province_code("79");
  req.set_page_size(37);
  int pages = 0;
  const auto codes = ListAll(req, &pages);
  const auto expected =
      store().InProvince(static_cast<std::uint16_t>(AdminUnits::Get().FindProvince("79")));
  ASSERT_EQ(codes.size(), expected.size());
  EXPECT_GT(pages, 2);
  std::set<std::string> unique(codes.begin(), codes.end());
  EXPECT_EQ(unique.size(), codes.size());
  for (std::size_t i = 0; i < codes.size(); ++i) {
    EXPECT_EQ(codes[i], FormatEnterpriseCode(store().enterprises()[expected[i]].code));
  }
  auto first = Call(H("ListEnterprises"), req);
  EXPECT_EQ(As<pb::ListEnterprisesResponse>(first).total_size(), static_cast<int>(expected.size()));
}

TEST_F(BusinessConnectorTest, PagingWithRegisteredSince) {
  pb::ListEnterprisesRequest req;
  req.set_province_code("01");
  req.set_page_size(11);
  ToProto({2020, 1, 1}, req.mutable_registered_since());
  const auto codes = ListAll(req);
  std::size_t expected = 0;
  for (std::uint32_t i :
       store().InProvince(static_cast<std::uint16_t>(AdminUnits::Get().FindProvince("01")))) {
    expected += store().enterprises()[i].registration_day >= ToDays({2020, 1, 1});
  }
  EXPECT_EQ(codes.size(), expected);
  EXPECT_GT(expected, 0u);
}

TEST_F(BusinessConnectorTest, PageSizeDefaultsCapsAndRejectsNegatives) {
  pb::ListEnterprisesRequest req;
  req.set_province_code("79");
  auto result = Call(H("ListEnterprises"), req);
  ASSERT_TRUE(result.status.ok());
  const auto& first = As<pb::ListEnterprisesResponse>(result);
  ASSERT_GT(first.total_size(), 1000);  // the test data is large enough to check the cap
  EXPECT_EQ(first.enterprises_size(), 50);
  req.set_page_size(5000);
  result = Call(H("ListEnterprises"), req);
  EXPECT_EQ(As<pb::ListEnterprisesResponse>(result).enterprises_size(), 1000);
  req.set_page_size(-1);
  result = Call(H("ListEnterprises"), req);
  EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ViolationField(result.status), "page_size");
  EXPECT_EQ(ViolationDescription(result.status),
            "is -1: it must not be negative (0 means 50; values above 1000 are treated as 1000)");
  req.set_page_size(std::numeric_limits<std::int32_t>::min());
  EXPECT_EQ(Call(H("ListEnterprises"), req).status.code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(BusinessConnectorTest, PageTokensAreBoundToTheFilter) {
  pb::ListEnterprisesRequest req;
  req.set_province_code("79");
  req.set_page_size(10);
  auto result = Call(H("ListEnterprises"), req);
  const std::string token = As<pb::ListEnterprisesResponse>(result).next_page_token();
  ASSERT_FALSE(token.empty());

  pb::ListEnterprisesRequest other = req;
  other.set_page_token(token);
  other.set_province_code("01");
  pb::ListEnterprisesRequest since = req;
  since.set_page_token(token);
  ToProto({2020, 1, 1}, since.mutable_registered_since());
  pb::ListEnterprisesRequest garbage = req;
  garbage.set_page_token("not-a-token");
  for (const auto* bad : {&other, &since, &garbage}) {
    result = Call(H("ListEnterprises"), *bad);
    EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument) << bad->DebugString();
    EXPECT_EQ(ViolationField(result.status), "page_token");
  }
  pb::ListEnterprisesRequest resized = req;  // page_size may change between pages (AIP-132)
  resized.set_page_token(token);
  resized.set_page_size(3);
  EXPECT_TRUE(Call(H("ListEnterprises"), resized).status.ok());
}

TEST_F(BusinessConnectorTest, ProvinceMustBeInForce) {
  pb::ListEnterprisesRequest req;
  for (const char* bad : {"", "7", "02", "77", "99", "079"}) {
    req.set_province_code(bad);
    auto result = Call(H("ListEnterprises"), req);
    EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(ViolationField(result.status), "province_code");
  }
  const auto description = [&](const std::string& code) {
    req.set_province_code(code);
    return ViolationDescription(Call(H("ListEnterprises"), req).status);
  };
  EXPECT_EQ(description("7"),
            "has 1 digit: it must have two (a leading zero for codes below 10, e.g. 01 for Hà "
            "Nội)");
  EXPECT_EQ(description("77"),
            "77 was the code of Tỉnh Bà Rịa - Vũng Tàu until 30 June 2025: it is now part of "
            "Thành phố Hồ Chí Minh, code 79");
  EXPECT_EQ(description("99"),
            "99 is not a province code: it must be the two-digit code of one of the 34 provinces "
            "in force since 1 July 2025, e.g. 01 (Hà Nội) or 79 (Thành phố Hồ Chí Minh)");
  req.set_province_code("79");
  req.mutable_registered_since()->set_year(2020);
  req.mutable_registered_since()->set_month(4);
  req.mutable_registered_since()->set_day(31);
  auto bad_date = Call(H("ListEnterprises"), req);
  EXPECT_EQ(ViolationField(bad_date.status), "registered_since");
  EXPECT_EQ(ViolationDescription(bad_date.status), "the day is 31, but April 2020 has 30 days");
  req.clear_registered_since();
  // A valid province with no enterprise registered since the date: an empty list.
  req.set_province_code("04");
  ToProto({2025, 11, 30}, req.mutable_registered_since());
  auto result = Call(H("ListEnterprises"), req);
  ASSERT_TRUE(result.status.ok());
  EXPECT_EQ(As<pb::ListEnterprisesResponse>(result).enterprises_size(), 0);
  EXPECT_EQ(As<pb::ListEnterprisesResponse>(result).total_size(), 0);
  EXPECT_TRUE(As<pb::ListEnterprisesResponse>(result).next_page_token().empty());
}

TEST_F(BusinessConnectorTest, StreamYieldsTheSameEnterprisesAsPaging) {
  pb::StreamEnterprisesRequest req;
  req.set_province_code("48");
  ToProto({2015, 1, 1}, req.mutable_registered_since());
  auto result = Call(H("StreamEnterprises"), req);
  ASSERT_TRUE(result.status.ok()) << result.status;
  pb::ListEnterprisesRequest list;
  list.set_province_code("48");
  *list.mutable_registered_since() = req.registered_since();
  list.set_page_size(1000);
  const auto codes = ListAll(list);
  ASSERT_EQ(result.responses.size(), codes.size());
  for (std::size_t i = 0; i < codes.size(); ++i) {
    EXPECT_EQ(As<pb::StreamEnterprisesResponse>(result, i).enterprise().enterprise_code(),
              codes[i]);
  }
  req.set_province_code("00");
  result = Call(H("StreamEnterprises"), req);
  EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ViolationField(result.status), "province_code");
}

TEST_F(BusinessConnectorTest, RegistrationDossierStatus) {
  const Dossier& d = store().dossiers()[store().dossiers().size() / 3];
  pb::GetRegistrationDossierStatusRequest req;
  req.set_dossier_id(DossierId(d));
  auto result = Call(H("GetRegistrationDossierStatus"), req);
  ASSERT_TRUE(result.status.ok()) << result.status;
  const auto& dossier = As<pb::GetRegistrationDossierStatusResponse>(result).dossier();
  EXPECT_EQ(dossier.dossier_id(), req.dossier_id());
  EXPECT_FALSE(dossier.procedure_name().empty());
  EXPECT_EQ(dossier.state(), dossier.history(dossier.history_size() - 1).state());
  EXPECT_TRUE(dossier.has_due_date());

  for (const char* bad :
       {"", "DKKD-79-2025-12", "DKKD-79-2025-00012A", "dkkd-79-2025-000123", "DKKD-77-2025-000123",
        "DKKD-79-2031-000123", "DKKD-79-2025-000000", "DKKD_79_2025_000123"}) {
    req.set_dossier_id(bad);
    result = Call(H("GetRegistrationDossierStatus"), req);
    EXPECT_EQ(result.status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(ViolationField(result.status), "dossier_id") << bad;
  }
  const auto description = [&](const std::string& id) {
    req.set_dossier_id(id);
    return ViolationDescription(Call(H("GetRegistrationDossierStatus"), req).status);
  };
  // One message per part, naming it (the integrator's report: "year or serial?").
  EXPECT_EQ(description("DKKD-79-2025-000000"),
            "the serial (the last part) is 000000: it must be 000001 to 999999");
  EXPECT_EQ(description("DKKD-79-2031-000123"),
            "the year is 2031: it must be 2000 to 2025 (dossiers are numbered from 2000 to the "
            "data's snapshot year)");
  EXPECT_EQ(description("DKKD-79-1999-000123"),
            "the year is 1999: it must be 2000 to 2025 (dossiers are numbered from 2000 to the "
            "data's snapshot year)");
  EXPECT_EQ(description("DKKD-79-25-000123"),
            "the year part (YYYY) must be four digits, e.g. 2025; it has 2 digits");
  EXPECT_EQ(description("DKKD-79-2O25-000123"),  // a letter O
            "the year part (YYYY) must be four digits, e.g. 2025; its character 2 is not a digit");
  EXPECT_EQ(description("DKKD-79-2025-12"),
            "the serial (NNNNNN, the last part) must be six digits, e.g. 000123; it has 2 digits");
  EXPECT_EQ(description("DKKD-79-2025-00012A"),
            "the serial (NNNNNN, the last part) must be six digits, e.g. 000123; its character 6 "
            "is not a digit");
  EXPECT_EQ(description("DKKD-7-2025-000123"),
            "the province part (PP, after DKKD-) must be two digits, e.g. 79; it has 1 digit");
  EXPECT_EQ(description("DKKD-77-2025-000123"),
            "the province part is wrong: 77 was the code of Tỉnh Bà Rịa - Vũng Tàu until 30 June "
            "2025: it is now part of Thành phố Hồ Chí Minh, code 79");
  EXPECT_EQ(description("dkkd-79-2025-000123"),
            "must start with DKKD- (capitals): it is DKKD-PP-YYYY-NNNNNN, e.g. "
            "DKKD-79-2025-000123");
  EXPECT_EQ(description("DKKD-79-2025"),
            "has 2 parts after DKKD- where three are required, separated by hyphens: the province "
            "code, the year and the serial (DKKD-PP-YYYY-NNNNNN, e.g. DKKD-79-2025-000123)");
  EXPECT_EQ(description("DKKD-79-2025-000123-1"),
            "has more than three parts after DKKD-: it must be DKKD-PP-YYYY-NNNNNN, e.g. "
            "DKKD-79-2025-000123");
  EXPECT_EQ(description(""), "is empty: it must be DKKD-PP-YYYY-NNNNNN, e.g. DKKD-79-2025-000123");
  // Hostile values: huge, non-UTF-8, many hyphens.
  for (const std::string& hostile :
       {std::string(1 << 20, '-'), "DKKD-" + std::string(1 << 20, '9'),
        std::string("DKKD-79-2025-\xff\xfe\x80\x80\x80\x80"),
        std::string("DKKD-\0-2025-000123", 18)}) {
    req.set_dossier_id(hostile);
    EXPECT_EQ(Call(H("GetRegistrationDossierStatus"), req).status.code(),
              absl::StatusCode::kInvalidArgument);
  }
  req.set_dossier_id("DKKD-79-2025-999999");
  result = Call(H("GetRegistrationDossierStatus"), req);
  EXPECT_EQ(result.status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(result.status), "REGISTRATION_DOSSIER_NOT_FOUND");
}

TEST_F(BusinessConnectorTest, SampleIdsExist) {
  const auto ids = connector_->PrimarySampleIds(5);
  ASSERT_EQ(ids.size(), 5u);
  for (const auto& id : ids) {
    pb::GetEnterpriseRequest req;
    req.set_enterprise_code(id);
    EXPECT_TRUE(Call(H("GetEnterprise"), req).status.ok()) << id;
  }
}

}  // namespace
}  // namespace ndxp::connectors::business
