#pragma once
// The land connector's registration, and the shared parcel store other connectors read (the
// land-tax interconnection and construction validate parcels through it).

#include <memory>

#include "connectors/common/shared_stores.h"
#include "connectors/land/parcel_store.h"

namespace ndxp::connectors::land {

// The parcels, generated once with the land connector's settings (its defaults when it is not
// enabled), their holders drawn from population::SharedCitizens and business::SharedEnterprises.
absl::StatusOr<std::shared_ptr<const ParcelStore>> SharedParcels(SharedStores& stores);

BuiltinRegistration Registration();

}  // namespace ndxp::connectors::land
