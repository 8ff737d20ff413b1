#include "connectors/catalog/catalog_connector.h"

#include <gtest/gtest.h>

#include <set>

#include "connectors/catalog/catalog_tables.h"
#include "connectors/common/admin_units.h"
#include "connectors/common/catalogs.h"
#include "gateway/core/route_table.h"
#include "ndxp/catalog/v1/catalog.pb.h"
#include "tests/unit/connectors/connector_calls.h"
#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors::catalog {
namespace {

namespace pb = ::ndxp::catalog::v1;
using testing::Call;
using testing::ErrorReason;
using testing::FindHandler;
using testing::ViolationField;

class CatalogConnectorTest : public ::testing::Test {
 protected:
  CatalogConnectorTest() : connector_(7), handlers_(connector_.Handlers()) {}

  template <typename Resp>
  absl::Status Run(std::string_view method, const google::protobuf::Message& request, Resp* out) {
    auto result = Call(*FindHandler(handlers_, method), request);
    if (result.status.ok()) out->CopyFrom(*result.responses.at(0));
    return result.status;
  }
  static void SetDate(google::type::Date* d, int y, int m, int day) {
    d->set_year(y);
    d->set_month(m);
    d->set_day(day);
  }
  static std::string Description(const absl::Status& status) {
    auto bad = testing::BadRequestOf(status);
    return bad && bad->field_violations_size() > 0 ? bad->field_violations(0).description() : "";
  }

  CatalogConnector connector_;
  std::vector<core::MethodHandler> handlers_;
};

TEST_F(CatalogConnectorTest, ServesEveryMethodUnaryAndNoPersonalData) {
  EXPECT_EQ(connector_.name(), "catalog");
  EXPECT_EQ(connector_.service().full_name(), "ndxp.catalog.v1.CatalogService");
  ASSERT_EQ(handlers_.size(), 4u);
  for (const auto& h : handlers_) {
    EXPECT_TRUE(h.unary) << h.method->name();
    EXPECT_FALSE(core::MethodReadsPersonalData(*h.method)) << h.method->name();
  }
}

TEST_F(CatalogConnectorTest, ListsCatalogsInPages) {
  pb::ListCatalogsRequest req;
  req.set_page_size(3);
  pb::ListCatalogsResponse page;
  std::vector<std::string> ids;
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(Run("ListCatalogs", req, &page).ok());
    EXPECT_EQ(page.total_size(), 8);
    for (const auto& c : page.catalogs()) ids.push_back(c.catalog_id());
    if (page.next_page_token().empty()) break;
    req.set_page_token(page.next_page_token());
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"agencies", "communes", "ethnic-groups",
                                           "identity-document-types", "legal-document-types",
                                           "nationalities", "provinces", "religions"}));
  req.set_page_size(-1);
  EXPECT_EQ(ViolationField(Run("ListCatalogs", req, &page)), "page_size");
  req.set_page_size(3);
  req.set_page_token("garbage");
  EXPECT_EQ(ViolationField(Run("ListCatalogs", req, &page)), "page_token");
}

TEST_F(CatalogConnectorTest, ACatalogOnADate) {
  pb::GetCatalogRequest req;
  req.set_catalog_id("ethnic-groups");
  req.set_page_size(1000);
  pb::GetCatalogResponse resp;
  ASSERT_TRUE(Run("GetCatalog", req, &resp).ok());
  EXPECT_EQ(resp.entries_size(), 54);
  EXPECT_EQ(resp.catalog().entry_count(), 54);
  EXPECT_EQ(resp.entries(0).name(), "Kinh");
  EXPECT_EQ(resp.as_of_date().year(), 2025);
  EXPECT_EQ(resp.as_of_date().month(), 12);
  // Agencies: the Ministry of Planning and Investment until 28 February 2025 only.
  req.set_catalog_id("agencies");
  SetDate(req.mutable_as_of_date(), 2025, 2, 28);
  ASSERT_TRUE(Run("GetCatalog", req, &resp).ok());
  std::set<std::string> before;
  for (const auto& e : resp.entries()) before.insert(e.code());
  EXPECT_TRUE(before.contains("BKHĐT"));
  EXPECT_FALSE(before.contains("BNNMT"));
  SetDate(req.mutable_as_of_date(), 2025, 3, 1);
  ASSERT_TRUE(Run("GetCatalog", req, &resp).ok());
  std::set<std::string> after;
  for (const auto& e : resp.entries()) after.insert(e.code());
  EXPECT_FALSE(after.contains("BKHĐT"));
  EXPECT_TRUE(after.contains("BNNMT"));
  EXPECT_EQ(static_cast<int>(after.size()), resp.catalog().entry_count());
}

