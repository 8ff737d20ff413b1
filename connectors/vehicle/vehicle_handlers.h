#pragma once
// The handlers of VehicleInspectionService, as plain functions over a store.

#include <absl/status/status.h>

#include "connectors/vehicle/vehicle_store.h"
#include "ndxp/vehicle/v1/vehicle.pb.h"

namespace ndxp::connectors::vehicle {

absl::Status GetVehicleInspection(const VehicleStore& store,
                                  const ::ndxp::vehicle::v1::GetVehicleInspectionRequest& request,
                                  ::ndxp::vehicle::v1::GetVehicleInspectionResponse& response);
absl::Status ListInspectionHistory(const VehicleStore& store,
                                   const ::ndxp::vehicle::v1::ListInspectionHistoryRequest& request,
                                   ::ndxp::vehicle::v1::ListInspectionHistoryResponse& response);

}  // namespace ndxp::connectors::vehicle
