#pragma once
// The postcode connector's registration, and the shared digital-address store other connectors
// may read (the postal service delivers to these addresses).

#include <memory>

#include "connectors/common/shared_stores.h"
#include "connectors/postcode/address_store.h"

namespace ndxp::connectors::postcode {

// The addresses, generated once with the postcode connector's settings over the shared citizens
// and enterprises.
absl::StatusOr<std::shared_ptr<const AddressStore>> SharedAddresses(SharedStores& stores);

BuiltinRegistration Registration();

}  // namespace ndxp::connectors::postcode
