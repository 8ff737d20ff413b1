#include "connectors/legal/document_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>

#include "connectors/common/dates.h"
#include "connectors/legal/legal_texts.h"
#include "ndxp/legal/v1/legal.pb.h"

namespace ndxp::connectors::legal {
namespace {

namespace pb = ::ndxp::legal::v1;

std::shared_ptr<const DocumentStore> Make(std::uint64_t seed, std::uint64_t count) {
  auto store = DocumentStore::Generate(seed, count);
  EXPECT_TRUE(store.ok()) << store.status();
  return *store;
}

TEST(DocumentStoreTest, DeterministicInSeedAndScale) {
  auto a = Make(7, 3'000), b = Make(7, 3'000), c = Make(8, 3'000);
  EXPECT_EQ(a->Fingerprint(), b->Fingerprint());
  EXPECT_NE(a->Fingerprint(), c->Fingerprint());
  EXPECT_EQ(a->documents().size(), 3'000u);
}

TEST(DocumentStoreTest, NumbersAreValidUniqueAndGrowWithIssueDate) {
  auto store = Make(3, 5'000);
  std::set<std::uint64_t> keys;
  std::map<std::uint64_t, std::vector<std::pair<int, std::int32_t>>> series;  // (number, day)
  const auto docs = store->documents();
  for (std::size_t i = docs.size(); i-- > 0;) {  // oldest first
    const LegalDocument& d = docs[i];
    EXPECT_TRUE(keys.insert(d.key).second) << NumberText(d);
    const std::string text = NumberText(d);
    auto parsed = ParseDocumentNumber(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.status();
    EXPECT_EQ(DocumentKey(*parsed), d.key);
    EXPECT_EQ(store->Find(*parsed), &d);
    EXPECT_EQ(parsed->year, FromDays(d.issue_day).year) << text;
    EXPECT_LT(d.issue_day, ToDays(kSnapshotDate));
    EXPECT_GE(d.effective_day, d.issue_day);
    series[d.key & ~0xFFFFull].emplace_back(parsed->number, d.issue_day);
  }
  // Within a series, a larger number is never issued earlier.
  for (auto& [key, numbers] : series) {
    std::sort(numbers.begin(), numbers.end());
    for (std::size_t i = 1; i < numbers.size(); ++i) {
      EXPECT_LE(numbers[i - 1].second, numbers[i].second);
    }
  }
  // Search order: newest first.
  for (std::size_t i = 1; i < docs.size(); ++i) EXPECT_GE(docs[i - 1].issue_day, docs[i].issue_day);
}

TEST(DocumentStoreTest, AmendmentsAndReplacementsAreConsistent) {
  auto store = Make(5, 5'000);
  const auto docs = store->documents();
  int amends = 0, replaces = 0, expired = 0, partial = 0, pending = 0;
  const std::int32_t snapshot = ToDays(kSnapshotDate);
  for (const LegalDocument& d : docs) {
    if (d.relation != Relation::kNone) {
      ASSERT_NE(d.target, kNoDocument);
      const LegalDocument& t = docs[d.target];
      EXPECT_LT(t.issue_day, d.issue_day);
      EXPECT_EQ(t.topic, d.topic);
      EXPECT_EQ(t.kind, d.kind);
      if (d.relation == Relation::kAmends) {
        ++amends;
        bool listed = false;
        for (std::uint32_t i : store->AmendedBy(t)) listed |= i == store->IndexOf(d);
        EXPECT_TRUE(listed);
        if (d.kind != DocumentKind::kLaw) {  // a law's amendment names the law, not its number
          EXPECT_NE(TitleOf(*store, d).find(NumberText(t)), std::string::npos) << TitleOf(*store, d);
        }
      } else {
        ++replaces;
        EXPECT_EQ(t.replaced_by, store->IndexOf(d));
      }
    }
    switch (d.status) {
      case pb::DOCUMENT_STATUS_EXPIRED:
        ++expired;
        ASSERT_NE(d.replaced_by, kNoDocument);
        EXPECT_EQ(d.expiry_day, docs[d.replaced_by].effective_day);
        EXPECT_LE(d.expiry_day, snapshot);
        break;
      case pb::DOCUMENT_STATUS_NOT_YET_IN_FORCE:
        ++pending;
        EXPECT_GT(d.effective_day, snapshot);
        break;
      case pb::DOCUMENT_STATUS_PARTIALLY_IN_FORCE:
        ++partial;
        EXPECT_FALSE(store->AmendedBy(d).empty());
        break;
      default:
        EXPECT_EQ(d.status, pb::DOCUMENT_STATUS_IN_FORCE);
    }
  }
  EXPECT_GT(amends, 100);
  EXPECT_GT(replaces, 100);
  EXPECT_GT(expired, 50);
  EXPECT_GT(partial, 20);
  EXPECT_GT(pending, 5);
}

TEST(DocumentStoreTest, TitlesAreVietnamese) {
  auto store = Make(1, 500);
  for (const LegalDocument& d : store->documents()) {
    const std::string title = TitleOf(*store, d);
    EXPECT_EQ(title.rfind(std::string(DocumentKindName(d.kind)), 0), 0u) << title;
    EXPECT_NE(SummaryOf(*store, d).find(Topics()[d.topic].phrase), std::string::npos);
  }
}

TEST(DocumentStoreTest, FullTextIndexFindsFoldedWords) {
  auto store = Make(2, 2'000);
  auto all = store->search().Match(std::vector<std::string>{"thue", "thu", "nhap"});
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_FALSE(all->empty());
  for (std::uint32_t p : *all) {
    const std::string title = TitleOf(*store, store->documents()[p]) + " " +
                              SummaryOf(*store, store->documents()[p]);
    EXPECT_NE(title.find("thu nhập"), std::string::npos) << title;
  }
  for (std::size_t i = 1; i < all->size(); ++i) EXPECT_LT((*all)[i - 1], (*all)[i]);
  auto none = store->search().Match(std::vector<std::string>{"zzzqqq"});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  // FTS5 keywords in lower case are words.
  EXPECT_TRUE(store->search().Match(std::vector<std::string>{"near", "and", "or", "not"}).ok());
}

TEST(DocumentStoreTest, DefaultScaleLoadsFast) {
  const auto start = std::chrono::steady_clock::now();
  auto store = Make(1, 0);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  EXPECT_EQ(store->documents().size(), DocumentStore::kDefaultScale);
  std::printf("legal: %zu documents generated and indexed in %lld ms; index %zu KiB\n",
              store->documents().size(), static_cast<long long>(ms),
              store->search().serialized_bytes() / 1024);
  EXPECT_LT(ms, 3'000);
}

TEST(DocumentStoreTest, ScaleLimits) {
  EXPECT_FALSE(DocumentStore::Generate(1, DocumentStore::kMaxScale + 1).ok());
}

}  // namespace
}  // namespace ndxp::connectors::legal
