#pragma once
// Vehicles and inspections of a VehicleStore as ndxp.vehicle.v1 messages.

#include "connectors/vehicle/vehicle_store.h"
#include "ndxp/vehicle/v1/vehicle.pb.h"

namespace ndxp::connectors::vehicle {

void FillVehicle(const VehicleStore& store, const Vehicle& v, ::ndxp::vehicle::v1::Vehicle* out);
void FillInspection(const VehicleStore& store, const InspectionRecord& r,
                    ::ndxp::vehicle::v1::Inspection* out);
// The latest passed inspection of a vehicle, or nullptr.
const InspectionRecord* LatestPassed(const VehicleStore& store, const Vehicle& v);

}  // namespace ndxp::connectors::vehicle
