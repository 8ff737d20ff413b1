#pragma once
// Main business lines (a realistic subset of VSIC 2018 level-4 codes, Quyết định 27/2018/QĐ-TTg)
// and the words Vietnamese company names are built from ("Công ty TNHH Thương mại Dịch vụ
// Minh Phát"), with their English renderings for registered foreign names.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "connectors/common/rng.h"

namespace ndxp::connectors::business {

struct Industry {
  std::string_view code;    // "6201"
  std::string_view name;    // "Lập trình máy vi tính"
  std::uint8_t phrases[3];  // name phrases that fit (kNoPhrase when fewer)
  std::uint16_t weight;     // relative frequency among new registrations
};
inline constexpr std::uint8_t kNoPhrase = 0xFF;

struct NamePhrase {
  std::string_view vietnamese;  // "Thương mại Dịch vụ"
  std::string_view english;     // "TRADING AND SERVICES"
};

std::span<const Industry> Industries();
std::span<const NamePhrase> NamePhrases();
std::uint8_t PickIndustry(Rng& rng);
std::uint8_t PickPhrase(Rng& rng, std::uint8_t industry);
// VSIC codes of the two partnership-typical lines (law firms, audit firms).
bool IsLawIndustry(std::uint8_t industry);
bool IsAuditIndustry(std::uint8_t industry);

// Brand names: two auspicious Sino-Vietnamese words, e.g. "Minh Phát", "Hoàng Long".
std::size_t BrandFirstCount();
std::size_t BrandSecondCount();
std::string_view BrandFirst(std::uint8_t index);
std::string_view BrandSecond(std::uint8_t index);
// Qualifiers that tell similar names apart ("Việt Nam", "Quốc tế"); index 0 is none. Indexes at
// or past QualifierWordCount() are rendered as numbers ("Minh Phát 68").
std::size_t QualifierWordCount();
std::string QualifierText(std::uint16_t qualifier);

}  // namespace ndxp::connectors::business
