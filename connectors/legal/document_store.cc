#include "connectors/legal/document_store.h"

#include <algorithm>

#include "connectors/common/rng.h"
#include "connectors/legal/document_generator.h"
#include "connectors/legal/legal_texts.h"

namespace ndxp::connectors::legal {

absl::StatusOr<std::shared_ptr<const DocumentStore>> DocumentStore::Generate(std::uint64_t seed,
                                                                             std::uint64_t count) {
  if (count == 0) count = kDefaultScale;
  if (count > kMaxScale) return absl::InvalidArgumentError("scale must be at most 200,000 documents");
  std::shared_ptr<DocumentStore> store(new DocumentStore());
  store->seed_ = seed;
  if (absl::Status s = DocumentGenerator(seed, count, *store).Run(); !s.ok()) return s;
  return std::shared_ptr<const DocumentStore>(std::move(store));
}

const LegalDocument* DocumentStore::Find(const DocumentNumber& number) const {
  const std::uint64_t key = DocumentKey(number);
  auto it = std::lower_bound(by_key_.begin(), by_key_.end(), std::make_pair(key, 0u));
  return it != by_key_.end() && it->first == key ? &documents_[it->second] : nullptr;
}

std::span<const std::uint32_t> DocumentStore::AmendedBy(const LegalDocument& doc) const {
  const std::uint32_t i = IndexOf(doc);
  return std::span<const std::uint32_t>(amended_by_)
      .subspan(amended_by_first_[i], amended_by_first_[i + 1] - amended_by_first_[i]);
}

std::uint64_t DocumentStore::Fingerprint() const {
  std::uint64_t h = Mix(seed_, documents_.size());
  for (const LegalDocument& d : documents_) {
    h = Mix(h, d.key);
    h = Mix(h, std::uint64_t{static_cast<std::uint32_t>(d.issue_day)} << 32 |
                   static_cast<std::uint32_t>(d.effective_day));
    h = Mix(h, std::uint64_t{static_cast<std::uint32_t>(d.expiry_day)} << 32 | d.target);
    h = Mix(h, std::uint64_t{d.replaced_by} << 32 | std::uint64_t{d.topic} << 16 |
                   std::uint64_t{static_cast<std::uint8_t>(d.kind)} << 8 |
                   static_cast<std::uint8_t>(d.relation));
    h = Mix(h, std::uint64_t{d.form} << 24 | std::uint64_t{d.status} << 16 |
                   std::uint64_t{d.scope} << 8 | d.subjects);
  }
  return h;
}

std::string NumberText(const LegalDocument& doc) {
  return FormatDocumentNumber(FromDocumentKey(doc.key));
}

namespace {

TitleParts PartsOf(const DocumentStore& store, const LegalDocument& doc, std::string& target) {
  TitleParts parts;
  parts.kind = doc.kind;
  parts.form = doc.form;
  parts.topic = &Topics()[doc.topic];
  if (doc.target != kNoDocument) {
    const LegalDocument& t = store.documents()[doc.target];
    target = NumberText(t);
    parts.target_kind = t.kind;
    parts.target_number = target;
    parts.amends = doc.relation == Relation::kAmends;
  }
  return parts;
}

}  // namespace

std::string TitleOf(const DocumentStore& store, const LegalDocument& doc) {
  std::string target;
  return TitleText(PartsOf(store, doc, target));
}

std::string SummaryOf(const DocumentStore& store, const LegalDocument& doc) {
  std::string target;
  const TitleParts parts = PartsOf(store, doc, target);
  return SummaryText(parts, doc.scope, doc.subjects, doc.relation == Relation::kReplaces, target);
}

}  // namespace ndxp::connectors::legal
