#pragma once
// The business-registry connector's registration, and the shared enterprise store other
// connectors read (vehicle and land owners, public enterprises' budget units).

#include <memory>

#include "connectors/business/enterprise_store.h"
#include "connectors/common/shared_stores.h"

namespace ndxp::connectors::business {

// The enterprises, generated once with the business connector's settings (its defaults when it is
// not enabled), their representatives drawn from population::SharedCitizens.
absl::StatusOr<std::shared_ptr<const EnterpriseStore>> SharedEnterprises(SharedStores& stores);

BuiltinRegistration Registration();

}  // namespace ndxp::connectors::business
