#pragma once
// How `ndxpctl usage report` and `ndxpctl usage indicators` print what they found: an aligned
// table for people, CSV (RFC 4180, one header line) or JSON for other tools. In the table, none
// ("") reads "(none)", "(anonymous)" or "(no route)"; CSV and JSON keep "".

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/metering/ledger/usage_report.h"

namespace ndxp::ctl {

enum class UsageFormat { kTable, kCsv, kJson };

// A client's monthly quota (clients[].limits.quota_monthly, or one of its connectors') and the
// calls served against it in one calendar month.
struct QuotaUse {
  std::string client;
  std::string connector;  // "" = all connectors
  std::string month;      // YYYY-MM
  std::uint64_t used = 0;
  std::uint64_t quota = 0;
};

struct UsageReportOutput {
  std::string from, to;  // YYYY-MM-DD
  std::string by;        // client, connector, province, procedure
  std::string time_zone;
  std::vector<metering::ledger::ReportRow> rows;
  std::vector<QuotaUse> quota_use;
};

struct IndicatorsOutput {
  std::string month;  // YYYY-MM
  std::string time_zone;
  std::vector<metering::ledger::ProvinceIndicators> provinces;
};

std::string FormatReport(const UsageReportOutput& report, UsageFormat format);
std::string FormatIndicators(const IndicatorsOutput& indicators, UsageFormat format);

}  // namespace ndxp::ctl
