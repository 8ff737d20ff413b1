#include "connectors/business/enterprise_view.h"

#include <cstdio>

#include "connectors/business/dossier_generator.h"
#include "connectors/business/industries.h"
#include "connectors/common/admin_units.h"
#include "connectors/common/dates.h"
#include "connectors/common/enterprise_code.h"
#include "connectors/common/personal_id.h"
#include "connectors/common/text.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors::business {
namespace {

namespace pb = ::ndxp::business::v1;

std::string Brand(const CompanyName& n) {
  std::string brand = core::Cat(BrandFirst(n.brand_first), " ", BrandSecond(n.brand_second));
  if (n.qualifier != 0) core::Append(brand, " ", QualifierText(n.qualifier));
  return brand;
}

std::string_view Phrase(const CompanyName& n) { return NamePhrases()[n.phrase].vietnamese; }

std::string ForeignName(const Enterprise& e) {
  const std::string brand = AsciiUpper(FoldToAscii(Brand(e.name)));
  const std::string_view phrase = NamePhrases()[e.name.phrase].english;
  switch (e.legal_form) {
    case pb::LEGAL_FORM_JOINT_STOCK:
      return core::Cat(brand, " ", phrase, " JOINT STOCK COMPANY");
    case pb::LEGAL_FORM_PARTNERSHIP:
      return core::Cat(brand, " ", phrase, " PARTNERSHIP");
    default:
      return core::Cat(brand, " ", phrase, " COMPANY LIMITED");
  }
}

std::string ShortName(const Enterprise& e) {
  const std::string brand = AsciiUpper(FoldToAscii(Brand(e.name)));
  switch (e.legal_form) {
    case pb::LEGAL_FORM_JOINT_STOCK:
      return core::Cat(brand, " JSC");
    case pb::LEGAL_FORM_PARTNERSHIP:
      return brand;
    default:
      return core::Cat(brand, " CO., LTD");
  }
}

// "Thành phố Đà Nẵng" stays whole; "Tỉnh Gia Lai" becomes "Gia Lai", as in unit names.
std::string_view PlaceName(std::uint16_t commune) {
  const AdminUnits& units = AdminUnits::Get();
  std::string_view name = units.provinces()[units.communes()[commune].province].name;
  constexpr std::string_view kProvince = "Tỉnh ";
  if (name.starts_with(kProvince)) name.remove_prefix(kProvince.size());
  return name;
}

void FillRepresentative(const EnterpriseStore& store, std::uint32_t citizen, pb::Enterprise* out) {
  const auto& c = store.population().citizens()[citizen];
  out->set_legal_representative_name(store.population().FullName(c));
  out->set_legal_representative_personal_id(FormatPersonalId(c.id));
}

}  // namespace

std::string CompanyNameText(const Enterprise& e) {
  const std::string brand = Brand(e.name);
  switch (e.legal_form) {
    case pb::LEGAL_FORM_SINGLE_MEMBER_LLC: {
      static constexpr std::string_view kForms[] = {"Công ty TNHH", "Công ty TNHH Một thành viên",
                                                    "Công ty TNHH MTV"};
      return core::Cat(kForms[e.name.variant % 3], " ", Phrase(e.name), " ", brand);
    }
    case pb::LEGAL_FORM_MULTI_MEMBER_LLC:
      if (IsLawIndustry(e.industry)) return core::Cat("Công ty Luật TNHH ", brand);
      return core::Cat("Công ty TNHH ", Phrase(e.name), " ", brand);
    case pb::LEGAL_FORM_JOINT_STOCK:
      return core::Cat("Công ty Cổ phần ", Phrase(e.name), " ", brand);
    case pb::LEGAL_FORM_PRIVATE_ENTERPRISE:
      return core::Cat("Doanh nghiệp tư nhân ", Phrase(e.name), " ", brand);
    case pb::LEGAL_FORM_PARTNERSHIP:
      if (IsLawIndustry(e.industry)) return core::Cat("Công ty Luật Hợp danh ", brand);
      return core::Cat("Công ty Hợp danh ", Phrase(e.name), " ", brand);
  }
  return brand;
}

