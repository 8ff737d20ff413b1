#include "gateway/metering/ledger/sqlite_db.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include "gateway/core/strings.h"

namespace ndxp::metering::ledger {

absl::StatusOr<std::unique_ptr<Db>> Db::Open(const std::string& path, Mode mode) {
  int flags = SQLITE_OPEN_NOMUTEX;
  if (mode == Mode::kReadOnly) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      return absl::NotFoundError(core::Cat(path, ": no usage ledger there (no gateway has "
                                                 "written one with this data directory)"));
    }
    flags |= SQLITE_OPEN_READONLY;
  } else {
    flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  }
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return absl::FailedPreconditionError(core::Cat(path, ": cannot open: ", message));
  }
  sqlite3_extended_result_codes(db, 1);
  return std::unique_ptr<Db>(new Db(path, db));
}

Db::~Db() { sqlite3_close(db_); }

absl::Status Db::Error(std::string_view what) const {
  return absl::UnavailableError(core::Cat(path_, ": ", what, ": ", sqlite3_errmsg(db_)));
}

absl::Status Db::Exec(std::string_view sql) {
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    return Error("cannot run SQL");
  }
  return absl::OkStatus();
}

absl::StatusOr<Statement> Db::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
      SQLITE_OK) {
    return Error("cannot prepare a query");
  }
  return Statement(*this, stmt);
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = other.stmt_;
    other.stmt_ = nullptr;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int index, std::string_view text) {
  // An empty view may have no data: bind "" (not NULL).
  sqlite3_bind_text(stmt_, index, text.data() != nullptr ? text.data() : "",
                    static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

absl::StatusOr<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  absl::Status error = db_->Error("query failed");
  sqlite3_reset(stmt_);
  return error;
}

absl::Status Statement::Run() {
  for (;;) {
    auto row = Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
  }
  Reset();
  return absl::OkStatus();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  return text != nullptr
             ? std::string(reinterpret_cast<const char*>(text),
                           static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
             : std::string();
}

}  // namespace ndxp::metering::ledger
