#include "connectors/common/document_number.h"

#include <array>

#include "connectors/common/text.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"
#include "gateway/core/utf8.h"

namespace ndxp::connectors {
namespace {

constexpr int kStill = 9999;

// Stable order: the store and page tokens keep these indexes.
constexpr Issuer kIssuers[] = {
    {"CP", "Chính phủ", 1945, kStill, false},
    {"TTg", "Thủ tướng Chính phủ", 1945, kStill, false},
    {"QH", "Quốc hội", 1946, kStill, false},
    {"UBTVQH", "Ủy ban Thường vụ Quốc hội", 1946, kStill, false},
    {"BCA", "Bộ Công an", 1998, kStill, true},
    {"BTC", "Bộ Tài chính", 1945, kStill, true},
    {"BTP", "Bộ Tư pháp", 1945, kStill, true},
    {"BYT", "Bộ Y tế", 1945, kStill, true},
    {"BXD", "Bộ Xây dựng", 1958, kStill, true},
    {"BNV", "Bộ Nội vụ", 1945, kStill, true},
    {"BNNMT", "Bộ Nông nghiệp và Môi trường", 2025, kStill, true},
    {"BTNMT", "Bộ Tài nguyên và Môi trường", 2002, 2025, true},
    {"BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn", 1995, 2025, true},
    {"BGDĐT", "Bộ Giáo dục và Đào tạo", 1990, kStill, true},
    {"BLĐTBXH", "Bộ Lao động - Thương binh và Xã hội", 1987, 2025, true},
    {"BCT", "Bộ Công Thương", 2007, kStill, true},
    {"BGTVT", "Bộ Giao thông vận tải", 1945, 2025, true},
    {"BTTTT", "Bộ Thông tin và Truyền thông", 2007, 2025, true},
    {"BKHĐT", "Bộ Kế hoạch và Đầu tư", 1995, 2025, true},
    {"BKHCN", "Bộ Khoa học và Công nghệ", 2002, kStill, true},
    {"BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch", 2007, kStill, true},
    {"BQP", "Bộ Quốc phòng", 1945, kStill, true},
    {"NHNN", "Ngân hàng Nhà nước Việt Nam", 1951, kStill, true},
};
constexpr int kGovernment = 0, kPrimeMinister = 1, kAssembly = 2, kStanding = 3;

struct Term {
  int term, first, last;
};
constexpr Term kTerms[] = {{11, 2002, 2007}, {12, 2007, 2011}, {13, 2011, 2016},
                           {14, 2016, 2021}, {15, 2021, 2026}};

struct TypeName {
  SymbolType type;
  std::string_view text;   // canonical
  std::string_view folded; // upper-case ASCII
  std::string_view name;
};
constexpr TypeName kTypes[] = {
    {SymbolType::kDecree, "NĐ", "ND", "nghị định"},
    {SymbolType::kResolution, "NQ", "NQ", "nghị quyết"},
    {SymbolType::kDecision, "QĐ", "QD", "quyết định"},
    {SymbolType::kCircular, "TT", "TT", "thông tư"},
    {SymbolType::kJoint, "TTLT", "TTLT", "thông tư liên tịch"},
};

constexpr std::string_view kExample = "e.g. 13/2023/NĐ-CP";

// Upper-case ASCII with Đ/đ as D; false when `text` holds anything but ASCII letters, digits and
// Đ/đ.
bool FoldSymbolPart(std::string_view text, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      out.push_back(c);
    } else if (c >= 'a' && c <= 'z') {
      out.push_back(static_cast<char>(c - 'a' + 'A'));
    } else if (c == '\xC4' && i + 1 < text.size() && (text[i + 1] == '\x90' || text[i + 1] == '\x91')) {
      out.push_back('D');
      ++i;
    } else {
      return false;
    }
  }
  return true;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

absl::Status Bad(std::string_view field, std::string_view what) {
  return core::FieldViolation(field, what);
}

// The issuer-only symbol of the National Assembly or its Standing Committee: "QH15".
absl::Status ParseAssemblySymbol(std::string_view field, std::string_view text, int issuer,
                                 std::string_view digits, int year, DocumentSymbol& out) {
  if (!AllDigits(digits) || digits.size() > 2) {
    return Bad(field, core::Cat("the symbol ", text, " must end in the National Assembly term, e.g. QH15"));
  }
  const int term = ToInt(digits);
  int first = 0, last = 0;
  if (!AssemblyTermYears(term, first, last)) {
    return Bad(field, core::Cat("the symbol ", text, " names term ", term,
                                "; the known National Assembly terms are 11 to 15"));
  }
  if (year < first || year > last) {
    return Bad(field, core::Cat("the ", term, "th National Assembly sat from ", first, " to ", last,
                                ", not in ", year));
  }
  out.type = SymbolType::kNone;
  out.issuers[0] = static_cast<std::uint8_t>(issuer);
  out.issuer_count = 1;
  out.term = static_cast<std::uint8_t>(term);
  return absl::OkStatus();
}

absl::Status CheckPair(std::string_view field, const DocumentSymbol& s) {
  const auto only = [&](int issuer, std::string_view what) -> absl::Status {
    if (s.issuer_count == 1 && s.issuers[0] == issuer) return absl::OkStatus();
    return Bad(field, what);
  };
  switch (s.type) {
    case SymbolType::kDecree:
      return only(kGovernment, "a decree (NĐ) is issued by the Government: the symbol is NĐ-CP");
    case SymbolType::kResolution:
      return only(kGovernment,
                  "a resolution with a type part is the Government's (NQ-CP); resolutions of the "
                  "National Assembly are numbered .../QH<term>");
    case SymbolType::kDecision:
      return only(kPrimeMinister,
                  "a legal normative decision (QĐ) is the Prime Minister's: the symbol is QĐ-TTg");
    case SymbolType::kCircular:
      if (s.issuer_count != 1) {
        return Bad(field, "a circular (TT) names one ministry; several make a joint circular (TTLT)");
      }
      if (!kIssuers[s.issuers[0]].ministry) {
        return Bad(field, core::Cat("a circular (TT) is issued by a ministry, not by ",
                                    kIssuers[s.issuers[0]].code));
      }
      return absl::OkStatus();
    case SymbolType::kJoint:
      if (s.issuer_count < 2) {
        return Bad(field, "a joint circular (TTLT) names two or three ministries");
      }
      for (int i = 0; i < s.issuer_count; ++i) {
        if (!kIssuers[s.issuers[i]].ministry) {
          return Bad(field, core::Cat("a joint circular (TTLT) is issued by ministries, not by ",
                                      kIssuers[s.issuers[i]].code));
        }
        for (int j = 0; j < i; ++j) {
          if (s.issuers[j] == s.issuers[i]) {
            return Bad(field, core::Cat("the joint circular names ", kIssuers[s.issuers[i]].code,
                                        " twice"));
          }
        }
      }
      return absl::OkStatus();
    case SymbolType::kNone:
      break;
  }
  return absl::OkStatus();
}

absl::Status ParseSymbol(std::string_view field, std::string_view text, int year,
                         DocumentSymbol& out) {
  if (text.empty()) return Bad(field, core::Cat("the symbol (after the second /) is missing, ", kExample));
  std::string folded;
  if (text.find('-') == std::string_view::npos) {
    if (!FoldSymbolPart(text, folded)) {
      return Bad(field, "the symbol may hold only letters, digits and hyphens");
    }
    for (int issuer : {kStanding, kAssembly}) {
      const std::string_view code = kIssuers[issuer].code;
      if (folded.size() >= code.size() && std::string_view(folded).substr(0, code.size()) == code) {
        return ParseAssemblySymbol(field, text, issuer, std::string_view(folded).substr(code.size()),
                                   year, out);
      }
    }
    return Bad(field, core::Cat("the symbol must be TYPE-ISSUER (e.g. NĐ-CP, TT-BTC) or the "
                                "National Assembly's QH<term>, not ", text));
  }
  std::size_t start = 0;
  int part = 0;
  std::string issuer_folded;
  while (start <= text.size()) {
    std::size_t dash = text.find('-', start);
    if (dash == std::string_view::npos) dash = text.size();
    const std::string_view token = text.substr(start, dash - start);
    if (token.empty()) return Bad(field, "the symbol has an empty part between hyphens");
    if (!FoldSymbolPart(token, folded)) {
      return Bad(field, "the symbol may hold only letters, digits and hyphens");
    }
    if (part == 0) {
      out.type = SymbolType::kNone;
      for (const TypeName& t : kTypes) {
        if (folded == t.folded) out.type = t.type;
      }
      if (out.type == SymbolType::kNone) {
        return Bad(field, core::Cat("the type ", token, " is not one of NĐ, NQ, QĐ, TT, TTLT"));
      }
      out.issuer_count = 0;
    } else {
      if (out.issuer_count == 3) return Bad(field, "the symbol names more than three issuers");
      const int issuer = FindIssuer(token);
      if (issuer < 0 || issuer == kAssembly || issuer == kStanding) {
        return Bad(field, core::Cat("the issuer ", token, " is not a known issuing body"));
      }
      const Issuer& info = kIssuers[issuer];
      if (year < info.first_year) {
        return Bad(field, core::Cat(info.code, " issued documents only from ", info.first_year,
                                    ", not in ", year));
      }
      if (year > info.last_year) {
        return Bad(field, core::Cat(info.code, " issued documents only until ", info.last_year,
                                    ", not in ", year));
      }
      out.issuers[out.issuer_count++] = static_cast<std::uint8_t>(issuer);
    }
    ++part;
    start = dash + 1;
  }
  if (out.issuer_count == 0) return Bad(field, "the symbol names no issuer after the type");
  return CheckPair(field, out);
}

}  // namespace

