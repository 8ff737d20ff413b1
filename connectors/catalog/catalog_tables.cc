#include "connectors/catalog/catalog_tables.h"

#include <algorithm>
#include <string>
#include <vector>

#include "connectors/common/admin_units.h"

namespace ndxp::connectors::catalog {
namespace {

namespace pb = ::ndxp::catalog::v1;

const std::vector<CatalogTable>& Tables() {
  static const auto* const kTables = [] {
    auto* tables = new std::vector<CatalogTable>();
    for (const CatalogList& list : CatalogLists()) {
      tables->push_back(
          {CatalogTable::Kind::kList, &list, list.id, list.name, list.description, list.source});
    }
    constexpr std::string_view kUnitsSource =
        "Nghị quyết 202/2025/QH15 and the commune resolutions 1654-1687/NQ-UBTVQH15; codes of "
        "the statistics office (letters 915 and 1027/CTK-CSCL); before 1 July 2025 the snapshot "
        "of 1 March 2025 (data set dvhcvn/20250701)";
    tables->push_back({CatalogTable::Kind::kProvinces, nullptr, "provinces",
                       "Danh mục đơn vị hành chính cấp tỉnh",
                       "provinces and centrally governed cities (34 from 1 July 2025, 63 before)",
                       kUnitsSource});
    tables->push_back({CatalogTable::Kind::kCommunes, nullptr, "communes",
                       "Danh mục đơn vị hành chính cấp xã",
                       "communes, wards and special zones (3,321 from 1 July 2025, 10,047 before)",
                       kUnitsSource});
    std::sort(tables->begin(), tables->end(),
              [](const CatalogTable& a, const CatalogTable& b) { return a.id < b.id; });
    return tables;
  }();
  return *kTables;
}

bool After(std::int32_t day) { return day >= ReorganisationDay(); }

void SetValidity(std::int32_t from, std::int32_t to, pb::CatalogEntry* out) {
  if (from != kAlwaysValidFrom) ToProto(FromDays(from), out->mutable_valid_from());
  if (to != kAlwaysValidTo) ToProto(FromDays(to), out->mutable_valid_to());
}

void SetUnitValidity(std::int32_t day, pb::CatalogEntry* out) {
  if (After(day)) {
    SetValidity(ReorganisationDay(), kAlwaysValidTo, out);
  } else {
    SetValidity(kAlwaysValidFrom, ReorganisationDay() - 1, out);
  }
}

}  // namespace

std::int32_t ReorganisationDay() {
  static const std::int32_t kDay = ToDays(kReorganisationDate);
  return kDay;
}

std::span<const CatalogTable> CatalogTables() { return Tables(); }

int FindCatalogTable(std::string_view id) {
  const auto& tables = Tables();
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (tables[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

std::size_t PositionCount(const CatalogTable& table, std::int32_t day) {
  const AdminUnits& units = AdminUnits::Get();
  switch (table.kind) {
    case CatalogTable::Kind::kList:
      return table.list->entries.size();
    case CatalogTable::Kind::kProvinces:
      return After(day) ? units.provinces().size() : units.old_provinces().size();
    case CatalogTable::Kind::kCommunes:
      return After(day) ? units.communes().size() : units.old_communes().size();
  }
  return 0;
}

bool EntryAt(const CatalogTable& table, std::size_t position, std::int32_t day,
             pb::CatalogEntry* out) {
  const AdminUnits& units = AdminUnits::Get();
  if (position >= PositionCount(table, day)) return false;
  if (table.kind == CatalogTable::Kind::kList) {
    const CatalogEntry& entry = table.list->entries[position];
    if (!entry.InForceOn(day)) return false;
    if (out == nullptr) return true;
    out->set_code(std::string(entry.code));
    out->set_name(std::string(entry.name));
    out->set_note(std::string(entry.note));
    SetValidity(entry.valid_from, entry.valid_to, out);
    return true;
  }
  if (out == nullptr) return true;
  if (table.kind == CatalogTable::Kind::kProvinces) {
    const auto& p = After(day) ? units.provinces()[position].code_text
                               : units.old_provinces()[position].code_text;
    out->set_code(std::string(p));
    out->set_name(std::string(After(day) ? units.provinces()[position].name
                                         : units.old_provinces()[position].name));
  } else if (After(day)) {
    const Commune& c = units.communes()[position];
    out->set_code(std::string(c.code_text));
    out->set_name(std::string(c.name));
    out->set_parent_code(std::string(units.provinces()[c.province].code_text));
  } else {
    const OldCommune& c = units.old_communes()[position];
    out->set_code(std::string(c.code_text));
    out->set_name(std::string(c.name));
    out->set_parent_code(std::string(units.old_provinces()[c.old_province].code_text));
  }
  SetUnitValidity(day, out);
  return true;
}

int EntryCount(const CatalogTable& table, std::int32_t day) {
  if (table.kind != CatalogTable::Kind::kList) {
    return static_cast<int>(PositionCount(table, day));
  }
  int count = 0;
  for (const CatalogEntry& entry : table.list->entries) count += entry.InForceOn(day) ? 1 : 0;
  return count;
}

void FillCatalog(const CatalogTable& table, std::int32_t day, pb::Catalog* out) {
  out->set_catalog_id(std::string(table.id));
  out->set_name(std::string(table.name));
  out->set_description(std::string(table.description));
  out->set_source(std::string(table.source));
  out->set_entry_count(EntryCount(table, day));
}

}  // namespace ndxp::connectors::catalog
