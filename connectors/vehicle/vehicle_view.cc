#include "connectors/vehicle/vehicle_view.h"

#include <cstdio>

#include "connectors/business/enterprise_view.h"
#include "connectors/common/dates.h"
#include "connectors/common/enterprise_code.h"
#include "connectors/common/personal_id.h"
#include "connectors/common/street_address.h"
#include "connectors/vehicle/inspection_rules.h"
#include "connectors/vehicle/vehicle_models.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors::vehicle {
namespace {

namespace pb = ::ndxp::vehicle::v1;

void FillOwner(const VehicleStore& store, const Vehicle& v, pb::VehicleOwner* out) {
  out->set_kind(static_cast<pb::OwnerKind>(v.owner_kind));
  if (v.owner_kind == pb::OWNER_KIND_ENTERPRISE) {
    const business::Enterprise& e = store.business().enterprises()[v.owner];
    out->set_name(business::CompanyNameText(e));
    out->set_enterprise_code(FormatEnterpriseCode(e.code));
    FillAddress(e.street, e.commune, out->mutable_address());
    return;
  }
  const auto& population = store.population();
  const population::Citizen& c = population.citizens()[v.owner];
  out->set_name(population.FullName(c));
  out->set_personal_id(FormatPersonalId(c.id));
  const population::Household& h = population.households()[c.household];
  FillAddress(h.street, h.commune, out->mutable_address());
}

}  // namespace

void FillVehicle(const VehicleStore& store, const Vehicle& v, pb::Vehicle* out) {
  const VehicleModel& m = VehicleModels()[v.model];
  out->set_plate_number(FormatLicencePlate(v.plate));
  out->set_plate_colour(v.commercial ? pb::PLATE_COLOUR_YELLOW : pb::PLATE_COLOUR_WHITE);
  out->set_vin(store.Vin(v));
  if (!m.engine_code.empty()) {
    char serial[8];
    std::snprintf(serial, sizeof serial, "%06u", v.engine_serial % 1'000'000);
    out->set_engine_number(core::Cat(m.engine_code, serial));
  }
  out->set_kind(static_cast<pb::VehicleKind>(m.kind));
  out->set_kind_name(std::string(KindName(m.kind)));
  out->set_brand(std::string(m.brand));
  out->set_model_code(std::string(m.model_code));
  out->set_manufacture_year(v.manufacture_year);
  out->set_manufacture_country(std::string(m.country));
  out->set_lifetime_limit_year(LifetimeLimitYear(m.kind, v.manufacture_year));
  out->set_fuel(static_cast<pb::Fuel>(m.fuel));
  out->set_seats(m.seats);
  out->set_payload_kg(static_cast<std::int32_t>(m.payload_kg));
  out->set_kerb_weight_kg(static_cast<std::int32_t>(m.kerb_kg));
  out->set_gross_weight_kg(static_cast<std::int32_t>(m.gross_kg));
  out->set_length_mm(m.length_mm);
  out->set_width_mm(m.width_mm);
  out->set_height_mm(m.height_mm);
  out->set_engine_displacement_cc(m.displacement_cc);
  out->set_colour(std::string(PaintColours()[v.colour]));
  out->set_commercial_use(v.commercial);
  ToProto(FromDays(v.registration_day), out->mutable_registration_date());
  FillOwner(store, v, out->mutable_owner());
}

void FillInspection(const VehicleStore& store, const InspectionRecord& r, pb::Inspection* out) {
  const Vehicle& v = store.vehicles()[r.vehicle];
  const std::string centre = FormatInspectionCentreCode(store.centres()[r.centre].code);
  out->set_certificate_number(store.CertificateNumber(r));
  out->set_centre_code(centre);
  out->set_centre_name(core::Cat("Trung tâm Đăng kiểm xe cơ giới ", centre));
  ToProto(FromDays(r.day), out->mutable_inspection_date());
  out->set_result(r.passed() ? pb::INSPECTION_RESULT_PASSED : pb::INSPECTION_RESULT_FAILED);
  const std::int64_t km = std::int64_t{v.annual_km} * 100 * (r.day - v.registration_day) / 365 +
                          static_cast<std::int64_t>(Mix(v.plate_key, v.registration_day) % 2000);
  out->set_odometer_km(static_cast<std::int32_t>(km));
  if (r.passed()) {
    ToProto(FromDays(r.valid_until_day), out->mutable_valid_until());
    out->set_cycle_months(r.cycle_months);
  } else {
    out->add_defects(std::string(InspectionDefects()[r.defect - 1]));
  }
}

const InspectionRecord* LatestPassed(const VehicleStore& store, const Vehicle& v) {
  const auto list = store.InspectionsOf(v);
  for (auto it = list.rbegin(); it != list.rend(); ++it) {
    if (it->passed()) return &*it;
  }
  return nullptr;
}

}  // namespace ndxp::connectors::vehicle
