// ndxpctl's output of the usage report and the indicators (gateway/ctl/usage_format.cc).
#include "gateway/ctl/usage_format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ndxp::ctl {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

UsageReportOutput Report(std::string by) {
  UsageReportOutput r;
  r.from = "2026-11-01";
  r.to = "2026-11-30";
  r.by = std::move(by);
  r.time_zone = "Asia/Ho_Chi_Minh";
  r.rows.push_back({.key = "79", .connector = "population", .calls = 200, .served = 190,
                    .errors = 10, .top_methods = {{"P/GetCitizen", 150}, {"P/Verify", 50}}});
  r.rows.push_back({.key = "", .connector = "", .calls = 4, .served = 0, .errors = 4});
  r.quota_use.push_back({.client = "VN:PROV:79:ONESTOP", .connector = "", .month = "2026-11",
                         .used = 190, .quota = 1000});
  return r;
}

TEST(UsageFormatTest, ReportTable) {
  const std::string table = FormatReport(Report("province"), UsageFormat::kTable);
  EXPECT_THAT(table, HasSubstr("Usage from 2026-11-01 to 2026-11-30 by province (days in Asia/Ho_Chi_Minh)"));
  EXPECT_THAT(table, HasSubstr("PROVINCE  CONNECTOR   CALLS  SERVED  ERRORS  ERROR RATE  TOP METHODS"));
  EXPECT_THAT(table, HasSubstr("79        population  200    190     10      5.0%        P/GetCitizen 150, P/Verify 50"));
  EXPECT_THAT(table, HasSubstr("(none)    (no route)  4      0       4       100.0%"));
  EXPECT_THAT(table, HasSubstr("VN:PROV:79:ONESTOP  (all)      2026-11  190   1000   19.0%"));
}

TEST(UsageFormatTest, ReportTableNamesAnonymousClients) {
  EXPECT_THAT(FormatReport(Report("client"), UsageFormat::kTable), HasSubstr("(anonymous)"));
  UsageReportOutput empty = Report("client");
  empty.rows.clear();
  empty.quota_use.clear();
  EXPECT_THAT(FormatReport(empty, UsageFormat::kTable), HasSubstr("No calls recorded"));
}

TEST(UsageFormatTest, ReportCsv) {
  const std::string csv = FormatReport(Report("province"), UsageFormat::kCsv);
  EXPECT_THAT(csv, HasSubstr("province,connector,calls,served,errors,error_rate,top_methods\n"
                             "79,population,200,190,10,0.0500,P/GetCitizen=150;P/Verify=50\n"
                             ",,4,0,4,1.0000,\n"));
  EXPECT_THAT(csv, HasSubstr("\nclient,connector,month,used,quota,use\n"
                             "VN:PROV:79:ONESTOP,,2026-11,190,1000,0.1900\n"));
  const std::string by_connector = FormatReport(Report("connector"), UsageFormat::kCsv);
  EXPECT_THAT(by_connector, HasSubstr("connector,calls,served,errors,error_rate,top_methods\n"
                                      "population,200,"));
}

TEST(UsageFormatTest, CsvQuotesFieldsThatNeedIt) {
  UsageReportOutput r = Report("procedure");
  r.rows[0].key = "a,\"b\"";
  r.quota_use.clear();
  EXPECT_THAT(FormatReport(r, UsageFormat::kCsv), HasSubstr("\n\"a,\"\"b\"\"\",population,"));
}

TEST(UsageFormatTest, ReportJson) {
  const std::string json = FormatReport(Report("province"), UsageFormat::kJson);
  EXPECT_EQ(json,
            "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"by\":\"province\","
            "\"time_zone\":\"Asia/Ho_Chi_Minh\",\"rows\":["
            "{\"province\":\"79\",\"connector\":\"population\",\"calls\":200,\"served\":190,"
            "\"errors\":10,\"error_rate\":0.050000,\"top_methods\":[{\"method\":\"P/GetCitizen\","
            "\"calls\":150},{\"method\":\"P/Verify\",\"calls\":50}]},"
            "{\"province\":\"\",\"connector\":\"\",\"calls\":4,\"served\":0,\"errors\":4,"
            "\"error_rate\":1.000000,\"top_methods\":[]}],"
            "\"quota_use\":[{\"client\":\"VN:PROV:79:ONESTOP\",\"connector\":\"\","
            "\"month\":\"2026-11\",\"used\":190,\"quota\":1000,\"use\":0.190000}]}\n");
}

IndicatorsOutput Indicators() {
  IndicatorsOutput in;
  in.month = "2026-11";
  in.time_zone = "UTC";
  in.provinces.push_back({.province = "79", .dossiers_seen = 4, .dossiers_population = 3,
                          .procedures_seen = 0, .procedures_business = 0});
  return in;
}

TEST(UsageFormatTest, IndicatorsTable) {
  const std::string table = FormatIndicators(Indicators(), UsageFormat::kTable);
  EXPECT_THAT(table, HasSubstr("E-government indicators for 2026-11 (days in UTC)"));
  EXPECT_THAT(table, HasSubstr("PROVINCE  DOSSIERS  FROM POPULATION  SHARE  PROCEDURES  USING BUSINESS  SHARE"));
  EXPECT_THAT(table, HasSubstr("79        4         3                75.0%  0           0               -"));
  IndicatorsOutput none = Indicators();
  none.provinces.clear();
  EXPECT_THAT(FormatIndicators(none, UsageFormat::kTable), HasSubstr("No province's calls"));
}

TEST(UsageFormatTest, IndicatorsCsvAndJson) {
  EXPECT_EQ(FormatIndicators(Indicators(), UsageFormat::kCsv),
            "province,dossiers,dossiers_from_population,dossiers_from_population_share,procedures,"
            "procedures_using_business,procedures_using_business_share\n"
            "79,4,3,0.7500,0,0,\n");
  const std::string json = FormatIndicators(Indicators(), UsageFormat::kJson);
  EXPECT_THAT(json, HasSubstr("\"dossiers_from_population_share\":0.750000"));
  EXPECT_THAT(json, HasSubstr("\"procedures_using_business_share\":null"));
  EXPECT_THAT(json, Not(HasSubstr("nan")));
}

}  // namespace
}  // namespace ndxp::ctl
