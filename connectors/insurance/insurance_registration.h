#pragma once
// The insurance connector's registration, and the shared insurance store other connectors read
// (civil status derives the TE cards of newborns from it: InsuranceStore::NewbornCardCode).

#include <memory>

#include "connectors/common/shared_stores.h"
#include "connectors/insurance/insurance_store.h"

namespace ndxp::connectors::insurance {

// The insurance register, generated once with the insurance connector's settings (its defaults
// when it is not enabled) over population::SharedCitizens and business::SharedEnterprises.
absl::StatusOr<std::shared_ptr<const InsuranceStore>> SharedInsurance(SharedStores& stores);

BuiltinRegistration Registration();

}  // namespace ndxp::connectors::insurance
