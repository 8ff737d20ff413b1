#pragma once
// The usage ledger's database: SQLite in WAL mode at data_dir/usage.db. Two tables (schema in
// ledger_store.cc and docs/metering.md):
//   usage(day, client, province, connector, method, outcome, procedure, calls, served)
//   dossiers(month, client, province, connector, dossier, calls, served_ok)
// Days are "YYYY-MM-DD" and months "YYYY-MM" in the ledger's time zone; outcomes are gRPC code
// names ("OK", "NOT_FOUND"); "" is none (no client, no route, no procedure, no province). A batch
// is written in one transaction that adds to the rows already there, so a write is all or
// nothing and a failed one can be retried whole.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <absl/time/civil_time.h>

#include "gateway/metering/ledger/sqlite_db.h"
#include "gateway/metering/ledger/usage_aggregator.h"

namespace ndxp::metering::ledger {

inline constexpr const char* kLedgerFile = "usage.db";

// Day and month numbers of the aggregator (since 1970-01-01 / 1970-01) and their text form.
std::int32_t DayNumber(absl::CivilDay day);
std::string DayText(std::int32_t day);
std::int32_t MonthNumber(absl::CivilMonth month);
std::string MonthText(std::int32_t month);

class LedgerStore {
 public:
  // Opens (or makes) the database at `path`, in WAL mode, with its schema. `time_zone` is
  // recorded in the database (meta table) for the reports.
  static absl::StatusOr<std::unique_ptr<LedgerStore>> Open(const std::string& path,
                                                           std::string_view time_zone);

  // Adds the batch's counts to the database, in one transaction.
  absl::Status Write(const Batch& batch);

  // Served calls of `client` from `first` to `last` (included) on `connector` ("" = all).
  absl::StatusOr<std::uint64_t> Served(std::string_view client, std::string_view connector,
                                       absl::CivilDay first, absl::CivilDay last);

  const std::string& path() const { return db_->path(); }

 private:
  explicit LedgerStore(std::unique_ptr<Db> db) : db_(std::move(db)) {}
  absl::Status Prepare();
  absl::Status WriteRows(const Batch& batch);

  std::unique_ptr<Db> db_;
  std::unique_ptr<Statement> add_count_;
  std::unique_ptr<Statement> add_dossier_;
  std::unique_ptr<Statement> served_;
};

// The schema, for tests and for ndxpctl: creates the tables when missing.
absl::Status CreateSchema(Db& db);

}  // namespace ndxp::metering::ledger