std::span<const Issuer> Issuers() { return kIssuers; }

int FindIssuer(std::string_view code) {
  std::string folded, table;
  if (!FoldSymbolPart(code, folded)) return -1;
  for (std::size_t i = 0; i < std::size(kIssuers); ++i) {
    FoldSymbolPart(kIssuers[i].code, table);
    if (table == folded) return static_cast<int>(i);
  }
  return -1;
}

int GovernmentIssuer() { return kGovernment; }
int PrimeMinisterIssuer() { return kPrimeMinister; }
int AssemblyIssuer() { return kAssembly; }
int StandingCommitteeIssuer() { return kStanding; }

bool AssemblyTermYears(int term, int& first_year, int& last_year) {
  for (const Term& t : kTerms) {
    if (t.term == term) {
      first_year = t.first;
      last_year = t.last;
      return true;
    }
  }
  return false;
}

int AssemblyTermOf(int year) {
  int term = kTerms[0].term;
  for (const Term& t : kTerms) {
    if (year >= t.first) term = t.term;
  }
  return term;
}

std::uint64_t DocumentKey(const DocumentNumber& n) {
  const DocumentSymbol& s = n.symbol;
  return std::uint64_t{static_cast<std::uint8_t>(s.type)} << 61 |
         std::uint64_t{s.issuers[0]} << 54 | std::uint64_t{s.issuers[1]} << 47 |
         std::uint64_t{s.issuers[2]} << 40 | std::uint64_t{s.issuer_count & 3u} << 38 |
         std::uint64_t{s.term & 0x3Fu} << 32 | std::uint64_t{n.year} << 16 | n.number;
}