std::string UnitNameText(const EnterpriseStore& store, const DependentUnit& u) {
  const Enterprise& parent = store.enterprises()[u.parent];
  const std::string parent_name = CompanyNameText(parent);
  const AdminUnits& units = AdminUnits::Get();
  if (u.kind == pb::UNIT_KIND_REPRESENTATIVE_OFFICE) {
    return core::Cat("Văn phòng đại diện ", parent_name, " tại ", PlaceName(u.commune));
  }
  if (units.communes()[u.commune].province == units.communes()[parent.commune].province) {
    return core::Cat("Chi nhánh ", units.communes()[u.commune].name, " - ", parent_name);
  }
  return core::Cat("Chi nhánh ", parent_name, " tại ", PlaceName(u.commune));
}

std::string DossierId(const Dossier& d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "DKKD-%02d-%04d-%06d", static_cast<int>(d.key / 10'000'000'000ULL),
                static_cast<int>(d.key / 1'000'000 % 10'000), static_cast<int>(d.key % 1'000'000));
  return buf;
}

void FillEnterprise(const EnterpriseStore& store, const Enterprise& e, pb::Enterprise* out) {
  out->set_enterprise_code(FormatEnterpriseCode(e.code));
  out->set_kind(pb::UNIT_KIND_ENTERPRISE);
  out->set_name(CompanyNameText(e));
  if (e.foreign_name) {
    out->set_foreign_name(ForeignName(e));
    out->set_short_name(ShortName(e));
  }
  out->set_legal_form(static_cast<pb::LegalForm>(e.legal_form));
  out->set_status(static_cast<pb::OperatingStatus>(e.status));
  ToProto(FromDays(e.registration_day), out->mutable_registration_date());
  FillAddress(e.street, e.commune, out->mutable_head_office());
  out->set_charter_capital_vnd(e.charter_capital_vnd);
  FillRepresentative(store, e.representative, out);
  out->set_main_industry_code(std::string(Industries()[e.industry].code));
  out->set_main_industry_name(std::string(Industries()[e.industry].name));
  for (const DependentUnit& u : store.UnitsOf(e)) {
    out->add_dependent_unit_codes(FormatEnterpriseCode(e.code, u.suffix));
  }
}

void FillDependentUnit(const EnterpriseStore& store, const DependentUnit& u, pb::Enterprise* out) {
  const Enterprise& parent = store.enterprises()[u.parent];
  out->set_enterprise_code(FormatEnterpriseCode(parent.code, u.suffix));
  out->set_kind(static_cast<pb::UnitKind>(u.kind));
  out->set_parent_enterprise_code(FormatEnterpriseCode(parent.code));
  out->set_name(UnitNameText(store, u));
  out->set_status(static_cast<pb::OperatingStatus>(u.status));
  ToProto(FromDays(u.registration_day), out->mutable_registration_date());
  FillAddress(u.street, u.commune, out->mutable_head_office());
  FillRepresentative(store, u.head, out);
  out->set_main_industry_code(std::string(Industries()[parent.industry].code));
  out->set_main_industry_name(std::string(Industries()[parent.industry].name));
}

void FillDossier(const EnterpriseStore& store, const Dossier& d, pb::RegistrationDossier* out) {
  out->set_dossier_id(DossierId(d));
  out->set_procedure_name(std::string(DossierProcedure(d.procedure)));
  char province[16];
  std::snprintf(province, sizeof province, "%02d", static_cast<int>(d.key / 10'000'000'000ULL));
  out->set_province_code(province);
  for (const DossierEvent& ev : store.EventsOf(d)) {
    pb::DossierEvent* event = out->add_history();
    event->set_state(static_cast<pb::DossierState>(ev.state));
    event->set_time(FormatLocalTimestamp(ev.local_minute));
    event->set_note(std::string(DossierNote(ev.note)));
    out->set_state(event->state());
  }
  if (d.code_known) {
    out->set_enterprise_code(
        FormatEnterpriseCode(store.enterprises()[d.enterprise].code, d.unit_suffix));
  }
  ToProto(FromDays(d.due_day), out->mutable_due_date());
}

}  // namespace ndxp::connectors::business
