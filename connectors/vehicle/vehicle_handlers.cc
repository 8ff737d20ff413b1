#include "connectors/vehicle/vehicle_handlers.h"

#include "connectors/common/dates.h"
#include "connectors/common/paging.h"
#include "connectors/common/rng.h"
#include "connectors/common/vin.h"
#include "connectors/vehicle/vehicle_view.h"
#include "gateway/core/status.h"

namespace ndxp::connectors::vehicle {
namespace {

namespace pb = ::ndxp::vehicle::v1;

// Plates are personal identifiers (Thông tư 24/2023/TT-BCA: the number stays with its owner), so
// NOT_FOUND messages never repeat them.
absl::Status VehicleNotFound() {
  return core::NotFound("vehicle",
                        "no inspected vehicle has this identifier (motorbikes are not "
                        "inspected)");
}

// The vehicle named by a plate or a VIN (exactly one given), validated.
absl::StatusOr<const Vehicle*> FindVehicle(const VehicleStore& store, std::string_view plate,
                                           std::string_view vin) {
  if (!plate.empty() && !vin.empty()) {
    return core::FieldViolation("vin", "set plate_number or vin, not both");
  }
  if (!plate.empty()) {
    auto parsed = ParseLicencePlate(plate);
    if (!parsed.ok()) return parsed.status();
    const Vehicle* v = store.FindByPlate(*parsed);
    if (v == nullptr) return VehicleNotFound();
    return v;
  }
  if (vin.empty()) {
    return core::FieldViolation("plate_number", "is required (or vin), e.g. 30A-123.45");
  }
  auto parsed = ParseVin(vin);
  if (!parsed.ok()) return parsed.status();
  const Vehicle* v = store.FindByVin(*parsed);
  if (v == nullptr) return VehicleNotFound();
  return v;
}

}  // namespace

absl::Status GetVehicleInspection(const VehicleStore& store,
                                  const pb::GetVehicleInspectionRequest& request,
                                  pb::GetVehicleInspectionResponse& response) {
  const std::string& certificate = request.inspection_certificate_number();
  const Vehicle* vehicle = nullptr;
  const InspectionRecord* inspection = nullptr;
  if (!certificate.empty()) {
    if (!request.plate_number().empty() || !request.vin().empty()) {
      return core::FieldViolation("inspection_certificate_number",
                                  "set only one of plate_number, vin and "
                                  "inspection_certificate_number");
    }
    auto number = ParseInspectionCertificateNumber(certificate);
    if (!number.ok()) return number.status();
    inspection = store.FindByCertificate(*number);
    if (inspection == nullptr) {
      return core::NotFound("inspection_certificate", "no inspection certificate has this number");
    }
    vehicle = &store.vehicles()[inspection->vehicle];
  } else {
    auto found = FindVehicle(store, request.plate_number(), request.vin());
    if (!found.ok()) return found.status();
    vehicle = *found;
  }
  FillVehicle(store, *vehicle, response.mutable_vehicle());
  const InspectionRecord* latest = LatestPassed(store, *vehicle);
  if (inspection == nullptr && !store.InspectionsOf(*vehicle).empty()) {
    inspection = &store.InspectionsOf(*vehicle).back();
  }
  if (inspection != nullptr) FillInspection(store, *inspection, response.mutable_inspection());
  if (latest != nullptr) {
    response.set_certificate_in_force(latest->valid_until_day >= ToDays(kSnapshotDate));
    ToProto(FromDays(latest->valid_until_day), response.mutable_next_inspection_due());
  }
  return absl::OkStatus();
}

absl::Status ListInspectionHistory(const VehicleStore& store,
                                   const pb::ListInspectionHistoryRequest& request,
                                   pb::ListInspectionHistoryResponse& response) {
  auto page_size = EffectivePageSize(request.page_size(), 20, 100);
  if (!page_size.ok()) return page_size.status();
  auto found = FindVehicle(store, request.plate_number(), request.vin());
  if (!found.ok()) return found.status();
  const Vehicle& vehicle = **found;
  const auto list = store.InspectionsOf(vehicle);
  const PageTokenCodec codec(Mix(store.seed(), 0x496E7370506167ULL));
  std::uint64_t position = 0;  // from the newest
  if (!request.page_token().empty()) {
    auto decoded = codec.Decode(request.page_token(), vehicle.plate_key);
    if (!decoded.ok()) return decoded.status();
    if (*decoded > list.size()) {
      return core::FieldViolation("page_token", "is not a token returned by this method");
    }
    position = *decoded;
  }
  const std::uint64_t end =
      std::min<std::uint64_t>(list.size(), position + static_cast<std::uint64_t>(*page_size));
  for (std::uint64_t i = position; i < end; ++i) {
    FillInspection(store, list[list.size() - 1 - i], response.add_inspections());
  }
  if (end < list.size()) response.set_next_page_token(codec.Encode(vehicle.plate_key, end));
  response.set_total_size(static_cast<std::int32_t>(list.size()));
  response.set_plate_number(FormatLicencePlate(vehicle.plate));
  return absl::OkStatus();
}

}  // namespace ndxp::connectors::vehicle
