#include "connectors/price/price_registration.h"

#include "connectors/price/price_connector.h"

namespace ndxp::connectors::price {

absl::StatusOr<std::shared_ptr<const PriceStore>> SharedPrices(SharedStores& stores) {
  return stores.Get<PriceStore>([&stores]() {
    const core::ConnectorSettings settings = stores.SettingsOf("price");
    return PriceStore::Generate(settings.seed, settings.scale);
  });
}

BuiltinRegistration Registration() {
  return {"price", &PriceConnector::ServiceDescriptor,
          [](SharedStores& stores) -> absl::StatusOr<std::unique_ptr<core::Connector>> {
            auto history = SharedPrices(stores);
            if (!history.ok()) return history.status();
            return std::make_unique<PriceConnector>(*std::move(history));
          }};
}

}  // namespace ndxp::connectors::price
