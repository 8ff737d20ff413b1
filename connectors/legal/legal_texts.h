#pragma once
// The words legal documents are made of: subjects of regulation (topics) with their law, their
// ministry and their field, and the title and summary forms of each kind of document. Documents
// hold indexes into these tables; text is built when asked for.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "connectors/common/document_number.h"

namespace ndxp::connectors::legal {

struct Topic {
  std::string_view phrase;  // "thuế thu nhập cá nhân" (after "về")
  std::string_view law;     // "Thuế thu nhập cá nhân" (after "Luật")
  std::string_view ministry;  // issuer code of the ministry in charge before March 2025
  std::string_view field;   // "Thuế - Phí - Lệ phí"
  std::uint32_t weight = 1;
};

std::span<const Topic> Topics();

// The ministry in charge of a topic on a day: its pre-2025 ministry, or the one that took it
// over in the reorganisation of 1 March 2025 (BTNMT, BNNPTNT -> BNNMT; BLĐTBXH -> BNV; BGTVT ->
// BXD; BTTTT -> BKHCN; BKHĐT -> BTC). An Issuers() index.
int MinistryOf(const Topic& topic, std::int32_t day);

// How many title forms a kind has (form indexes are below it).
int FormCount(DocumentKind kind);
// Phrases of scope and of subjects used in summaries.
int ScopeCount();
int SubjectCount();

struct TitleParts {
  DocumentKind kind = DocumentKind::kCircular;
  std::uint8_t form = 0;
  const Topic* topic = nullptr;
  // For an amending document: the amended one's kind and number.
  bool amends = false;
  DocumentKind target_kind = DocumentKind::kCircular;
  std::string_view target_number;
};

// "Nghị định quy định xử phạt vi phạm hành chính trong lĩnh vực đất đai".
std::string TitleText(const TitleParts& parts);
// "Nghị định này quy định trình tự, thủ tục về đất đai. Đối tượng áp dụng: ... ".
std::string SummaryText(const TitleParts& parts, std::uint8_t scope, std::uint8_t subjects,
                        bool replaces, std::string_view replaced_number);

}  // namespace ndxp::connectors::legal
