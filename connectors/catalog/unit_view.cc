#include "connectors/catalog/unit_view.h"

#include <string>

#include "connectors/catalog/catalog_tables.h"
#include "connectors/common/admin_units.h"

namespace ndxp::connectors::catalog {
namespace {

namespace pb = ::ndxp::catalog::v1;

void Reference(std::string_view code, std::string_view name, bool partial, pb::UnitReference* out) {
  out->set_code(std::string(code));
  out->set_name(std::string(name));
  out->set_partial(partial);
}

void Since(pb::AdministrativeUnit* out) { ToProto(kReorganisationDate, out->mutable_valid_from()); }

void Until(pb::AdministrativeUnit* out) {
  ToProto(FromDays(ReorganisationDay() - 1), out->mutable_valid_to());
}

}  // namespace

void FillCommuneReference(std::uint16_t commune, bool partial, pb::UnitReference* out) {
  const Commune& c = AdminUnits::Get().communes()[commune];
  Reference(c.code_text, c.name, partial, out);
}

void FillProvince(std::uint16_t province, pb::AdministrativeUnit* out) {
  const AdminUnits& units = AdminUnits::Get();
  const Province& p = units.provinces()[province];
  out->set_code(std::string(p.code_text));
  out->set_name(std::string(p.name));
  out->set_level(pb::UNIT_LEVEL_PROVINCE);
  Since(out);
  for (std::uint8_t op : p.old_provinces) {
    const OldProvince& old = units.old_provinces()[op];
    Reference(old.code_text, old.name, false, out->add_predecessors());
  }
}

void FillCommune(std::uint16_t commune, pb::AdministrativeUnit* out) {
  const AdminUnits& units = AdminUnits::Get();
  const Commune& c = units.communes()[commune];
  const Province& p = units.provinces()[c.province];
  out->set_code(std::string(c.code_text));
  out->set_name(std::string(c.name));
  out->set_level(pb::UNIT_LEVEL_COMMUNE);
  Reference(p.code_text, p.name, false, out->mutable_province());
  Since(out);
  for (std::uint32_t old : units.PredecessorsOf(commune)) {
    const OldCommune& o = units.old_communes()[old];
    Reference(o.code_text, o.name, o.successor_count > 1, out->add_predecessors());
  }
}

void FillOldProvince(std::uint8_t old_province, pb::AdministrativeUnit* out) {
  const AdminUnits& units = AdminUnits::Get();
  const OldProvince& p = units.old_provinces()[old_province];
  const Province& next = units.provinces()[p.province];
  out->set_code(std::string(p.code_text));
  out->set_name(std::string(p.name));
  out->set_level(pb::UNIT_LEVEL_PROVINCE);
  Until(out);
  Reference(next.code_text, next.name, false, out->add_successors());
}

void FillOldCommune(std::uint32_t old_commune, pb::AdministrativeUnit* out) {
  const AdminUnits& units = AdminUnits::Get();
  const OldCommune& c = units.old_communes()[old_commune];
  const OldProvince& p = units.old_provinces()[c.old_province];
  out->set_code(std::string(c.code_text));
  out->set_name(std::string(c.name));
  out->set_level(pb::UNIT_LEVEL_COMMUNE);
  Reference(p.code_text, p.name, false, out->mutable_province());
  Until(out);
  const auto successors = units.SuccessorsOf(old_commune);
  for (std::uint16_t s : successors) {
    FillCommuneReference(s, successors.size() > 1, out->add_successors());
  }
}

}  // namespace ndxp::connectors::catalog