TEST_F(CatalogConnectorTest, ProvincesAndCommunesBeforeAndAfterTheReorganisation) {
  pb::GetCatalogRequest req;
  req.set_catalog_id("provinces");
  pb::GetCatalogResponse resp;
  ASSERT_TRUE(Run("GetCatalog", req, &resp).ok());
  EXPECT_EQ(resp.entries_size(), 34);
  EXPECT_EQ(resp.entries(0).valid_from().year(), 2025);
  SetDate(req.mutable_as_of_date(), 2025, 6, 30);
  ASSERT_TRUE(Run("GetCatalog", req, &resp).ok());
  EXPECT_EQ(resp.entries_size(), 63);
  EXPECT_EQ(resp.entries(0).valid_to().day(), 30);
  // Communes before, paged: 10,047 entries in pages of 1,000 (the cap).
  req.set_catalog_id("communes");
  req.set_page_size(5000);
  int total = 0;
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(Run("GetCatalog", req, &resp).ok());
    EXPECT_LE(resp.entries_size(), 1000);
    total += resp.entries_size();
    for (const auto& e : resp.entries()) ASSERT_EQ(e.parent_code().size(), 2u);
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  EXPECT_EQ(total, 10047);
  // A token is bound to its catalog and date.
  ASSERT_TRUE(Run("GetCatalog", req, &resp).ok());
  req.clear_as_of_date();
  req.set_page_token(resp.next_page_token().empty() ? "x" : resp.next_page_token());
  EXPECT_EQ(ViolationField(Run("GetCatalog", req, &resp)), "page_token");
}

