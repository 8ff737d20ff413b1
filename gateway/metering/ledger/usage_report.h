#pragma once
// The read side of the usage ledger, for `ndxpctl usage report` and `ndxpctl usage indicators`:
// queries on a database opened read-only (Db::Mode::kReadOnly). What each figure counts is in
// docs/metering.md ("Usage ledger", "Indicators").

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <absl/status/statusor.h>
#include <absl/time/civil_time.h>

#include "gateway/metering/ledger/sqlite_db.h"

namespace ndxp::metering::ledger {

// The connectors the indicators are about.
inline constexpr std::string_view kPopulationConnector = "population";
inline constexpr std::string_view kBusinessConnector = "business";
// Methods listed per report row, at most.
inline constexpr std::size_t kTopMethods = 3;

enum class ReportBy { kClient, kConnector, kProvince, kProcedure };

// One row of the report: one value of the --by dimension on one connector (for --by connector:
// one connector). "" is none: no client, no province, no procedure, no route.
struct ReportRow {
  std::string key;
  std::string connector;
  std::uint64_t calls = 0;
  std::uint64_t served = 0;   // reached their target
  std::uint64_t errors = 0;   // answered with any code but OK
  std::vector<std::pair<std::string, std::uint64_t>> top_methods;  // by calls, then name
};

// Rows for days from..to (included), sorted by key, then connector.
absl::StatusOr<std::vector<ReportRow>> QueryReport(Db& db, absl::CivilDay from, absl::CivilDay to,
                                                   ReportBy by);

// Served calls of `client` (on `connector`, "" = all) from..to: what quotas count.
absl::StatusOr<std::uint64_t> QueryServed(Db& db, std::string_view client,
                                          std::string_view connector, absl::CivilDay from,
                                          absl::CivilDay to);

// The e-government indicators of one province in one month.
struct ProvinceIndicators {
  std::string province;
  // Distinct x-ndxp-dossier-id values on the province's calls, any connector, any outcome.
  std::uint64_t dossiers_seen = 0;
  // ... of which at least one call to the population connector was served and answered OK.
  std::uint64_t dossiers_population = 0;
  // Distinct x-ndxp-procedure values on the province's calls, any connector, any outcome.
  std::uint64_t procedures_seen = 0;
  // ... of which at least one call to the business connector was served and answered OK.
  std::uint64_t procedures_business = 0;
};

// Per province (`province` "" = every province with calls in the month, sorted by code; else that
// one, zeros when it has none).
absl::StatusOr<std::vector<ProvinceIndicators>> QueryIndicators(Db& db, absl::CivilMonth month,
                                                                std::string_view province);

// The ledger's time zone as recorded in the database ("" when not recorded).
std::string LedgerTimeZone(Db& db);

}  // namespace ndxp::metering::ledger
