#pragma once
// The vehicle-inspection connector's registration, and its shared vehicle store.

#include <memory>

#include "connectors/common/shared_stores.h"
#include "connectors/vehicle/vehicle_store.h"

namespace ndxp::connectors::vehicle {

// The vehicles, generated once with the vehicle connector's settings (its defaults when it is not
// enabled), their owners drawn from population::SharedCitizens and business::SharedEnterprises.
absl::StatusOr<std::shared_ptr<const VehicleStore>> SharedVehicles(SharedStores& stores);

BuiltinRegistration Registration();

}  // namespace ndxp::connectors::vehicle
