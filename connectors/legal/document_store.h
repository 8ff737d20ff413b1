#pragma once
// The synthetic National Database of Legal Normative Documents in memory: documents in search
// order (newest issue date first), an index by number, the amendment and replacement links both
// ways, and the full-text index over their folded text. Immutable once generated; safe to read
// from any thread (the full-text index serialises its own connections).

#include <absl/status/statusor.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "connectors/common/document_number.h"
#include "connectors/legal/search_index.h"

namespace ndxp::connectors::legal {

inline constexpr std::uint32_t kNoDocument = 0xFFFFFFFF;
inline constexpr std::int32_t kNoDay = 0x7FFFFFFF;

enum class Relation : std::uint8_t { kNone, kAmends, kReplaces };

struct LegalDocument {
  std::uint64_t key = 0;  // DocumentKey of its number
  std::int32_t issue_day = 0;
  std::int32_t effective_day = 0;
  std::int32_t expiry_day = kNoDay;
  std::uint32_t target = kNoDocument;       // the document it amends or replaces
  std::uint32_t replaced_by = kNoDocument;  // the document that replaced it
  std::uint16_t topic = 0;                  // Topics() index
  DocumentKind kind = DocumentKind::kCircular;
  Relation relation = Relation::kNone;
  std::uint8_t form = 0;
  std::uint8_t status = 0;  // ndxp.legal.v1.DocumentStatus
  std::uint8_t scope = 0;
  std::uint8_t subjects = 0;
};

class DocumentStore {
 public:
  static constexpr std::uint64_t kDefaultScale = 10'000;
  static constexpr std::uint64_t kMaxScale = 200'000;
  // Pooled SQLite connections of the full-text index (decision 0141).
  static constexpr int kSearchConnections = 4;

  // Generates `count` documents (0: kDefaultScale) issued 2008 - November 2025 from `seed`, and
  // builds their full-text index. Deterministic in (seed, count).
  static absl::StatusOr<std::shared_ptr<const DocumentStore>> Generate(std::uint64_t seed,
                                                                       std::uint64_t count);

  const LegalDocument* Find(const DocumentNumber& number) const;
  std::span<const LegalDocument> documents() const { return documents_; }
  // Documents amending `doc`, oldest first.
  std::span<const std::uint32_t> AmendedBy(const LegalDocument& doc) const;
  std::uint32_t IndexOf(const LegalDocument& doc) const {
    return static_cast<std::uint32_t>(&doc - documents_.data());
  }
  const SearchIndex& search() const { return *search_; }

  std::uint64_t seed() const { return seed_; }
  std::uint64_t Fingerprint() const;

 private:
  friend class DocumentGenerator;
  DocumentStore() = default;

  std::uint64_t seed_ = 0;
  std::vector<LegalDocument> documents_;              // newest first, then by key
  std::vector<std::pair<std::uint64_t, std::uint32_t>> by_key_;  // sorted
  std::vector<std::uint32_t> amended_by_first_;  // documents_.size() + 1 offsets
  std::vector<std::uint32_t> amended_by_;
  std::unique_ptr<SearchIndex> search_;
};

// The number, title and summary of a document as text (built on each call).
std::string NumberText(const LegalDocument& doc);
std::string TitleOf(const DocumentStore& store, const LegalDocument& doc);
std::string SummaryOf(const DocumentStore& store, const LegalDocument& doc);

}  // namespace ndxp::connectors::legal
