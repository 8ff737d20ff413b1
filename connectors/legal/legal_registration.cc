#include "connectors/legal/legal_registration.h"

#include "connectors/legal/legal_connector.h"

namespace ndxp::connectors::legal {

absl::StatusOr<std::shared_ptr<const DocumentStore>> SharedDocuments(SharedStores& stores) {
  return stores.Get<DocumentStore>([&stores]() {
    const core::ConnectorSettings settings = stores.SettingsOf("legal");
    return DocumentStore::Generate(settings.seed, settings.scale);
  });
}

BuiltinRegistration Registration() {
  return {"legal", &LegalConnector::ServiceDescriptor,
          [](SharedStores& stores) -> absl::StatusOr<std::unique_ptr<core::Connector>> {
            auto documents = SharedDocuments(stores);
            if (!documents.ok()) return documents.status();
            return std::make_unique<LegalConnector>(*std::move(documents));
          }};
}

}  // namespace ndxp::connectors::legal
