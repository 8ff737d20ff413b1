#pragma once
// A temporary directory for a ledger database, and reading its rows back, for the ledger's tests.

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "gateway/metering/ledger/sqlite_db.h"

namespace ndxp::metering::ledger::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ndxp-ledger-XXXXXX").string();
    path_ = mkdtemp(pattern.data()) != nullptr ? pattern : "";
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// One integer from a query on the database at `path` (opened apart from the ledger's connection).
inline std::int64_t QueryInt(const std::string& path, const std::string& sql) {
  auto db = Db::Open(path, Db::Mode::kReadOnly);
  EXPECT_TRUE(db.ok()) << db.status();
  if (!db.ok()) return -1;
  auto statement = (*db)->Prepare(sql);
  EXPECT_TRUE(statement.ok()) << statement.status();
  if (!statement.ok()) return -1;
  auto row = statement->Step();
  EXPECT_TRUE(row.ok() && *row) << sql;
  return row.ok() && *row ? statement->Int(0) : -1;
}

}  // namespace ndxp::metering::ledger::testing
