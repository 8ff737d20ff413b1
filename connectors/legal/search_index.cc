#include "connectors/legal/search_index.h"

#include <sqlite3.h>

#include "gateway/core/strings.h"

namespace ndxp::connectors::legal {
namespace {

absl::Status SqliteError(sqlite3* db, std::string_view what) {
  return absl::InternalError(core::ToAbsl(
      core::Cat("legal search index: ", what, ": ", db != nullptr ? sqlite3_errmsg(db) : "no db")));
}

// Builds the index in a connection of its own and returns its serialised bytes (sqlite3_malloc'd).
absl::StatusOr<std::pair<unsigned char*, std::size_t>> BuildSerialized(
    const std::vector<std::string>& texts) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    absl::Status s = SqliteError(db, "open");
    sqlite3_close(db);
    return s;
  }
  const auto fail = [db](std::string_view what) {
    absl::Status s = SqliteError(db, what);
    sqlite3_close(db);
    return s;
  };
  // Text is folded to ASCII before it is stored, so the tokenizer only splits words; detail=none
  // keeps the index small (queries are conjunctions of single terms, never phrases).
  if (sqlite3_exec(db,
                   "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                   "CREATE VIRTUAL TABLE doc USING fts5(body, tokenize='ascii', detail=none);"
                   "BEGIN;",
                   nullptr, nullptr, nullptr) != SQLITE_OK) {
    return fail("create");
  }
  sqlite3_stmt* insert = nullptr;
  if (sqlite3_prepare_v2(db, "INSERT INTO doc(rowid, body) VALUES (?1, ?2)", -1, &insert,
                         nullptr) != SQLITE_OK) {
    return fail("prepare insert");
  }
  for (std::size_t i = 0; i < texts.size(); ++i) {
    sqlite3_bind_int64(insert, 1, static_cast<sqlite3_int64>(i + 1));
    sqlite3_bind_text(insert, 2, texts[i].data(), static_cast<int>(texts[i].size()), SQLITE_STATIC);
    if (sqlite3_step(insert) != SQLITE_DONE) {
      sqlite3_finalize(insert);
      return fail("insert");
    }
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  if (sqlite3_exec(db, "COMMIT; INSERT INTO doc(doc) VALUES('optimize');", nullptr, nullptr,
                   nullptr) != SQLITE_OK) {
    return fail("commit");
  }
  sqlite3_int64 size = 0;
  unsigned char* bytes = sqlite3_serialize(db, "main", &size, 0);
  if (bytes == nullptr) return fail("serialize");
  sqlite3_close(db);
  return std::make_pair(bytes, static_cast<std::size_t>(size));
}

}  // namespace

absl::StatusOr<std::unique_ptr<SearchIndex>> SearchIndex::Build(
    const std::vector<std::string>& texts, int connections) {
  auto serialized = BuildSerialized(texts);
  if (!serialized.ok()) return serialized.status();
  std::unique_ptr<SearchIndex> index(new SearchIndex());
  index->bytes_ = serialized->first;
  index->size_ = serialized->second;
  for (int i = 0; i < std::max(connections, 1); ++i) {
    auto c = std::make_unique<Connection>();
    absl::MutexLock lock(&c->mu);
    if (sqlite3_open_v2(":memory:", &c->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      return SqliteError(c->db, "open reader");
    }
    // Read-only over the shared bytes: SQLite neither writes nor frees them.
    if (sqlite3_deserialize(c->db, "main", index->bytes_, static_cast<sqlite3_int64>(index->size_),
                            static_cast<sqlite3_int64>(index->size_),
                            SQLITE_DESERIALIZE_READONLY) != SQLITE_OK) {
      return SqliteError(c->db, "deserialize");
    }
    if (sqlite3_prepare_v3(c->db, "SELECT rowid FROM doc WHERE doc MATCH ?1 ORDER BY rowid", -1,
                           SQLITE_PREPARE_PERSISTENT, &c->statement, nullptr) != SQLITE_OK) {
      return SqliteError(c->db, "prepare query");
    }
    index->connections_.push_back(std::move(c));
  }
  return index;
}

SearchIndex::~SearchIndex() {
  for (auto& c : connections_) {
    absl::MutexLock lock(&c->mu);
    sqlite3_finalize(c->statement);
    sqlite3_close(c->db);
  }
  sqlite3_free(bytes_);
}

absl::StatusOr<std::vector<std::uint32_t>> SearchIndex::Match(
    std::span<const std::string> words) const {
  std::string match;
  for (const std::string& word : words) {
    for (char ch : word) {
      if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) {
        return absl::InternalError("legal search index: a query word is not folded");
      }
    }
    core::Append(match, match.empty() ? "" : " ", "\"", word, "\"");
  }
  // The first free connection from a rotating start; when all are busy, wait for that one.
  const std::size_t n = connections_.size();
  const std::size_t start = next_.fetch_add(1, std::memory_order_relaxed) % n;
  for (std::size_t i = 0; i < n; ++i) {
    Connection& c = *connections_[(start + i) % n];
    if (c.mu.TryLock()) {
      auto result = RunLocked(c, match);
      c.mu.Unlock();
      return result;
    }
  }
  Connection& c = *connections_[start];
  absl::MutexLock lock(&c.mu);
  return RunLocked(c, match);
}

absl::StatusOr<std::vector<std::uint32_t>> SearchIndex::RunLocked(Connection& c,
                                                                  const std::string& match) const {
  std::vector<std::uint32_t> positions;
  sqlite3_bind_text(c.statement, 1, match.data(), static_cast<int>(match.size()), SQLITE_STATIC);
  int rc;
  while ((rc = sqlite3_step(c.statement)) == SQLITE_ROW) {
    positions.push_back(static_cast<std::uint32_t>(sqlite3_column_int64(c.statement, 0) - 1));
  }
  sqlite3_reset(c.statement);
  sqlite3_clear_bindings(c.statement);
  if (rc != SQLITE_DONE) return SqliteError(c.db, "query");
  return positions;
}

}  // namespace ndxp::connectors::legal
