#include "gateway/metering/ledger/usage_report.h"

#include <gtest/gtest.h>

#include "gateway/metering/ledger/ledger_store.h"
#include "tests/unit/gateway/metering/ledger/ledger_test_support.h"

namespace ndxp::metering::ledger {
namespace {

using testing::TempDir;

// A hand-made ledger: rows written directly, as a gateway's flushes would.
class UsageReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = LedgerStore::Open(dir_.File("usage.db"), "Asia/Ho_Chi_Minh");
    ASSERT_TRUE(store.ok()) << store.status();
    Batch batch;
    auto add = [&](absl::CivilDay day, std::string client, std::string connector,
                   std::string method, absl::StatusCode code, std::string procedure,
                   std::uint64_t calls, std::uint64_t served) {
      batch.counts[CountKey{DayNumber(day), static_cast<int>(code), client, connector, method,
                            procedure}] = Counts{calls, served};
    };
    auto dossier = [&](absl::CivilMonth month, std::string client, std::string connector,
                       std::string id, std::uint64_t calls, std::uint64_t served_ok) {
      batch.dossiers[DossierKey{MonthNumber(month), client, connector, id}] =
          DossierCounts{calls, served_ok};
    };
    const absl::CivilDay nov1(2026, 11, 1), nov30(2026, 11, 30), dec1(2026, 12, 1);
    const auto ok = absl::StatusCode::kOk;
    const auto not_found = absl::StatusCode::kNotFound;
    add(nov1, "VN:PROV:79:ONESTOP", "population", "P/GetCitizen", ok, "1.001", 80, 80);
    add(nov1, "VN:PROV:79:ONESTOP", "population", "P/GetCitizen", not_found, "1.001", 20, 20);
    add(nov30, "VN:PROV:79:ONESTOP", "population", "P/VerifyCitizen", ok, "", 10, 10);
    add(nov30, "VN:PROV:79:ONESTOP", "business", "B/GetEnterprise", ok, "2.002", 5, 5);
    add(nov30, "VN:PROV:79:ONESTOP", "business", "B/GetEnterprise", ok, "1.001", 0, 0);
    add(nov30, "VN:PROV:01:DVC", "population", "P/GetCitizen", ok, "3.003", 7, 7);
    add(nov30, "VN:PROV:01:DVC", "business", "B/GetEnterprise",
        absl::StatusCode::kPermissionDenied, "4.004", 3, 0);
    add(nov30, "", "", "", absl::StatusCode::kUnauthenticated, "", 4, 0);
    add(dec1, "VN:PROV:79:ONESTOP", "population", "P/GetCitizen", ok, "1.001", 1000, 1000);
    const absl::CivilMonth nov(2026, 11), dec(2026, 12);
    dossier(nov, "VN:PROV:79:ONESTOP", "population", "HS-1", 3, 2);
    dossier(nov, "VN:PROV:79:ONESTOP", "population", "HS-2", 1, 0);  // never served OK
    dossier(nov, "VN:PROV:79:ONESTOP", "business", "HS-2", 1, 1);
    dossier(nov, "VN:PROV:79:ONESTOP", "business", "HS-3", 1, 1);
    dossier(nov, "VN:PROV:79:KHAC", "population", "HS-1", 1, 1);  // same id, same province
    dossier(nov, "VN:PROV:01:DVC", "population", "HS-1", 1, 1);   // same id, other province
    dossier(dec, "VN:PROV:79:ONESTOP", "population", "HS-9", 1, 1);
    ASSERT_TRUE((*store)->Write(batch).ok());
    auto db = Db::Open(dir_.File("usage.db"), Db::Mode::kReadOnly);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
  }

  const absl::CivilDay nov1_{2026, 11, 1};
  const absl::CivilDay nov30_{2026, 11, 30};
  TempDir dir_;
  std::unique_ptr<Db> db_;
};

TEST_F(UsageReportTest, ByProvinceAndConnector) {
  auto rows = QueryReport(*db_, nov1_, nov30_, ReportBy::kProvince);
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 5u);
  // Sorted by province ("" first), then connector.
  EXPECT_EQ((*rows)[0].key, "");
  EXPECT_EQ((*rows)[0].connector, "");
  EXPECT_EQ((*rows)[0].calls, 4u);
  EXPECT_EQ((*rows)[0].errors, 4u);
  EXPECT_TRUE((*rows)[0].top_methods.empty());
  EXPECT_EQ((*rows)[1].key, "01");
  EXPECT_EQ((*rows)[1].connector, "business");
  EXPECT_EQ((*rows)[1].errors, 3u);
  const ReportRow& hcm_population = (*rows)[4];
  EXPECT_EQ(hcm_population.key, "79");
  EXPECT_EQ(hcm_population.connector, "population");
  EXPECT_EQ(hcm_population.calls, 110u);  // December's calls are outside the range
  EXPECT_EQ(hcm_population.served, 110u);
  EXPECT_EQ(hcm_population.errors, 20u);
  ASSERT_EQ(hcm_population.top_methods.size(), 2u);
  EXPECT_EQ(hcm_population.top_methods[0].first, "P/GetCitizen");
  EXPECT_EQ(hcm_population.top_methods[0].second, 100u);
  EXPECT_EQ(hcm_population.top_methods[1].first, "P/VerifyCitizen");
}

