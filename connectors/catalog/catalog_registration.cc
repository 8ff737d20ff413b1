#include "connectors/catalog/catalog_registration.h"

#include "connectors/catalog/catalog_connector.h"

namespace ndxp::connectors::catalog {

BuiltinRegistration Registration() {
  return {"catalog", &CatalogConnector::ServiceDescriptor,
          [](SharedStores& stores) -> absl::StatusOr<std::unique_ptr<core::Connector>> {
            return std::make_unique<CatalogConnector>(stores.SettingsOf("catalog").seed);
          }};
}

}  // namespace ndxp::connectors::catalog
