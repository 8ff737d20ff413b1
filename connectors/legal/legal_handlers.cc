#include "connectors/legal/legal_handlers.h"

#include <limits>

#include "connectors/common/dates.h"
#include "connectors/common/paging.h"
#include "connectors/common/rng.h"
#include "connectors/common/text.h"
#include "connectors/legal/legal_texts.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"
#include "gateway/core/utf8.h"

namespace ndxp::connectors::legal {
namespace {

namespace pb = ::ndxp::legal::v1;

pb::DocumentType TypeOf(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kLaw:
      return pb::DOCUMENT_TYPE_LAW;
    case DocumentKind::kAssemblyResolution:
      return pb::DOCUMENT_TYPE_ASSEMBLY_RESOLUTION;
    case DocumentKind::kStandingResolution:
      return pb::DOCUMENT_TYPE_STANDING_COMMITTEE_RESOLUTION;
    case DocumentKind::kDecree:
      return pb::DOCUMENT_TYPE_DECREE;
    case DocumentKind::kGovernmentResolution:
      return pb::DOCUMENT_TYPE_GOVERNMENT_RESOLUTION;
    case DocumentKind::kDecision:
      return pb::DOCUMENT_TYPE_DECISION;
    case DocumentKind::kCircular:
      return pb::DOCUMENT_TYPE_CIRCULAR;
    case DocumentKind::kJointCircular:
      return pb::DOCUMENT_TYPE_JOINT_CIRCULAR;
  }
  return pb::DOCUMENT_TYPE_UNSPECIFIED;
}

struct Filter {
  std::vector<std::string> words;
  pb::DocumentType type = pb::DOCUMENT_TYPE_UNSPECIFIED;
  int issuer = -1;
  int term = 0;  // with QH / UBTVQH: only that term, when not 0
  std::int32_t since = std::numeric_limits<std::int32_t>::min();
  std::int32_t until = std::numeric_limits<std::int32_t>::max();
  bool in_force_only = false;

  std::uint64_t Fingerprint() const {
    std::uint64_t h = Mix(static_cast<std::uint64_t>(type), static_cast<std::uint64_t>(issuer + 1));
    h = Mix(h, static_cast<std::uint64_t>(term) << 1 | (in_force_only ? 1 : 0));
    h = Mix(h, static_cast<std::uint64_t>(static_cast<std::uint32_t>(since)) << 32 |
                   static_cast<std::uint32_t>(until));
    for (const std::string& w : words) {
      for (char c : w) h = Mix(h, static_cast<unsigned char>(c));
      h = Mix(h, ' ');
    }
    return h;
  }

  bool Accepts(const LegalDocument& d) const {
    if (type != pb::DOCUMENT_TYPE_UNSPECIFIED && TypeOf(d.kind) != type) return false;
    if (d.issue_day < since || d.issue_day > until) return false;
    if (in_force_only && d.status != pb::DOCUMENT_STATUS_IN_FORCE &&
        d.status != pb::DOCUMENT_STATUS_PARTIALLY_IN_FORCE) {
      return false;
    }
    if (issuer >= 0) {
      const DocumentNumber n = FromDocumentKey(d.key);
      bool found = false;
      for (int i = 0; i < n.symbol.issuer_count; ++i) found |= n.symbol.issuers[i] == issuer;
      if (!found || (term != 0 && n.symbol.term != term)) return false;
    }
    return true;
  }
};

absl::Status ParseIssuer(std::string_view text, Filter& filter) {
  constexpr std::string_view kField = "issuer";
  if (text.empty()) return absl::OkStatus();
  if (text.size() > 16 || !core::IsValidUtf8(text)) {
    return core::FieldViolation(kField, "must be the symbol of an issuing body, e.g. BTC");
  }
  filter.issuer = FindIssuer(text);
  if (filter.issuer >= 0) return absl::OkStatus();
  // QH15, UBTVQH14: the body and its term.
  const std::size_t digits = text.find_first_of("0123456789");
  if (digits != std::string_view::npos && digits + 2 >= text.size()) {
    const int body = FindIssuer(text.substr(0, digits));
    int term = 0, first = 0, last = 0;
    for (char c : text.substr(digits)) term = c >= '0' && c <= '9' ? term * 10 + (c - '0') : -1000;
    if ((body == AssemblyIssuer() || body == StandingCommitteeIssuer()) &&
        AssemblyTermYears(term, first, last)) {
      filter.issuer = body;
      filter.term = term;
      return absl::OkStatus();
    }
  }
  return core::FieldViolation(
      kField, core::Cat("is not a known issuing body: e.g. CP, TTg, QH, QH15, BTC, BCA (got ",
                        text, ")"));
}

absl::StatusOr<Filter> ParseFilter(const pb::SearchDocumentsRequest& request) {
  Filter filter;
  auto words = QueryWords(request.query());
  if (!words.ok()) return words.status();
  filter.words = *std::move(words);
  if (!pb::DocumentType_IsValid(request.type())) {
    return core::FieldViolation("type", core::Cat("is ", request.type(), ", not a DocumentType"));
  }
  filter.type = request.type();
  if (absl::Status s = ParseIssuer(request.issuer(), filter); !s.ok()) return s;
  if (IsSet(request.issued_since())) {
    auto since = ParseFullDate(request.issued_since(), "issued_since");
    if (!since.ok()) return since.status();
    filter.since = ToDays(*since);
  }
  if (IsSet(request.issued_until())) {
    auto until = ParseFullDate(request.issued_until(), "issued_until");
    if (!until.ok()) return until.status();
    filter.until = ToDays(*until);
    if (filter.until < filter.since) {
      return core::FieldViolation("issued_until", "is before issued_since");
    }
  }
  filter.in_force_only = request.in_force_only();
  return filter;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> QueryWords(std::string_view query) {
  constexpr std::string_view kField = "query";
  if (query.size() > kMaxQueryBytes) {
    return core::FieldViolation(kField, core::Cat("is ", query.size(), " bytes long; at most ",
                                                  kMaxQueryBytes, " are allowed"));
  }
  if (!core::IsValidUtf8(query)) return core::FieldViolation(kField, "must be valid UTF-8");
  std::vector<std::string> words;
  const std::string folded = SearchFolded(query);
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start) words.emplace_back(folded.substr(start, end - start));
    start = end + 1;
  }
  if (words.size() > kMaxQueryWords) {
    return core::FieldViolation(kField, core::Cat("has ", words.size(), " words; at most ",
                                                  kMaxQueryWords, " are allowed"));
  }
  if (words.empty() && !FoldSpaces(query).empty()) {
    return core::FieldViolation(kField, "has no letters or digits to search for");
  }
  return words;
}

