#include "gateway/metering/ledger/ledger_store.h"

#include "gateway/core/protocol.h"
#include "gateway/core/strings.h"
#include "gateway/metering/ledger/province.h"

namespace ndxp::metering::ledger {
namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS usage(
  day TEXT NOT NULL, client TEXT NOT NULL, province TEXT NOT NULL, connector TEXT NOT NULL,
  method TEXT NOT NULL, outcome TEXT NOT NULL, procedure TEXT NOT NULL,
  calls INTEGER NOT NULL, served INTEGER NOT NULL,
  PRIMARY KEY(day, client, connector, method, outcome, procedure)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS usage_by_client ON usage(client, day);
CREATE INDEX IF NOT EXISTS usage_by_province ON usage(province, day);
CREATE TABLE IF NOT EXISTS dossiers(
  month TEXT NOT NULL, client TEXT NOT NULL, province TEXT NOT NULL, connector TEXT NOT NULL,
  dossier TEXT NOT NULL, calls INTEGER NOT NULL, served_ok INTEGER NOT NULL,
  PRIMARY KEY(month, client, connector, dossier)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS dossiers_by_province ON dossiers(month, province);
INSERT OR IGNORE INTO meta(key, value) VALUES('schema_version', '1');
)sql";

constexpr std::string_view kAddCount = R"sql(
INSERT INTO usage(day, client, province, connector, method, outcome, procedure, calls, served)
VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
ON CONFLICT(day, client, connector, method, outcome, procedure)
DO UPDATE SET calls = calls + excluded.calls, served = served + excluded.served)sql";

constexpr std::string_view kAddDossier = R"sql(
INSERT INTO dossiers(month, client, province, connector, dossier, calls, served_ok)
VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT(month, client, connector, dossier)
DO UPDATE SET calls = calls + excluded.calls, served_ok = served_ok + excluded.served_ok)sql";

constexpr std::string_view kServed = R"sql(
SELECT COALESCE(SUM(served), 0) FROM usage
WHERE client = ?1 AND day >= ?2 AND day <= ?3 AND (?4 = '' OR connector = ?4))sql";

const absl::CivilDay kEpochDay(1970, 1, 1);
const absl::CivilMonth kEpochMonth(1970, 1);

}  // namespace

std::int32_t DayNumber(absl::CivilDay day) { return static_cast<std::int32_t>(day - kEpochDay); }
std::string DayText(std::int32_t day) {
  return absl::FormatCivilTime(kEpochDay + day);
}
std::int32_t MonthNumber(absl::CivilMonth month) {
  return static_cast<std::int32_t>(month - kEpochMonth);
}
std::string MonthText(std::int32_t month) {
  return absl::FormatCivilTime(kEpochMonth + month);
}

absl::Status CreateSchema(Db& db) { return db.Exec(kSchema); }

absl::StatusOr<std::unique_ptr<LedgerStore>> LedgerStore::Open(const std::string& path,
                                                               std::string_view time_zone) {
  auto db = Db::Open(path, Db::Mode::kReadWriteCreate);
  if (!db.ok()) return db.status();
  std::unique_ptr<LedgerStore> store(new LedgerStore(*std::move(db)));
  Db& d = *store->db_;
  // WAL: readers (ndxpctl) never block the writer; FULL: a committed flush survives a power loss
  // too (one fsync per flush window). A locked database is retried for up to 2 s per write.
  if (auto s = d.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=2000;");
      !s.ok()) {
    return s;
  }
  if (auto s = CreateSchema(d); !s.ok()) return s;
  auto tz = d.Prepare("INSERT OR REPLACE INTO meta(key, value) VALUES('time_zone', ?1)");
  if (!tz.ok()) return tz.status();
  if (auto s = tz->Bind(1, time_zone).Run(); !s.ok()) return s;
  if (auto s = store->Prepare(); !s.ok()) return s;
  return store;
}

absl::Status LedgerStore::Prepare() {
  auto add_count = db_->Prepare(kAddCount);
  if (!add_count.ok()) return add_count.status();
  add_count_ = std::make_unique<Statement>(*std::move(add_count));
  auto add_dossier = db_->Prepare(kAddDossier);
  if (!add_dossier.ok()) return add_dossier.status();
  add_dossier_ = std::make_unique<Statement>(*std::move(add_dossier));
  auto served = db_->Prepare(kServed);
  if (!served.ok()) return served.status();
  served_ = std::make_unique<Statement>(*std::move(served));
  return absl::OkStatus();
}

absl::Status LedgerStore::WriteRows(const Batch& batch) {
  for (const auto& [key, counts] : batch.counts) {
    add_count_->Bind(1, DayText(key.day))
        .Bind(2, key.client)
        .Bind(3, ProvinceOf(key.client))
        .Bind(4, key.connector)
        .Bind(5, key.method)
        .Bind(6, core::CodeName(static_cast<absl::StatusCode>(key.code)))
        .Bind(7, key.procedure)
        .Bind(8, static_cast<std::int64_t>(counts.calls))
        .Bind(9, static_cast<std::int64_t>(counts.served));
    if (auto s = add_count_->Run(); !s.ok()) return s;
  }
  for (const auto& [key, counts] : batch.dossiers) {
    add_dossier_->Bind(1, MonthText(key.month))
        .Bind(2, key.client)
        .Bind(3, ProvinceOf(key.client))
        .Bind(4, key.connector)
        .Bind(5, key.dossier)
        .Bind(6, static_cast<std::int64_t>(counts.calls))
        .Bind(7, static_cast<std::int64_t>(counts.served_ok));
    if (auto s = add_dossier_->Run(); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status LedgerStore::Write(const Batch& batch) {
  if (batch.empty()) return absl::OkStatus();
  if (auto s = db_->Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  absl::Status written = WriteRows(batch);
  if (written.ok()) written = db_->Exec("COMMIT");
  if (!written.ok()) (void)db_->Exec("ROLLBACK");
  return written;
}

absl::StatusOr<std::uint64_t> LedgerStore::Served(std::string_view client,
                                                  std::string_view connector, absl::CivilDay first,
                                                  absl::CivilDay last) {
  served_->Bind(1, client)
      .Bind(2, DayText(DayNumber(first)))
      .Bind(3, DayText(DayNumber(last)))
      .Bind(4, connector);
  auto row = served_->Step();
  if (!row.ok()) return row.status();
  const std::uint64_t served = *row ? static_cast<std::uint64_t>(served_->Int(0)) : 0;
  served_->Reset();
  return served;
}

}  // namespace ndxp::metering::ledger
