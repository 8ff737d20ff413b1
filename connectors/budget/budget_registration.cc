#include "connectors/budget/budget_registration.h"

#include "connectors/budget/budget_connector.h"
#include "connectors/business/business_registration.h"

namespace ndxp::connectors::budget {

absl::StatusOr<std::shared_ptr<const BudgetStore>> SharedBudgetUnits(SharedStores& stores) {
  return stores.Get<BudgetStore>([&stores]() -> absl::StatusOr<std::shared_ptr<const BudgetStore>> {
    auto enterprises = business::SharedEnterprises(stores);
    if (!enterprises.ok()) return enterprises.status();
    const core::ConnectorSettings settings = stores.SettingsOf("budget");
    return BudgetStore::Generate(settings.seed, settings.scale, *std::move(enterprises));
  });
}

BuiltinRegistration Registration() {
  return {"budget", &BudgetConnector::ServiceDescriptor,
          [](SharedStores& stores) -> absl::StatusOr<std::unique_ptr<core::Connector>> {
            auto store = SharedBudgetUnits(stores);
            if (!store.ok()) return store.status();
            return std::make_unique<BudgetConnector>(*std::move(store));
          }};
}

}  // namespace ndxp::connectors::budget
