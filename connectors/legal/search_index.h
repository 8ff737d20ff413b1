#pragma once
// Full-text search over the legal documents with SQLite FTS5, in memory. The index is built once
// from each document's text folded to lower-case ASCII (SearchFolded: diacritics removed, đ -> d),
// serialised, and opened read-only by a small pool of connections that share the serialised
// bytes, each guarded by its own mutex; a query takes the first free connection (or waits for one).
// Queries are lists of folded words, each searched as a quoted term, so FTS5 syntax in what a
// caller typed never reaches the parser.

#include <absl/base/thread_annotations.h>
#include <absl/status/statusor.h>
#include <absl/synchronization/mutex.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace ndxp::connectors::legal {

class SearchIndex {
 public:
  // Row i + 1 holds texts[i] (already folded).
  static absl::StatusOr<std::unique_ptr<SearchIndex>> Build(const std::vector<std::string>& texts,
                                                            int connections);
  ~SearchIndex();
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  // Positions (row - 1), ascending, of the texts holding every word; words are [a-z0-9]+.
  absl::StatusOr<std::vector<std::uint32_t>> Match(std::span<const std::string> words) const;

  std::size_t serialized_bytes() const { return size_; }

 private:
  struct Connection {
    absl::Mutex mu;
    sqlite3* db ABSL_GUARDED_BY(mu) = nullptr;
    sqlite3_stmt* statement ABSL_GUARDED_BY(mu) = nullptr;
  };
  SearchIndex() = default;
  absl::StatusOr<std::vector<std::uint32_t>> RunLocked(Connection& c, const std::string& match) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(c.mu);

  unsigned char* bytes_ = nullptr;  // the serialised database, shared read-only
  std::size_t size_ = 0;
  std::vector<std::unique_ptr<Connection>> connections_;
  mutable std::atomic<std::uint32_t> next_{0};
};

}  // namespace ndxp::connectors::legal
