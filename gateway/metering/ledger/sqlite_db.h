#pragma once
// A thin RAII layer over SQLite for the usage ledger: one connection (Db) and its prepared
// statements (Statement). Errors come back as absl::Status naming the database file and SQLite's
// message (never a bound value).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <absl/status/status.h>
#include <absl/status/statusor.h>

struct sqlite3;
struct sqlite3_stmt;

namespace ndxp::metering::ledger {

class Statement;

class Db {
 public:
  enum class Mode { kReadWriteCreate, kReadOnly };
  // Opens `path`. Read-only fails with NOT_FOUND naming the path when the file does not exist.
  static absl::StatusOr<std::unique_ptr<Db>> Open(const std::string& path, Mode mode);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Runs SQL without results (several statements separated by ';' allowed).
  absl::Status Exec(std::string_view sql);
  absl::StatusOr<Statement> Prepare(std::string_view sql);
  // An error for the last failed call, e.g. "usage.db: database is locked".
  absl::Status Error(std::string_view what) const;
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

 private:
  Db(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}
  std::string path_;
  sqlite3* db_;
};

// A prepared statement; parameters are 1-based, columns 0-based.
class Statement {
 public:
  Statement(Db& db, sqlite3_stmt* stmt) : db_(&db), stmt_(stmt) {}
  Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) { other.stmt_ = nullptr; }
  Statement& operator=(Statement&& other) noexcept;
  ~Statement();

  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, std::int64_t value);
  // Steps once: true when a row is ready, false when done; an error otherwise.
  absl::StatusOr<bool> Step();
  // Steps to the end (for statements without results) and resets the statement for reuse.
  absl::Status Run();
  void Reset();

  std::int64_t Int(int column) const;
  std::string Text(int column) const;

 private:
  Db* db_;
  sqlite3_stmt* stmt_;
};

}  // namespace ndxp::metering::ledger
