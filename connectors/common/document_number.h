#pragma once
// Numbers of legal normative documents (số ký hiệu văn bản quy phạm pháp luật), shared docs
// domain-formats.md §8b: `number/year/SYMBOL`, e.g. "13/2023/NĐ-CP" (Government decree),
// "19/2025/QĐ-TTg" (Prime Minister's decision), "105/2020/TT-BTC" (Ministry of Finance circular),
// "03/2016/TTLT-BCA-BTC" (joint circular), "45/2019/QH14" (law of the 14th National Assembly:
// the symbol is the issuer alone, its term included). The number restarts each year per issuer
// and type (for the National Assembly and its Standing Committee: per term).
//
// Parsing checks each part and says which one is wrong: the number (1 to 4 digits, not 0), the
// year (four digits, not after the data's snapshot year), the type (NĐ decree, NQ resolution, QĐ
// decision, TT circular, TTLT joint circular), the issuer (a known body, in existence that year:
// BTNMT until 2025, BNNMT from 2025), the pair (a decree is the Government's, a circular a
// ministry's ...) and the National Assembly term against the year. Letters compare without case,
// and Đ may be written D ("13/2023/ND-CP"); the canonical form is what Format gives.

#include <absl/status/statusor.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "connectors/common/dates.h"

namespace ndxp::connectors {

// The kinds of document a symbol can name. Laws, National Assembly resolutions and ordinances
// share the issuer-only symbol (QH<term>, UBTVQH<term>), so the type is not in their number.
enum class DocumentKind : std::uint8_t {
  kLaw,               // Luật (QH)
  kAssemblyResolution,  // Nghị quyết of the National Assembly (QH)
  kStandingResolution,  // Nghị quyết of its Standing Committee (UBTVQH)
  kDecree,            // Nghị định (NĐ-CP)
  kGovernmentResolution,  // Nghị quyết of the Government (NQ-CP)
  kDecision,          // Quyết định of the Prime Minister (QĐ-TTg)
  kCircular,          // Thông tư of a minister (TT-<ministry>)
  kJointCircular,     // Thông tư liên tịch (TTLT-<ministry>-<ministry>[-<ministry>])
};

// The document-type part of a symbol.
enum class SymbolType : std::uint8_t { kNone, kDecree, kResolution, kDecision, kCircular, kJoint };

struct Issuer {
  std::string_view code;  // "BTC"
  std::string_view name;  // "Bộ Tài chính"
  int first_year = 0;     // first year it issued documents under this code
  int last_year = 0;      // last year (9999: still exists)
  bool ministry = false;  // may issue circulars
};

// Every issuer the parser knows; indexes are stable (the store keeps them).
std::span<const Issuer> Issuers();
// Index of an issuer code (case-insensitive, Đ or D), or -1.
int FindIssuer(std::string_view code);
// Issuer indexes of the Government, the Prime Minister, the National Assembly and its Standing
// Committee.
int GovernmentIssuer();
int PrimeMinisterIssuer();
int AssemblyIssuer();
int StandingCommitteeIssuer();

// The years of a National Assembly term (khóa), e.g. 15: 2021..2026; false for unknown terms.
bool AssemblyTermYears(int term, int& first_year, int& last_year);
// The term in office in `year` (the later one in an election year).
int AssemblyTermOf(int year);

struct DocumentSymbol {
  SymbolType type = SymbolType::kNone;
  std::uint8_t issuers[3] = {0, 0, 0};  // Issuers() indexes; QH/UBTVQH for kNone
  std::uint8_t issuer_count = 1;
  std::uint8_t term = 0;  // National Assembly term for QH / UBTVQH
  friend bool operator==(const DocumentSymbol&, const DocumentSymbol&) = default;
};

struct DocumentNumber {
  std::uint16_t number = 0;  // 1..9999
  std::uint16_t year = 0;
  DocumentSymbol symbol;
  friend bool operator==(const DocumentNumber&, const DocumentNumber&) = default;
};

// A 64-bit key, equal for equal numbers, ordered by symbol, then year, then number.
std::uint64_t DocumentKey(const DocumentNumber& number);
DocumentNumber FromDocumentKey(std::uint64_t key);

// Parses `text`; errors are core::FieldViolation on `field` naming the wrong part.
absl::StatusOr<DocumentNumber> ParseDocumentNumber(std::string_view text,
                                                   std::string_view field = "document_number",
                                                   int latest_year = kSnapshotDate.year);

// "13/2023/NĐ-CP": the number at least two digits, canonical symbols.
std::string FormatDocumentNumber(const DocumentNumber& number);
// "NĐ-CP", "QH15", "TTLT-BCA-BTC".
std::string FormatSymbol(const DocumentSymbol& symbol);

// "Nghị định", "Thông tư", "Luật" ...
std::string_view DocumentKindName(DocumentKind kind);
// The symbol type a document kind is numbered under.
SymbolType SymbolTypeOf(DocumentKind kind);

}  // namespace ndxp::connectors
