#include "connectors/business/business_registration.h"

#include "connectors/business/business_connector.h"
#include "connectors/population/population_registration.h"

namespace ndxp::connectors::business {

absl::StatusOr<std::shared_ptr<const EnterpriseStore>> SharedEnterprises(SharedStores& stores) {
  return stores.Get<EnterpriseStore>(
      [&stores]() -> absl::StatusOr<std::shared_ptr<const EnterpriseStore>> {
        auto citizens = population::SharedCitizens(stores);
        if (!citizens.ok()) return citizens.status();
        const core::ConnectorSettings settings = stores.SettingsOf("business");
        return EnterpriseStore::Generate(settings.seed, settings.scale, *std::move(citizens));
      });
}

BuiltinRegistration Registration() {
  return {"business", &BusinessConnector::ServiceDescriptor,
          [](SharedStores& stores) -> absl::StatusOr<std::unique_ptr<core::Connector>> {
            auto enterprises = SharedEnterprises(stores);
            if (!enterprises.ok()) return enterprises.status();
            return std::make_unique<BusinessConnector>(*std::move(enterprises));
          }};
}

}  // namespace ndxp::connectors::business
