#include "connectors/legal/document_generator.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "connectors/common/dates.h"
#include "connectors/common/text.h"
#include "connectors/common/weighted.h"
#include "connectors/legal/legal_texts.h"
#include "ndxp/legal/v1/legal.pb.h"

namespace ndxp::connectors::legal {
namespace {

namespace pb = ::ndxp::legal::v1;

constexpr int kFirstYear = 2008;
constexpr DocumentKind kKinds[] = {
    DocumentKind::kLaw,      DocumentKind::kAssemblyResolution, DocumentKind::kStandingResolution,
    DocumentKind::kDecree,   DocumentKind::kGovernmentResolution, DocumentKind::kDecision,
    DocumentKind::kCircular, DocumentKind::kJointCircular};
// Shares of the kinds above, per thousand.
const WeightedTable kKindWeights = {40, 20, 20, 160, 30, 100, 600, 30};

// A working day of `year` (before the snapshot date in its year).
std::int32_t PickIssueDay(Rng& rng, int year, DocumentKind kind) {
  const std::int32_t first = ToDays({year, 1, 2});
  std::int32_t last = ToDays({year, 12, 31});
  last = std::min(last, ToDays(kSnapshotDate) - 1);
  if (kind == DocumentKind::kLaw || kind == DocumentKind::kAssemblyResolution) {
    // Passed at the closing of a session: mid June or late November.
    const bool spring = year == kSnapshotDate.year ? rng.Chance(500) : rng.Chance(480);
    const std::int32_t day = spring ? ToDays({year, 6, 10}) : ToDays({year, 11, 20});
    return AddWorkingDays(day + static_cast<std::int32_t>(rng.Uniform(8)), 0);
  }
  return AddWorkingDays(first + static_cast<std::int32_t>(rng.Uniform(
                                    static_cast<std::uint64_t>(last - first - 3))),
                        0);
}

std::int32_t PickEffectiveDay(Rng& rng, DocumentKind kind, std::int32_t issue_day) {
  const CivilDate issued = FromDays(issue_day);
  switch (kind) {
    case DocumentKind::kLaw:
      // 1 January or 1 July, six to eighteen months on.
      return rng.Chance(600) ? ToDays({issued.year + 1, issued.month < 7 ? 1 : 7, 1})
                             : ToDays({issued.year + (issued.month < 7 ? 1 : 2), 1, 1});
    case DocumentKind::kAssemblyResolution:
    case DocumentKind::kStandingResolution:
    case DocumentKind::kGovernmentResolution:
      return rng.Chance(500) ? issue_day : issue_day + 15;
    case DocumentKind::kDecision:
      return rng.Chance(600) ? issue_day : issue_day + 45;
    default:
      return rng.Chance(250) ? issue_day : issue_day + 45;
  }
}

bool IsAssembly(DocumentKind kind) {
  return kind == DocumentKind::kLaw || kind == DocumentKind::kAssemblyResolution ||
         kind == DocumentKind::kStandingResolution;
}

DocumentNumber NumberOf(const LegalDocument& d) { return FromDocumentKey(d.key); }

}  // namespace

absl::Status DocumentGenerator::Run() {
  Draft();
  Number();
  Link();
  SetStatuses();
  Order();
  return Index();
}

void DocumentGenerator::Draft() {
  const auto topics = Topics();
  WeightedTable topic_weights;
  for (const Topic& t : topics) topic_weights.Add(t.weight);
  const int years = kSnapshotDate.year - kFirstYear + 1;
  docs_.reserve(count_);
  for (std::uint64_t i = 0; i < count_; ++i) {
    LegalDocument d;
    d.kind = kKinds[kKindWeights.Pick(rng_)];
    int year = kFirstYear + static_cast<int>(rng_.Uniform(static_cast<std::uint64_t>(years)));
    // Joint circulars between ministries ended with the 2015 law on legal documents.
    if (d.kind == DocumentKind::kJointCircular && year > 2016) year -= 9;
    d.topic = static_cast<std::uint16_t>(topic_weights.Pick(rng_));
    d.form = static_cast<std::uint8_t>(rng_.Uniform(static_cast<std::uint64_t>(FormCount(d.kind))));
    d.scope = static_cast<std::uint8_t>(rng_.Uniform(static_cast<std::uint64_t>(ScopeCount())));
    d.subjects = static_cast<std::uint8_t>(rng_.Uniform(static_cast<std::uint64_t>(SubjectCount())));
    d.issue_day = PickIssueDay(rng_, year, d.kind);
    d.effective_day = PickEffectiveDay(rng_, d.kind, d.issue_day);
    const int issue_year = FromDays(d.issue_day).year;
    DocumentNumber n;
    n.year = static_cast<std::uint16_t>(issue_year);
    n.symbol.type = SymbolTypeOf(d.kind);
    switch (d.kind) {
      case DocumentKind::kLaw:
      case DocumentKind::kAssemblyResolution:
        n.symbol.issuers[0] = static_cast<std::uint8_t>(AssemblyIssuer());
        n.symbol.term = static_cast<std::uint8_t>(AssemblyTermOf(issue_year));
        break;
      case DocumentKind::kStandingResolution:
        n.symbol.issuers[0] = static_cast<std::uint8_t>(StandingCommitteeIssuer());
        n.symbol.term = static_cast<std::uint8_t>(AssemblyTermOf(issue_year));
        break;
      case DocumentKind::kDecree:
      case DocumentKind::kGovernmentResolution:
        n.symbol.issuers[0] = static_cast<std::uint8_t>(GovernmentIssuer());
        break;
      case DocumentKind::kDecision:
        n.symbol.issuers[0] = static_cast<std::uint8_t>(PrimeMinisterIssuer());
        break;
      case DocumentKind::kCircular:
        n.symbol.issuers[0] = static_cast<std::uint8_t>(MinistryOf(topics[d.topic], d.issue_day));
        break;
      case DocumentKind::kJointCircular: {
        const int lead = MinistryOf(topics[d.topic], d.issue_day);
        // The partner: Finance for the money, Public Security or Justice otherwise.
        const char* partners[] = {"BTC", "BCA", "BTP", "BNV"};
        int partner = FindIssuer(partners[rng_.Uniform(4)]);
        if (partner == lead) partner = FindIssuer(lead == FindIssuer("BTC") ? "BTP" : "BTC");
        n.symbol.issuers[0] = static_cast<std::uint8_t>(lead);
        n.symbol.issuers[1] = static_cast<std::uint8_t>(partner);
        n.symbol.issuer_count = 2;
        break;
      }
    }
    d.key = DocumentKey(n);  // number 0 until Number()
    docs_.push_back(d);
  }
  std::sort(docs_.begin(), docs_.end(), [](const LegalDocument& a, const LegalDocument& b) {
    return a.issue_day != b.issue_day ? a.issue_day < b.issue_day : a.key < b.key;
  });
}

void DocumentGenerator::Number() {
  // Numbers restart each year per series; the National Assembly's and its Standing Committee's
  // run through the term. Docs are chronological, so numbers grow with the issue date.
  std::map<std::uint64_t, std::uint16_t> last;
  for (LegalDocument& d : docs_) {
    DocumentNumber n = NumberOf(d);
    const std::uint64_t series = IsAssembly(d.kind) ? (d.key & ~0xFFFFFFFFULL) : d.key;
    std::uint16_t& counter = last[series];
    counter = static_cast<std::uint16_t>(std::min<int>(counter + 1 + (rng_.Chance(60) ? 1 : 0), 9'000));
    n.number = counter;
    d.key = DocumentKey(n);
  }
  // A series is sorted by issue day; equal keys cannot occur: counters only grow below 9,000
  // (the scale limit keeps every series well under it).
}

void DocumentGenerator::Link() {
  // The newest document of each (topic, kind) chain: later ones amend or replace it.
  std::map<std::pair<std::uint16_t, DocumentKind>, std::uint32_t> latest;
  for (std::uint32_t i = 0; i < docs_.size(); ++i) {
    LegalDocument& d = docs_[i];
    const auto chain = std::make_pair(d.topic, d.kind);
    auto it = latest.find(chain);
    if (it != latest.end() && d.kind != DocumentKind::kAssemblyResolution) {
      LegalDocument& prior = docs_[it->second];
      const bool old_enough = d.issue_day - prior.issue_day > 365;
      const std::uint32_t r = static_cast<std::uint32_t>(rng_.Uniform(1000));
      if (old_enough && r < 180) {
        d.relation = Relation::kAmends;
        d.target = it->second;
        continue;  // the amended document stays the chain's newest
      }
      if (old_enough && r < 300) {
        d.relation = Relation::kReplaces;
        d.target = it->second;
        d.form = prior.form;
        prior.replaced_by = i;
      }
    }
    latest[chain] = i;
  }
}

void DocumentGenerator::SetStatuses() {
  const std::int32_t snapshot = ToDays(kSnapshotDate);
  for (LegalDocument& d : docs_) {
    if (d.effective_day > snapshot) {
      d.status = pb::DOCUMENT_STATUS_NOT_YET_IN_FORCE;
    } else if (d.replaced_by != kNoDocument && docs_[d.replaced_by].effective_day <= snapshot) {
      d.status = pb::DOCUMENT_STATUS_EXPIRED;
      d.expiry_day = docs_[d.replaced_by].effective_day;
    } else {
      d.status = pb::DOCUMENT_STATUS_IN_FORCE;
    }
  }
  // An amendment in force that repeals some articles leaves the amended document partly in force.
  for (const LegalDocument& d : docs_) {
    if (d.relation != Relation::kAmends || d.effective_day > snapshot) continue;
    LegalDocument& target = docs_[d.target];
    if (target.status == pb::DOCUMENT_STATUS_IN_FORCE && (d.key >> 1) % 5 < 2) {
      target.status = pb::DOCUMENT_STATUS_PARTIALLY_IN_FORCE;
    }
  }
}

void DocumentGenerator::Order() {
  // Search order: newest issue date first, then by number.
  std::vector<std::uint32_t> order(docs_.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [this](std::uint32_t a, std::uint32_t b) {
    const LegalDocument& x = docs_[a];
    const LegalDocument& y = docs_[b];
    return x.issue_day != y.issue_day ? x.issue_day > y.issue_day : x.key < y.key;
  });
  std::vector<std::uint32_t> position(docs_.size());
  for (std::uint32_t p = 0; p < order.size(); ++p) position[order[p]] = p;
  auto& out = store_.documents_;
  out.reserve(docs_.size());
  for (std::uint32_t old : order) {
    LegalDocument d = docs_[old];
    if (d.target != kNoDocument) d.target = position[d.target];
    if (d.replaced_by != kNoDocument) d.replaced_by = position[d.replaced_by];
    out.push_back(d);
  }
  docs_.clear();
  docs_.shrink_to_fit();
}

absl::Status DocumentGenerator::Index() {
  const auto& docs = store_.documents_;
  auto& by_key = store_.by_key_;
  by_key.reserve(docs.size());
  for (std::uint32_t i = 0; i < docs.size(); ++i) by_key.emplace_back(docs[i].key, i);
  std::sort(by_key.begin(), by_key.end());
  // Amendments, grouped by the amended document, oldest first (higher positions are older).
  std::vector<std::uint32_t> counts(docs.size() + 1, 0);
  for (const LegalDocument& d : docs) {
    if (d.relation == Relation::kAmends) ++counts[d.target + 1];
  }
  std::partial_sum(counts.begin(), counts.end(), counts.begin());
  store_.amended_by_first_ = counts;
  store_.amended_by_.assign(counts.back(), 0);
  std::vector<std::uint32_t> fill(counts.begin(), counts.end() - 1);
  for (std::uint32_t i = static_cast<std::uint32_t>(docs.size()); i-- > 0;) {
    if (docs[i].relation == Relation::kAmends) store_.amended_by_[fill[docs[i].target]++] = i;
  }
  // The folded text of every document for the full-text index.
  std::vector<std::string> texts;
  texts.reserve(docs.size());
  const auto issuers = Issuers();
  const auto topics = Topics();
  for (const LegalDocument& d : docs) {
    std::string text;
    const DocumentNumber n = FromDocumentKey(d.key);
    AppendSearchFolded(text, FormatDocumentNumber(n));
    text.push_back(' ');
    AppendSearchFolded(text, TitleOf(store_, d));
    text.push_back(' ');
    AppendSearchFolded(text, SummaryOf(store_, d));
    text.push_back(' ');
    AppendSearchFolded(text, topics[d.topic].field);
    for (int i = 0; i < n.symbol.issuer_count; ++i) {
      text.push_back(' ');
      AppendSearchFolded(text, issuers[n.symbol.issuers[i]].name);
    }
    texts.push_back(std::move(text));
  }
  auto index = SearchIndex::Build(texts, DocumentStore::kSearchConnections);
  if (!index.ok()) return index.status();
  store_.search_ = *std::move(index);
  return absl::OkStatus();
}

}  // namespace ndxp::connectors::legal
