#pragma once
// The legal-documents connector's registration, and its shared store (other connectors may cite
// documents: procedures name their legal basis).

#include <memory>

#include "connectors/common/shared_stores.h"
#include "connectors/legal/document_store.h"

namespace ndxp::connectors::legal {

// The documents, generated once with the legal connector's settings (its defaults when it is
// not enabled).
absl::StatusOr<std::shared_ptr<const DocumentStore>> SharedDocuments(SharedStores& stores);

BuiltinRegistration Registration();

}  // namespace ndxp::connectors::legal
