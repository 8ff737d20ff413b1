#include "connectors/vehicle/vehicle_registration.h"

#include "connectors/business/business_registration.h"
#include "connectors/population/population_registration.h"
#include "connectors/vehicle/vehicle_connector.h"

namespace ndxp::connectors::vehicle {

absl::StatusOr<std::shared_ptr<const VehicleStore>> SharedVehicles(SharedStores& stores) {
  return stores.Get<VehicleStore>(
      [&stores]() -> absl::StatusOr<std::shared_ptr<const VehicleStore>> {
        auto citizens = population::SharedCitizens(stores);
        if (!citizens.ok()) return citizens.status();
        auto enterprises = business::SharedEnterprises(stores);
        if (!enterprises.ok()) return enterprises.status();
        const core::ConnectorSettings settings = stores.SettingsOf("vehicle");
        return VehicleStore::Generate(settings.seed, settings.scale, *std::move(citizens),
                                      *std::move(enterprises));
      });
}

BuiltinRegistration Registration() {
  return {"vehicle", &VehicleConnector::ServiceDescriptor,
          [](SharedStores& stores) -> absl::StatusOr<std::unique_ptr<core::Connector>> {
            auto vehicles = SharedVehicles(stores);
            if (!vehicles.ok()) return vehicles.status();
            return std::make_unique<VehicleConnector>(*std::move(vehicles));
          }};
}

}  // namespace ndxp::connectors::vehicle
