#include "gateway/metering/ledger/usage_report.h"

#include <algorithm>
#include <map>

#include "gateway/core/strings.h"

namespace ndxp::metering::ledger {
namespace {

std::string_view Column(ReportBy by) {
  switch (by) {
    case ReportBy::kClient: return "client";
    case ReportBy::kConnector: return "connector";
    case ReportBy::kProvince: return "province";
    case ReportBy::kProcedure: return "procedure";
  }
  return "client";
}

std::string Day(absl::CivilDay day) { return absl::FormatCivilTime(day); }

}  // namespace

absl::StatusOr<std::vector<ReportRow>> QueryReport(Db& db, absl::CivilDay from, absl::CivilDay to,
                                                   ReportBy by) {
  const std::string_view column = Column(by);
  auto totals = db.Prepare(core::Cat(
      "SELECT ", column, ", connector, SUM(calls), SUM(served), "
      "SUM(CASE WHEN outcome <> 'OK' THEN calls ELSE 0 END) FROM usage "
      "WHERE day >= ?1 AND day <= ?2 GROUP BY 1, 2 ORDER BY 1, 2"));
  if (!totals.ok()) return totals.status();
  totals->Bind(1, Day(from)).Bind(2, Day(to));
  std::vector<ReportRow> rows;
  std::map<std::pair<std::string, std::string>, std::size_t> index;
  for (;;) {
    auto row = totals->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    ReportRow r{.key = totals->Text(0),
                .connector = totals->Text(1),
                .calls = static_cast<std::uint64_t>(totals->Int(2)),
                .served = static_cast<std::uint64_t>(totals->Int(3)),
                .errors = static_cast<std::uint64_t>(totals->Int(4))};
    index[{r.key, r.connector}] = rows.size();
    rows.push_back(std::move(r));
  }
  auto methods = db.Prepare(core::Cat(
      "SELECT ", column, ", connector, method, SUM(calls) FROM usage "
      "WHERE day >= ?1 AND day <= ?2 AND method <> '' GROUP BY 1, 2, 3 ORDER BY 1, 2, 4 DESC, 3"));
  if (!methods.ok()) return methods.status();
  methods->Bind(1, Day(from)).Bind(2, Day(to));
  for (;;) {
    auto row = methods->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    auto it = index.find({methods->Text(0), methods->Text(1)});
    if (it == index.end()) continue;
    auto& top = rows[it->second].top_methods;
    if (top.size() < kTopMethods) {
      top.emplace_back(methods->Text(2), static_cast<std::uint64_t>(methods->Int(3)));
    }
  }
  return rows;
}

absl::StatusOr<std::uint64_t> QueryServed(Db& db, std::string_view client,
                                          std::string_view connector, absl::CivilDay from,
                                          absl::CivilDay to) {
  auto served = db.Prepare(
      "SELECT COALESCE(SUM(served), 0) FROM usage WHERE client = ?1 AND day >= ?2 AND day <= ?3 "
      "AND (?4 = '' OR connector = ?4)");
  if (!served.ok()) return served.status();
  served->Bind(1, client).Bind(2, Day(from)).Bind(3, Day(to)).Bind(4, connector);
  auto row = served->Step();
  if (!row.ok()) return row.status();
  return *row ? static_cast<std::uint64_t>(served->Int(0)) : 0;
}

absl::StatusOr<std::vector<ProvinceIndicators>> QueryIndicators(Db& db, absl::CivilMonth month,
                                                                std::string_view province) {
  std::map<std::string, ProvinceIndicators> by_province;
  if (!province.empty()) by_province[std::string(province)].province = std::string(province);

  auto dossiers = db.Prepare(core::Cat(
      "SELECT province, COUNT(DISTINCT dossier), "
      "COUNT(DISTINCT CASE WHEN connector = '", kPopulationConnector,
      "' AND served_ok > 0 THEN dossier END) "
      "FROM dossiers WHERE month = ?1 AND province <> '' AND (?2 = '' OR province = ?2) "
      "GROUP BY province"));
  if (!dossiers.ok()) return dossiers.status();
  dossiers->Bind(1, absl::FormatCivilTime(month)).Bind(2, province);
  for (;;) {
    auto row = dossiers->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    ProvinceIndicators& p = by_province[dossiers->Text(0)];
    p.province = dossiers->Text(0);
    p.dossiers_seen = static_cast<std::uint64_t>(dossiers->Int(1));
    p.dossiers_population = static_cast<std::uint64_t>(dossiers->Int(2));
  }

  auto procedures = db.Prepare(core::Cat(
      "SELECT province, COUNT(DISTINCT procedure), "
      "COUNT(DISTINCT CASE WHEN connector = '", kBusinessConnector,
      "' AND outcome = 'OK' AND served > 0 THEN procedure END) "
      "FROM usage WHERE day >= ?1 AND day <= ?2 AND procedure <> '' AND province <> '' "
      "AND (?3 = '' OR province = ?3) GROUP BY province"));
  if (!procedures.ok()) return procedures.status();
  const absl::CivilDay first(month);
  const absl::CivilDay last = absl::CivilDay(month + 1) - 1;
  procedures->Bind(1, Day(first)).Bind(2, Day(last)).Bind(3, province);
  for (;;) {
    auto row = procedures->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    ProvinceIndicators& p = by_province[procedures->Text(0)];
    p.province = procedures->Text(0);
    p.procedures_seen = static_cast<std::uint64_t>(procedures->Int(1));
    p.procedures_business = static_cast<std::uint64_t>(procedures->Int(2));
  }
  std::vector<ProvinceIndicators> out;
  for (auto& [code, p] : by_province) out.push_back(std::move(p));
  return out;
}

std::string LedgerTimeZone(Db& db) {
  auto tz = db.Prepare("SELECT value FROM meta WHERE key = 'time_zone'");
  if (!tz.ok()) return "";
  auto row = tz->Step();
  return row.ok() && *row ? tz->Text(0) : "";
}

}  // namespace ndxp::metering::ledger
