#include "connectors/land/land_registration.h"

#include "connectors/business/business_registration.h"
#include "connectors/land/land_connector.h"
#include "connectors/population/population_registration.h"

namespace ndxp::connectors::land {

absl::StatusOr<std::shared_ptr<const ParcelStore>> SharedParcels(SharedStores& stores) {
  return stores.Get<ParcelStore>([&stores]() -> absl::StatusOr<std::shared_ptr<const ParcelStore>> {
    auto citizens = population::SharedCitizens(stores);
    if (!citizens.ok()) return citizens.status();
    auto enterprises = business::SharedEnterprises(stores);
    if (!enterprises.ok()) return enterprises.status();
    const core::ConnectorSettings settings = stores.SettingsOf("land");
    return ParcelStore::Generate(settings.seed, settings.scale, *std::move(citizens),
                                 *std::move(enterprises));
  });
}

BuiltinRegistration Registration() {
  return {"land", &LandConnector::ServiceDescriptor,
          [](SharedStores& stores) -> absl::StatusOr<std::unique_ptr<core::Connector>> {
            auto parcels = SharedParcels(stores);
            if (!parcels.ok()) return parcels.status();
            return std::make_unique<LandConnector>(*std::move(parcels));
          }};
}

}  // namespace ndxp::connectors::land
