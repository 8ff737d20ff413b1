#include "connectors/land/land_view.h"

#include <cmath>
#include <cstdio>

#include "connectors/business/enterprise_view.h"
#include "connectors/common/admin_units.h"
#include "connectors/common/dates.h"
#include "connectors/common/enterprise_code.h"
#include "connectors/common/land_ids.h"
#include "connectors/common/personal_id.h"
#include "connectors/land/geometry.h"
#include "connectors/land/land_use_types.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors::land {
namespace {

namespace pb = ::ndxp::land::v1;

void FillHolder(const ParcelStore& store, std::uint8_t kind, std::uint32_t holder, bool joint,
                pb::LandHolder* out) {
  out->set_kind(static_cast<pb::HolderKind>(kind));
  if (kind == pb::HOLDER_KIND_ENTERPRISE) {
    const business::Enterprise& e = store.business().enterprises()[holder];
    out->set_name(business::CompanyNameText(e));
    out->set_enterprise_code(FormatEnterpriseCode(e.code));
    return;
  }
  const auto& population = store.population();
  const population::Citizen& c = population.citizens()[holder];
  out->set_name(population.FullName(c));
  out->set_personal_id(FormatPersonalId(c.id));
  if (joint && c.spouse != population::kNoCitizen) {
    const population::Citizen& spouse = population.citizens()[c.spouse];
    out->set_co_holder_name(population.FullName(spouse));
    out->set_co_holder_personal_id(FormatPersonalId(spouse.id));
  }
}

// "Sở Tài nguyên và Môi trường Tỉnh Nghệ An" before the ministry merger of 1 March 2025 (the
// province of the time), "Sở Nông nghiệp và Môi trường" of the province in force after it.
std::string IssuingAuthority(std::uint16_t commune, std::int32_t issue_day) {
  const AdminUnits& units = AdminUnits::Get();
  const Commune& c = units.communes()[commune];
  static const std::int32_t kMerger = ToDays({2025, 3, 1});
  static const std::int32_t kReform = ToDays({2025, 7, 1});
  if (issue_day < kMerger) {
    return core::Cat("Sở Tài nguyên và Môi trường ", units.old_provinces()[c.old_province].name);
  }
  const std::string_view province = issue_day < kReform ? units.old_provinces()[c.old_province].name
                                                        : units.provinces()[c.province].name;
  return core::Cat("Sở Nông nghiệp và Môi trường ", province);
}

}  // namespace

std::string ParcelIdOf(const Parcel& parcel) {
  return FormatParcelId(parcel.commune_code(), parcel.map_sheet(), parcel.parcel_number());
}

std::string SerialOf(const Certificate& certificate) {
  CertificateSerial serial;
  serial.letters[0] = certificate.letters[0];
  serial.letters[1] = certificate.letters[1];
  serial.digits = certificate.digits;
  serial.number = certificate.number;
  return FormatCertificateSerial(serial);
}

void FillParcel(const ParcelStore& store, const Parcel& parcel, pb::Parcel* out) {
  out->set_parcel_id(ParcelIdOf(parcel));
  FillUnit(parcel.commune, out->mutable_unit());
  out->set_map_sheet_number(parcel.map_sheet());
  out->set_parcel_number(parcel.parcel_number());
  FillAddress(parcel.street, parcel.commune, out->mutable_address());
  const LandUseType& type = LandUseTypes()[parcel.land_use];
  out->set_land_use_code(std::string(type.code));
  out->set_land_use_name(std::string(type.name));
  out->set_land_group(static_cast<pb::LandGroup>(type.group));
  const double area = parcel.area_dm2 / 10.0;
  out->set_area_m2(area);
  out->set_use_origin(static_cast<pb::UseOrigin>(parcel.origin));
  if (parcel.use_until_day != 0) ToProto(FromDays(parcel.use_until_day), out->mutable_use_until());
  const ParcelShape shape =
      ShapeOf(parcel.key, parcel.commune, area, type.code == "ODT" || type.code == "ONT");
  out->set_geometry_geojson(PolygonGeoJson(shape));
  // To 7 decimals (about 1 cm), as in the GeoJSON text.
  out->mutable_centroid()->set_latitude(std::round(shape.centroid.latitude * 1e7) / 1e7);
  out->mutable_centroid()->set_longitude(std::round(shape.centroid.longitude * 1e7) / 1e7);
  FillHolder(store, parcel.holder_kind, parcel.holder, parcel.joint, out->mutable_holder());
  if (parcel.certificate != kNoCertificate) {
    out->set_certificate_serial(SerialOf(store.certificates()[parcel.certificate]));
  }
}

void FillCertificate(const ParcelStore& store, const Certificate& certificate,
                     pb::LandCertificate* out) {
  out->set_certificate_serial(SerialOf(certificate));
  const auto parcels = store.ParcelsOf(certificate);
  if (parcels.empty()) return;
  const Parcel& first = store.parcels()[parcels.front()];
  char entry[16];
  std::snprintf(entry, sizeof entry, "%s%05u",
                first.holder_kind == pb::HOLDER_KIND_ENTERPRISE ? "CT" : "CH",
                certificate.register_entry % 100'000);
  out->set_register_entry_number(entry);
  ToProto(FromDays(certificate.issue_day), out->mutable_issue_date());
  out->set_issuing_authority(IssuingAuthority(first.commune, certificate.issue_day));
  FillHolder(store, first.holder_kind, first.holder, first.joint, out->mutable_holder());
  for (std::uint32_t p : parcels) out->add_parcel_ids(ParcelIdOf(store.parcels()[p]));
}

}  // namespace ndxp::connectors::land
