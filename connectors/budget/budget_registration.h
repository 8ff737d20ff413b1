#pragma once
// The budget connector's registration, and the shared register of budget-relationship units other
// connectors may read (a dossier system checking an agency's code).

#include <memory>

#include "connectors/budget/budget_store.h"
#include "connectors/common/shared_stores.h"

namespace ndxp::connectors::budget {

// The register, generated once with the budget connector's settings (its defaults when it is not
// enabled) over business::SharedEnterprises. The dossiers received through the gateway are the
// connector's own (DossierDesk), not part of the shared register.
absl::StatusOr<std::shared_ptr<const BudgetStore>> SharedBudgetUnits(SharedStores& stores);

BuiltinRegistration Registration();

}  // namespace ndxp::connectors::budget