TEST_F(UsageReportTest, ByClientConnectorAndProcedure) {
  auto by_client = QueryReport(*db_, nov1_, nov30_, ReportBy::kClient);
  ASSERT_TRUE(by_client.ok());
  ASSERT_EQ(by_client->size(), 5u);
  EXPECT_EQ((*by_client)[3].key, "VN:PROV:79:ONESTOP");
  EXPECT_EQ((*by_client)[3].connector, "business");

  auto by_connector = QueryReport(*db_, nov1_, nov30_, ReportBy::kConnector);
  ASSERT_TRUE(by_connector.ok());
  ASSERT_EQ(by_connector->size(), 3u);
  EXPECT_EQ((*by_connector)[1].key, "business");
  EXPECT_EQ((*by_connector)[1].calls, 8u);
  EXPECT_EQ((*by_connector)[2].calls, 117u);

  auto by_procedure = QueryReport(*db_, nov1_, nov30_, ReportBy::kProcedure);
  ASSERT_TRUE(by_procedure.ok());
  std::uint64_t procedure_1001 = 0;
  for (const ReportRow& row : *by_procedure) {
    if (row.key == "1.001") procedure_1001 += row.calls;
  }
  EXPECT_EQ(procedure_1001, 100u);

  auto december = QueryReport(*db_, absl::CivilDay(2026, 12, 1), absl::CivilDay(2026, 12, 31),
                              ReportBy::kClient);
  ASSERT_TRUE(december.ok());
  ASSERT_EQ(december->size(), 1u);
  EXPECT_EQ((*december)[0].calls, 1000u);
  auto empty = QueryReport(*db_, absl::CivilDay(2025, 1, 1), absl::CivilDay(2025, 1, 31),
                           ReportBy::kClient);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST_F(UsageReportTest, ServedForQuotas) {
  auto served = QueryServed(*db_, "VN:PROV:79:ONESTOP", "", nov1_, nov30_);
  ASSERT_TRUE(served.ok());
  EXPECT_EQ(*served, 115u);
  auto business = QueryServed(*db_, "VN:PROV:79:ONESTOP", "business", nov1_, nov30_);
  ASSERT_TRUE(business.ok());
  EXPECT_EQ(*business, 5u);
}

TEST_F(UsageReportTest, IndicatorsPerProvince) {
  auto all = QueryIndicators(*db_, absl::CivilMonth(2026, 11), "");
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 2u);
  const ProvinceIndicators& hanoi = (*all)[0];
  EXPECT_EQ(hanoi.province, "01");
  EXPECT_EQ(hanoi.dossiers_seen, 1u);
  EXPECT_EQ(hanoi.dossiers_population, 1u);
  EXPECT_EQ(hanoi.procedures_seen, 2u);      // 3.003 and 4.004
  EXPECT_EQ(hanoi.procedures_business, 0u);  // 4.004's business call was refused
  const ProvinceIndicators& hcm = (*all)[1];
  EXPECT_EQ(hcm.province, "79");
  EXPECT_EQ(hcm.dossiers_seen, 3u);        // HS-1 (two clients, counted once), HS-2, HS-3
  EXPECT_EQ(hcm.dossiers_population, 1u);  // HS-1; HS-2's population call was not served OK
  EXPECT_EQ(hcm.procedures_seen, 2u);      // 1.001, 2.002 ("" is no procedure)
  EXPECT_EQ(hcm.procedures_business, 1u);  // 2.002 (1.001's row has no served call)
}

TEST_F(UsageReportTest, IndicatorsOfOneProvinceZerosWhenItHasNone) {
  auto hcm = QueryIndicators(*db_, absl::CivilMonth(2026, 12), "79");
  ASSERT_TRUE(hcm.ok());
  ASSERT_EQ(hcm->size(), 1u);
  EXPECT_EQ((*hcm)[0].dossiers_seen, 1u);
  EXPECT_EQ((*hcm)[0].procedures_seen, 1u);
  auto none = QueryIndicators(*db_, absl::CivilMonth(2026, 11), "48");
  ASSERT_TRUE(none.ok());
  ASSERT_EQ(none->size(), 1u);
  EXPECT_EQ((*none)[0].province, "48");
  EXPECT_EQ((*none)[0].dossiers_seen, 0u);
  EXPECT_EQ((*none)[0].procedures_seen, 0u);
}

TEST_F(UsageReportTest, TimeZoneRecorded) { EXPECT_EQ(LedgerTimeZone(*db_), "Asia/Ho_Chi_Minh"); }

TEST(UsageReportOpenTest, AMissingDatabaseIsNotFoundNamingThePath) {
  auto db = Db::Open("/nonexistent/usage.db", Db::Mode::kReadOnly);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(std::string(db.status().message()).find("/nonexistent/usage.db"), std::string::npos);
}

}  // namespace
}  // namespace ndxp::metering::ledger
