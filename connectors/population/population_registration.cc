#include "connectors/population/population_registration.h"

#include "connectors/population/population_connector.h"

namespace ndxp::connectors::population {

absl::StatusOr<std::shared_ptr<const CitizenStore>> SharedCitizens(SharedStores& stores) {
  return stores.Get<CitizenStore>([&stores] {
    const core::ConnectorSettings settings = stores.SettingsOf("population");
    return CitizenStore::Generate(settings.seed, settings.scale);
  });
}

BuiltinRegistration Registration() {
  return {"population", &PopulationConnector::ServiceDescriptor,
          [](SharedStores& stores) -> absl::StatusOr<std::unique_ptr<core::Connector>> {
            auto citizens = SharedCitizens(stores);
            if (!citizens.ok()) return citizens.status();
            return std::make_unique<PopulationConnector>(*std::move(citizens));
          }};
}

}  // namespace ndxp::connectors::population