DocumentNumber FromDocumentKey(std::uint64_t key) {
  DocumentNumber n;
  n.number = static_cast<std::uint16_t>(key & 0xFFFF);
  n.year = static_cast<std::uint16_t>(key >> 16 & 0xFFFF);
  n.symbol.term = static_cast<std::uint8_t>(key >> 32 & 0x3F);
  n.symbol.issuer_count = static_cast<std::uint8_t>(key >> 38 & 3);
  n.symbol.issuers[2] = static_cast<std::uint8_t>(key >> 40 & 0x7F);
  n.symbol.issuers[1] = static_cast<std::uint8_t>(key >> 47 & 0x7F);
  n.symbol.issuers[0] = static_cast<std::uint8_t>(key >> 54 & 0x7F);
  n.symbol.type = static_cast<SymbolType>(key >> 61 & 7);
  return n;
}

absl::StatusOr<DocumentNumber> ParseDocumentNumber(std::string_view text, std::string_view field,
                                                   int latest_year) {
  if (text.empty()) return Bad(field, core::Cat("is required, ", kExample));
  if (text.size() > 64) return Bad(field, "must be at most 64 bytes long");
  if (!core::IsValidUtf8(text)) return Bad(field, "must be valid UTF-8");
  std::array<std::string_view, 3> parts;
  std::size_t count = 0, start = 0;
  for (;;) {
    const std::size_t slash = text.find('/', start);
    if (count < parts.size()) parts[count] = text.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    ++count;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (count == 2) {
    return Bad(field, core::Cat("the year is missing: a legal normative document is numbered "
                                "number/year/symbol, ", kExample,
                                " (number/symbol without a year is an administrative document)"));
  }
  if (count != 3) return Bad(field, core::Cat("must be number/year/symbol, ", kExample));
  DocumentNumber out;
  if (!AllDigits(parts[0]) || parts[0].size() > 4) {
    return Bad(field, "the number (before the first /) must be 1 to 4 digits");
  }
  out.number = static_cast<std::uint16_t>(ToInt(parts[0]));
  if (out.number == 0) return Bad(field, "the number (before the first /) must not be 0");
  if (!AllDigits(parts[1]) || parts[1].size() != 4) {
    return Bad(field, "the year (between the two /) must be four digits");
  }
  const int year = ToInt(parts[1]);
  if (year < 1945) return Bad(field, "the year must be 1945 or later");
  if (year > latest_year) {
    return Bad(field, core::Cat("the year ", year, " is after ", latest_year,
                                ", the last year of the database"));
  }
  out.year = static_cast<std::uint16_t>(year);
  if (absl::Status s = ParseSymbol(field, parts[2], year, out.symbol); !s.ok()) return s;
  return out;
}

std::string FormatSymbol(const DocumentSymbol& s) {
  if (s.type == SymbolType::kNone) return core::Cat(kIssuers[s.issuers[0]].code, int{s.term});
  std::string out;
  for (const TypeName& t : kTypes) {
    if (t.type == s.type) out = std::string(t.text);
  }
  for (int i = 0; i < s.issuer_count; ++i) core::Append(out, "-", kIssuers[s.issuers[i]].code);
  return out;
}

std::string FormatDocumentNumber(const DocumentNumber& n) {
  return core::Cat(n.number < 10 ? "0" : "", int{n.number}, "/", int{n.year}, "/",
                   FormatSymbol(n.symbol));
}

std::string_view DocumentKindName(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kLaw:
      return "Luật";
    case DocumentKind::kAssemblyResolution:
    case DocumentKind::kStandingResolution:
    case DocumentKind::kGovernmentResolution:
      return "Nghị quyết";
    case DocumentKind::kDecree:
      return "Nghị định";
    case DocumentKind::kDecision:
      return "Quyết định";
    case DocumentKind::kCircular:
      return "Thông tư";
    case DocumentKind::kJointCircular:
      return "Thông tư liên tịch";
  }
  return "";
}

SymbolType SymbolTypeOf(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kDecree:
      return SymbolType::kDecree;
    case DocumentKind::kGovernmentResolution:
      return SymbolType::kResolution;
    case DocumentKind::kDecision:
      return SymbolType::kDecision;
    case DocumentKind::kCircular:
      return SymbolType::kCircular;
    case DocumentKind::kJointCircular:
      return SymbolType::kJoint;
    default:
      return SymbolType::kNone;
  }
}

}  // namespace ndxp::connectors
