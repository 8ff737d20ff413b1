#pragma once
// The handlers of BudgetUnitService, as plain functions over the register and the desk of
// received dossiers.

#include <absl/status/status.h>

#include "connectors/budget/budget_store.h"
#include "connectors/budget/dossier_desk.h"
#include "ndxp/budget/v1/budget.pb.h"

namespace ndxp::connectors::budget {

absl::Status GetBudgetUnit(const BudgetStore& store, const DossierDesk& desk,
                           const ::ndxp::budget::v1::GetBudgetUnitRequest& request,
                           ::ndxp::budget::v1::GetBudgetUnitResponse& response);
absl::Status SubmitCodeRequest(const BudgetStore& store, DossierDesk& desk,
                               const ::ndxp::budget::v1::SubmitCodeRequestRequest& request,
                               ::ndxp::budget::v1::SubmitCodeRequestResponse& response);
absl::Status GetDossierStatus(const BudgetStore& store, const DossierDesk& desk,
                              const ::ndxp::budget::v1::GetDossierStatusRequest& request,
                              ::ndxp::budget::v1::GetDossierStatusResponse& response);

// The request's content, validated: INVALID_ARGUMENT on the first field that is wrong,
// NOT_FOUND for a governing unit or enterprise that does not exist.
absl::StatusOr<CodeRequest> ValidateCodeRequest(
    const BudgetStore& store, const ::ndxp::budget::v1::SubmitCodeRequestRequest& request);

}  // namespace ndxp::connectors::budget