void FillDocument(const DocumentStore& store, const LegalDocument& d, pb::LegalDocument* out) {
  const DocumentNumber n = FromDocumentKey(d.key);
  const auto issuers = Issuers();
  out->set_document_number(FormatDocumentNumber(n));
  out->set_type(TypeOf(d.kind));
  const Issuer& issuer = issuers[n.symbol.issuers[0]];
  if (n.symbol.type == SymbolType::kNone) {
    out->set_issuer_code(core::Cat(issuer.code, int{n.symbol.term}));
  } else {
    out->set_issuer_code(std::string(issuer.code));
  }
  out->set_issuer_name(std::string(issuer.name));
  for (int i = 1; i < n.symbol.issuer_count; ++i) {
    out->add_co_issuer_codes(std::string(issuers[n.symbol.issuers[i]].code));
  }
  out->set_title(TitleOf(store, d));
  out->set_summary(SummaryOf(store, d));
  out->set_field(std::string(Topics()[d.topic].field));
  ToProto(FromDays(d.issue_day), out->mutable_issue_date());
  ToProto(FromDays(d.effective_day), out->mutable_effective_date());
  if (d.expiry_day != kNoDay) ToProto(FromDays(d.expiry_day), out->mutable_expiry_date());
  out->set_status(static_cast<pb::DocumentStatus>(d.status));
  const auto docs = store.documents();
  if (d.target != kNoDocument) {
    (d.relation == Relation::kAmends ? out->mutable_amends() : out->mutable_replaces())
        ->assign(NumberText(docs[d.target]));
  }
  for (std::uint32_t i : store.AmendedBy(d)) out->add_amended_by(NumberText(docs[i]));
  if (d.replaced_by != kNoDocument) out->set_replaced_by(NumberText(docs[d.replaced_by]));
}

absl::Status GetDocument(const DocumentStore& store, const pb::GetDocumentRequest& request,
                         pb::GetDocumentResponse& response) {
  auto number = ParseDocumentNumber(request.document_number(), "document_number");
  if (!number.ok()) return number.status();
  const LegalDocument* doc = store.Find(*number);
  if (doc == nullptr) {
    return core::NotFound("legal_document",
                          core::Cat("no legal document numbered ", FormatDocumentNumber(*number)));
  }
  FillDocument(store, *doc, response.mutable_document());
  return absl::OkStatus();
}

absl::Status SearchDocuments(const DocumentStore& store, const pb::SearchDocumentsRequest& request,
                             pb::SearchDocumentsResponse& response) {
  auto filter = ParseFilter(request);
  if (!filter.ok()) return filter.status();
  auto page_size = EffectivePageSize(request.page_size(), 20, 100);
  if (!page_size.ok()) return page_size.status();
  const PageTokenCodec codec(Mix(store.seed(), 0x4C6567616C50ULL));
  const auto docs = store.documents();
  std::uint64_t from = 0;
  if (!request.page_token().empty()) {
    auto decoded = codec.Decode(request.page_token(), filter->Fingerprint());
    if (!decoded.ok()) return decoded.status();
    if (*decoded > docs.size()) {
      return core::FieldViolation("page_token", "is not a token returned by this method");
    }
    from = *decoded;
  }
  std::vector<std::uint32_t> matches;
  if (!filter->words.empty()) {
    auto found = store.search().Match(filter->words);
    if (!found.ok()) return found.status();
    matches = *std::move(found);
  }
  int total = 0;
  const auto visit = [&](std::uint32_t position) {
    const LegalDocument& d = docs[position];
    if (!filter->Accepts(d)) return;
    ++total;
    if (position < from) return;
    if (response.documents_size() < *page_size) {
      FillDocument(store, d, response.add_documents());
    } else if (response.next_page_token().empty()) {
      response.set_next_page_token(codec.Encode(filter->Fingerprint(), position));
    }
  };
  if (filter->words.empty()) {
    for (std::uint32_t p = 0; p < docs.size(); ++p) visit(p);
  } else {
    for (std::uint32_t p : matches) visit(p);
  }
  response.set_total_size(total);
  return absl::OkStatus();
}

}  // namespace ndxp::connectors::legal
