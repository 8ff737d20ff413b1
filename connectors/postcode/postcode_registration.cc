#include "connectors/postcode/postcode_registration.h"

#include "connectors/business/business_registration.h"
#include "connectors/population/population_registration.h"
#include "connectors/postcode/postcode_connector.h"

namespace ndxp::connectors::postcode {

absl::StatusOr<std::shared_ptr<const AddressStore>> SharedAddresses(SharedStores& stores) {
  return stores.Get<AddressStore>(
      [&stores]() -> absl::StatusOr<std::shared_ptr<const AddressStore>> {
        auto citizens = population::SharedCitizens(stores);
        if (!citizens.ok()) return citizens.status();
        auto enterprises = business::SharedEnterprises(stores);
        if (!enterprises.ok()) return enterprises.status();
        const core::ConnectorSettings settings = stores.SettingsOf("postcode");
        return AddressStore::Generate(settings.seed, settings.scale, *std::move(citizens),
                                      *std::move(enterprises));
      });
}

BuiltinRegistration Registration() {
  return {"postcode", &PostcodeConnector::ServiceDescriptor,
          [](SharedStores& stores) -> absl::StatusOr<std::unique_ptr<core::Connector>> {
            auto addresses = SharedAddresses(stores);
            if (!addresses.ok()) return addresses.status();
            return std::make_unique<PostcodeConnector>(*std::move(addresses));
          }};
}

}  // namespace ndxp::connectors::postcode
