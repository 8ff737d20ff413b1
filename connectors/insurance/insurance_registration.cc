#include "connectors/insurance/insurance_registration.h"

#include "connectors/business/business_registration.h"
#include "connectors/insurance/insurance_connector.h"
#include "connectors/population/population_registration.h"

namespace ndxp::connectors::insurance {

absl::StatusOr<std::shared_ptr<const InsuranceStore>> SharedInsurance(SharedStores& stores) {
  return stores.Get<InsuranceStore>(
      [&stores]() -> absl::StatusOr<std::shared_ptr<const InsuranceStore>> {
        auto citizens = population::SharedCitizens(stores);
        if (!citizens.ok()) return citizens.status();
        auto enterprises = business::SharedEnterprises(stores);
        if (!enterprises.ok()) return enterprises.status();
        const core::ConnectorSettings settings = stores.SettingsOf("insurance");
        return InsuranceStore::Generate(settings.seed, settings.scale, *std::move(citizens),
                                        *std::move(enterprises));
      });
}

BuiltinRegistration Registration() {
  return {"insurance", &InsuranceConnector::ServiceDescriptor,
          [](SharedStores& stores) -> absl::StatusOr<std::unique_ptr<core::Connector>> {
            auto store = SharedInsurance(stores);
            if (!store.ok()) return store.status();
            return std::make_unique<InsuranceConnector>(*std::move(store));
          }};
}

}  // namespace ndxp::connectors::insurance
