#pragma once
// The shared lists (danh mục dùng chung) every connector spells its names from: ethnic groups,
// religions, nationalities, identity-document types, document types and the bodies that issue
// legal documents. Embedded, immutable, the one place each name is written (the issuers and the
// legal normative document types come from document_number.h, not a copy): the catalog connector
// serves these lists and other connectors call the same functions (population's ethnic group,
// religion and nationality names come from here). Administrative units are in admin_units.h.
//
// An entry may have a validity period (the ministries reorganised on 1 March 2025, identity
// cards replaced on 1 July 2024); GetCatalog answers the entries in force on a date.

#include <cstdint>
#include <limits>
#include <span>
#include <string_view>

#include "connectors/common/dates.h"

namespace ndxp::connectors {

inline constexpr std::int32_t kAlwaysValidFrom = std::numeric_limits<std::int32_t>::min();
inline constexpr std::int32_t kAlwaysValidTo = std::numeric_limits<std::int32_t>::max();

struct CatalogEntry {
  std::string_view code;                       // unique within its catalog
  std::string_view name;                       // Vietnamese, with diacritics
  std::string_view note;                       // other names, or what it replaced (may be empty)
  std::int32_t valid_from = kAlwaysValidFrom;  // first day in force (days since 1970-01-01)
  std::int32_t valid_to = kAlwaysValidTo;      // last day in force

  bool InForceOn(std::int32_t day) const { return valid_from <= day && day <= valid_to; }
};

struct CatalogList {
  std::string_view id;                    // "ethnic-groups"
  std::string_view name;                  // "Danh mục các dân tộc Việt Nam"
  std::string_view description;           // one line, in English
  std::string_view source;                // where the list comes from, and how sure it is
  std::span<const CatalogEntry> entries;  // ordered by code
};

// Every embedded list, ordered by id.
std::span<const CatalogList> CatalogLists();
// The list with this id, or nullptr.
const CatalogList* FindCatalogList(std::string_view id);
// The entry with this code in `list`, or nullptr.
const CatalogEntry* FindCatalogEntry(const CatalogList& list, std::string_view code);

// The 54 ethnic groups of Vietnam, codes 1..54 in the statistics office's order ("01" Kinh).
inline constexpr int kEthnicGroupCount = 54;
std::string_view EthnicGroupName(int code);  // "" outside 1..54
// Religions recognised in Vietnam; code 0 is "Không" (none).
inline constexpr int kReligionCount = 17;  // 0..16
std::string_view ReligionName(int code);   // "" outside 0..16
// The Vietnamese name of a nationality by ISO 3166-1 alpha-2 code ("VN" -> "Việt Nam"), or "".
std::string_view NationalityName(std::string_view alpha2);

}  // namespace ndxp::connectors
