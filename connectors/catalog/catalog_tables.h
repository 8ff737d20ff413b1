#pragma once
// Every catalog the connector serves behind one interface: the shared lists of
// connectors/common/catalogs.h and two catalogs of administrative units ("provinces",
// "communes"), whose entries on a date are the units in force on it (the 34 provinces and 3,321
// communes from 1 July 2025, the 63 and 10,047 before).

#include <cstdint>
#include <span>
#include <string_view>

#include "connectors/common/catalogs.h"
#include "connectors/common/dates.h"
#include "ndxp/catalog/v1/catalog.pb.h"

namespace ndxp::connectors::catalog {

// First day of the two-tier administrative units (Nghị quyết 202/2025/QH15).
inline constexpr CivilDate kReorganisationDate{2025, 7, 1};
std::int32_t ReorganisationDay();

struct CatalogTable {
  enum class Kind { kList, kProvinces, kCommunes };
  Kind kind = Kind::kList;
  const CatalogList* list = nullptr;  // kList
  std::string_view id, name, description, source;
};

// Every catalog, ordered by id.
std::span<const CatalogTable> CatalogTables();
// Index of the catalog with this id in CatalogTables(), or -1.
int FindCatalogTable(std::string_view id);

// Number of positions of a catalog (entries of every date); position order is code order.
std::size_t PositionCount(const CatalogTable& table, std::int32_t day);
// Whether the entry at `position` is in force on `day`; if so and `out` is set, fills it.
bool EntryAt(const CatalogTable& table, std::size_t position, std::int32_t day,
             ::ndxp::catalog::v1::CatalogEntry* out);
// Number of entries in force on `day`.
int EntryCount(const CatalogTable& table, std::int32_t day);
void FillCatalog(const CatalogTable& table, std::int32_t day, ::ndxp::catalog::v1::Catalog* out);

}  // namespace ndxp::connectors::catalog
