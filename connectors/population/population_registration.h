#pragma once
// The population connector's registration, and the shared citizen store other connectors read
// (business representatives, insured persons, vehicle and land owners are these citizens).

#include <memory>

#include "connectors/common/shared_stores.h"
#include "connectors/population/citizen_store.h"

namespace ndxp::connectors::population {

// The citizens, generated once with the population connector's settings (its defaults when it is
// not enabled).
absl::StatusOr<std::shared_ptr<const CitizenStore>> SharedCitizens(SharedStores& stores);

BuiltinRegistration Registration();

}  // namespace ndxp::connectors::population