TEST_F(CatalogConnectorTest, CatalogErrors) {
  pb::GetCatalogRequest req;
  pb::GetCatalogResponse resp;
  EXPECT_EQ(ViolationField(Run("GetCatalog", req, &resp)), "catalog_id");
  req.set_catalog_id("Ethnic Groups");
  EXPECT_EQ(ViolationField(Run("GetCatalog", req, &resp)), "catalog_id");
  req.set_catalog_id(std::string(100'000, 'a'));
  EXPECT_EQ(ViolationField(Run("GetCatalog", req, &resp)), "catalog_id");
  req.set_catalog_id("no-such-catalog");
  const absl::Status absent = Run("GetCatalog", req, &resp);
  EXPECT_EQ(absent.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(absent), "CATALOG_NOT_FOUND");
  req.set_catalog_id("religions");
  SetDate(req.mutable_as_of_date(), 2025, 0, 0);
  EXPECT_EQ(Description(Run("GetCatalog", req, &resp)),
            "month and day are required (only the year was given)");
  SetDate(req.mutable_as_of_date(), 0, 3, 1);
  EXPECT_EQ(Description(Run("GetCatalog", req, &resp)),
            "the year is required (only the month and day were given)");
  SetDate(req.mutable_as_of_date(), 2025, 2, 30);
  EXPECT_EQ(Description(Run("GetCatalog", req, &resp)),
            "the day is 30, but February 2025 has 28 days");
  SetDate(req.mutable_as_of_date(), -5, 13, 40);
  EXPECT_EQ(ViolationField(Run("GetCatalog", req, &resp)), "as_of_date");
}

TEST_F(CatalogConnectorTest, AUnitByCodeOnADate) {
  pb::GetAdministrativeUnitRequest req;
  pb::GetAdministrativeUnitResponse resp;
  req.set_code("79");
  ASSERT_TRUE(Run("GetAdministrativeUnit", req, &resp).ok());
  EXPECT_EQ(resp.unit().name(), "Thành phố Hồ Chí Minh");
  EXPECT_EQ(resp.unit().level(), pb::UNIT_LEVEL_PROVINCE);
  ASSERT_EQ(resp.unit().predecessors_size(), 3);  // 74 Bình Dương, 77 Bà Rịa - Vũng Tàu, 79
  EXPECT_EQ(resp.unit().predecessors(0).code(), "74");
  // 26740 is Phường Sài Gòn today and was Phường Bến Nghé before.
  req.set_code("26740");
  ASSERT_TRUE(Run("GetAdministrativeUnit", req, &resp).ok());
  EXPECT_EQ(resp.unit().name(), "Phường Sài Gòn");
  EXPECT_EQ(resp.unit().province().code(), "79");
  EXPECT_GE(resp.unit().predecessors_size(), 2);
  bool partial = false;
  for (const auto& p : resp.unit().predecessors()) partial |= p.partial();
  EXPECT_TRUE(partial);  // Đa Kao went partly into it
  SetDate(req.mutable_as_of_date(), 2025, 6, 30);
  ASSERT_TRUE(Run("GetAdministrativeUnit", req, &resp).ok());
  EXPECT_EQ(resp.unit().name(), "Phường Bến Nghé");
  EXPECT_EQ(resp.unit().valid_to().month(), 6);
  ASSERT_EQ(resp.unit().successors_size(), 1);
  EXPECT_EQ(resp.unit().successors(0).code(), "26740");
  // Hà Giang (02) existed until 30 June 2025 only.
  req.set_code("02");
  ASSERT_TRUE(Run("GetAdministrativeUnit", req, &resp).ok());
  EXPECT_EQ(resp.unit().successors(0).code(), "08");
  req.clear_as_of_date();
  const absl::Status gone = Run("GetAdministrativeUnit", req, &resp);
  EXPECT_EQ(gone.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(gone), "ADMINISTRATIVE_UNIT_NOT_FOUND");
  for (const char* bad : {"", "7", "123", "2674", "267400", "7a", "２６"}) {
    req.set_code(bad);
    EXPECT_EQ(ViolationField(Run("GetAdministrativeUnit", req, &resp)), "code") << bad;
  }
  req.set_code("7");
  EXPECT_EQ(Description(Run("GetAdministrativeUnit", req, &resp)),
            "must be 2 digits (a province) or 5 digits (a commune), not 1 character");
}

TEST_F(CatalogConnectorTest, ResolvesOldCodesToTheUnitsInForce) {
  pb::ResolveAdministrativeUnitRequest req;
  pb::ResolveAdministrativeUnitResponse resp;
  req.set_code("77");
  ASSERT_TRUE(Run("ResolveAdministrativeUnit", req, &resp).ok());
  EXPECT_EQ(resp.former_unit().name(), "Tỉnh Bà Rịa - Vũng Tàu");
  EXPECT_EQ(resp.unit().code(), "79");
  EXPECT_FALSE(resp.code_kept());
  EXPECT_EQ(resp.unit().predecessors_size(), 3);
  req.set_code("26740");
  ASSERT_TRUE(Run("ResolveAdministrativeUnit", req, &resp).ok());
  EXPECT_EQ(resp.former_unit().name(), "Phường Bến Nghé");
  EXPECT_EQ(resp.unit().name(), "Phường Sài Gòn");
  EXPECT_TRUE(resp.code_kept());
  EXPECT_EQ(resp.other_units_size(), 0);
  req.set_code("26737");  // Đa Kao, split
  ASSERT_TRUE(Run("ResolveAdministrativeUnit", req, &resp).ok());
  EXPECT_EQ(resp.unit().code(), "26740");
  ASSERT_EQ(resp.other_units_size(), 1);
  EXPECT_EQ(resp.other_units(0).code(), "26737");
  EXPECT_TRUE(resp.other_units(0).partial());
  EXPECT_EQ(resp.former_unit().successors_size(), 2);
  req.set_code("99999");
  EXPECT_EQ(Run("ResolveAdministrativeUnit", req, &resp).code(), absl::StatusCode::kNotFound);
  req.set_code("2674A");
  EXPECT_EQ(Description(Run("ResolveAdministrativeUnit", req, &resp)),
            "character 5 is not a digit");
  // Every old commune resolves to a unit in force whose predecessors include it.
  for (const OldCommune& old : AdminUnits::Get().old_communes()) {
    req.set_code(std::string(old.code_text));
    ASSERT_TRUE(Run("ResolveAdministrativeUnit", req, &resp).ok()) << old.code_text;
    bool listed = false;
    for (const auto& p : resp.unit().predecessors()) listed |= p.code() == old.code_text;
    ASSERT_TRUE(listed) << old.code_text;
  }
}

TEST_F(CatalogConnectorTest, SamplesOfEveryKindAndDeterminism) {
  EXPECT_EQ(connector_.SampleIds("catalog_id", 3),
            (std::vector<std::string>{"communes", "legal-document-types", "provinces"}));
  const auto units = connector_.SampleIds("unit_code", 4);
  ASSERT_EQ(units.size(), 4u);
  EXPECT_EQ(units[0].size(), 2u);
  EXPECT_EQ(units[1].size(), 5u);
  EXPECT_EQ(connector_.SampleIds("old_unit_code", 200).size(), 200u - (100 - 63));
  EXPECT_EQ(CatalogConnector(8).SampleIds("unit_code", 4), units);
  EXPECT_TRUE(connector_.SampleIds("nope", 3).empty());
}

TEST_F(CatalogConnectorTest, PageTokensDependOnTheSeed) {
  pb::ListCatalogsRequest req;
  req.set_page_size(2);
  pb::ListCatalogsResponse first;
  ASSERT_TRUE(Run("ListCatalogs", req, &first).ok());
  CatalogConnector other(8);
  auto other_handlers = other.Handlers();
  req.set_page_token(first.next_page_token());
  auto result = Call(*FindHandler(other_handlers, "ListCatalogs"), req);
  EXPECT_EQ(ViolationField(result.status), "page_token");
}

}  // namespace
}  // namespace ndxp::connectors::catalog
