#include "gateway/ctl/usage_format.h"

#include <algorithm>
#include <cstdio>

#include "gateway/core/strings.h"
#include "gateway/stages/access_log/access_log_line.h"

namespace ndxp::ctl {
namespace {

using core::Cat;
using metering::ledger::ProvinceIndicators;
using metering::ledger::ReportRow;

// A share (0..1) with `decimals` digits, or "" when there is nothing to divide by.
std::string Ratio(std::uint64_t part, std::uint64_t whole, int decimals) {
  if (whole == 0) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

std::string Percent(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

std::string Csv(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string Json(std::string_view value) {
  std::string out;
  stages::AppendJsonString(out, value);
  return out;
}

std::string Shown(std::string_view value, std::string_view none) {
  return value.empty() ? std::string(none) : std::string(value);
}

std::string_view NoneLabel(std::string_view by) {
  if (by == "client") return "(anonymous)";
  if (by == "connector") return "(no route)";
  return "(none)";
}

// Columns padded to their widest cell; the last column is not padded.
std::string Table(const std::vector<std::vector<std::string>>& cells) {
  std::vector<std::size_t> width;
  for (const auto& row : cells) {
    width.resize(std::max(width.size(), row.size()), 0);
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  std::string out;
  for (const auto& row : cells) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line.append(width[i] - row[i].size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string TopMethods(const ReportRow& row, std::string_view inner, std::string_view between) {
  std::string out;
  for (const auto& [method, calls] : row.top_methods) {
    core::Append(out, out.empty() ? "" : between, method, inner, calls);
  }
  return out;
}

std::string ReportTable(const UsageReportOutput& r) {
  std::string upper = r.by;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](char c) { return c - 'a' + 'A'; });
  std::string out = Cat("Usage from ", r.from, " to ", r.to, " by ", r.by,
                        r.time_zone.empty() ? "" : Cat(" (days in ", r.time_zone, ")"), "\n\n");
  if (r.rows.empty()) {
    out += "No calls recorded in these days.\n";
  } else {
    std::vector<std::vector<std::string>> cells;
    if (r.by == "connector") {
      cells.push_back({"CONNECTOR", "CALLS", "SERVED", "ERRORS", "ERROR RATE", "TOP METHODS"});
    } else {
      cells.push_back({upper, "CONNECTOR", "CALLS", "SERVED", "ERRORS", "ERROR RATE", "TOP METHODS"});
    }
    for (const ReportRow& row : r.rows) {
      std::vector<std::string> line;
      if (r.by != "connector") line.push_back(Shown(row.key, NoneLabel(r.by)));
      line.push_back(Shown(row.connector, "(no route)"));
      line.push_back(Cat(row.calls));
      line.push_back(Cat(row.served));
      line.push_back(Cat(row.errors));
      line.push_back(Percent(row.errors, row.calls));
      line.push_back(TopMethods(row, " ", ", "));
      cells.push_back(std::move(line));
    }
    out += Table(cells);
  }
  if (!r.quota_use.empty()) {
    out += "\nQuota use (calls served in the calendar month / quota_monthly):\n";
    std::vector<std::vector<std::string>> cells;
    cells.push_back({"CLIENT", "CONNECTOR", "MONTH", "USED", "QUOTA", "USE"});
    for (const QuotaUse& q : r.quota_use) {
      cells.push_back({q.client, Shown(q.connector, "(all)"), q.month, Cat(q.used), Cat(q.quota),
                       Percent(q.used, q.quota)});
    }
    out += Table(cells);
  }
  return out;
}

std::string ReportCsv(const UsageReportOutput& r) {
  std::string out = Cat(r.by == "connector" ? "" : Cat(r.by, ","),
                        "connector,calls,served,errors,error_rate,top_methods\n");
  for (const ReportRow& row : r.rows) {
    if (r.by != "connector") core::Append(out, Csv(row.key), ",");
    core::Append(out, Csv(row.connector), ",", row.calls, ",", row.served, ",", row.errors, ",",
                 Ratio(row.errors, row.calls, 4), ",", Csv(TopMethods(row, "=", ";")), "\n");
  }
  if (!r.quota_use.empty()) {
    out += "\nclient,connector,month,used,quota,use\n";
    for (const QuotaUse& q : r.quota_use) {
      core::Append(out, Csv(q.client), ",", Csv(q.connector), ",", q.month, ",", q.used, ",",
                   q.quota, ",", Ratio(q.used, q.quota, 4), "\n");
    }
  }
  return out;
}

std::string JsonRatio(std::uint64_t part, std::uint64_t whole) {
  std::string ratio = Ratio(part, whole, 6);
  return ratio.empty() ? "null" : ratio;
}

std::string ReportJson(const UsageReportOutput& r) {
  std::string out = Cat("{\"from\":", Json(r.from), ",\"to\":", Json(r.to), ",\"by\":", Json(r.by),
                        ",\"time_zone\":", Json(r.time_zone), ",\"rows\":[");
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const ReportRow& row = r.rows[i];
    core::Append(out, i == 0 ? "" : ",", "{");
    if (r.by != "connector") core::Append(out, Json(r.by), ":", Json(row.key), ",");
    core::Append(out, "\"connector\":", Json(row.connector), ",\"calls\":", row.calls,
                 ",\"served\":", row.served, ",\"errors\":", row.errors,
                 ",\"error_rate\":", JsonRatio(row.errors, row.calls), ",\"top_methods\":[");
    for (std::size_t m = 0; m < row.top_methods.size(); ++m) {
      core::Append(out, m == 0 ? "" : ",", "{\"method\":", Json(row.top_methods[m].first),
                   ",\"calls\":", row.top_methods[m].second, "}");
    }
    out += "]}";
  }
  out += "],\"quota_use\":[";
  for (std::size_t i = 0; i < r.quota_use.size(); ++i) {
    const QuotaUse& q = r.quota_use[i];
    core::Append(out, i == 0 ? "" : ",", "{\"client\":", Json(q.client), ",\"connector\":",
                 Json(q.connector), ",\"month\":", Json(q.month), ",\"used\":", q.used,
                 ",\"quota\":", q.quota, ",\"use\":", JsonRatio(q.used, q.quota), "}");
  }
  out += "]}\n";
  return out;
}

std::string IndicatorsTable(const IndicatorsOutput& in) {
  std::string out = Cat("E-government indicators for ", in.month,
                        in.time_zone.empty() ? "" : Cat(" (days in ", in.time_zone, ")"), "\n\n");
  if (in.provinces.empty()) return out + "No province's calls recorded in this month.\n";
  std::vector<std::vector<std::string>> cells;
  cells.push_back({"PROVINCE", "DOSSIERS", "FROM POPULATION", "SHARE", "PROCEDURES",
                   "USING BUSINESS", "SHARE"});
  for (const ProvinceIndicators& p : in.provinces) {
    cells.push_back({p.province, Cat(p.dossiers_seen), Cat(p.dossiers_population),
                     Percent(p.dossiers_population, p.dossiers_seen), Cat(p.procedures_seen),
                     Cat(p.procedures_business), Percent(p.procedures_business, p.procedures_seen)});
  }
  return out + Table(cells) +
         "\nDOSSIERS: distinct x-ndxp-dossier-id on the province's calls; FROM POPULATION: those "
         "with a call to the population\ndatabase served OK. PROCEDURES: distinct x-ndxp-procedure "
         "on the province's calls; USING BUSINESS: those with a\ncall to the business registry "
         "served OK. See docs/metering.md, \"Indicators\".\n";
}

std::string IndicatorsCsv(const IndicatorsOutput& in) {
  std::string out =
      "province,dossiers,dossiers_from_population,dossiers_from_population_share,procedures,"
      "procedures_using_business,procedures_using_business_share\n";
  for (const ProvinceIndicators& p : in.provinces) {
    core::Append(out, p.province, ",", p.dossiers_seen, ",", p.dossiers_population, ",",
                 Ratio(p.dossiers_population, p.dossiers_seen, 4), ",", p.procedures_seen, ",",
                 p.procedures_business, ",", Ratio(p.procedures_business, p.procedures_seen, 4),
                 "\n");
  }
  return out;
}

std::string IndicatorsJson(const IndicatorsOutput& in) {
  std::string out = Cat("{\"month\":", Json(in.month), ",\"time_zone\":", Json(in.time_zone),
                        ",\"provinces\":[");
  for (std::size_t i = 0; i < in.provinces.size(); ++i) {
    const ProvinceIndicators& p = in.provinces[i];
    core::Append(out, i == 0 ? "" : ",", "{\"province\":", Json(p.province),
                 ",\"dossiers\":", p.dossiers_seen,
                 ",\"dossiers_from_population\":", p.dossiers_population,
                 ",\"dossiers_from_population_share\":",
                 JsonRatio(p.dossiers_population, p.dossiers_seen),
                 ",\"procedures\":", p.procedures_seen,
                 ",\"procedures_using_business\":", p.procedures_business,
                 ",\"procedures_using_business_share\":",
                 JsonRatio(p.procedures_business, p.procedures_seen), "}");
  }
  out += "]}\n";
  return out;
}

}  // namespace

std::string FormatReport(const UsageReportOutput& report, UsageFormat format) {
  switch (format) {
    case UsageFormat::kCsv: return ReportCsv(report);
    case UsageFormat::kJson: return ReportJson(report);
    case UsageFormat::kTable: break;
  }
  return ReportTable(report);
}

std::string FormatIndicators(const IndicatorsOutput& indicators, UsageFormat format) {
  switch (format) {
    case UsageFormat::kCsv: return IndicatorsCsv(indicators);
    case UsageFormat::kJson: return IndicatorsJson(indicators);
    case UsageFormat::kTable: break;
  }
  return IndicatorsTable(indicators);
}

}  // namespace ndxp::ctl
