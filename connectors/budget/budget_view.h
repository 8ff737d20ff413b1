#pragma once
// Budget units and code-request dossiers rendered as ndxp.budget.v1 messages.

#include <cstdint>
#include <string>

#include "connectors/budget/budget_store.h"
#include "connectors/budget/dossier_desk.h"
#include "ndxp/budget/v1/budget.pb.h"

namespace ndxp::connectors::budget {

// "MSNS-79-2025-000123"
std::string DossierId(std::uint64_t key);

void FillBudgetUnit(const BudgetStore& store, const BudgetUnit& unit,
                    ::ndxp::budget::v1::BudgetUnit* out);
// A unit whose code was issued through the desk.
void FillIssuedUnit(const BudgetStore& store, const LiveDossier& dossier,
                    ::ndxp::budget::v1::BudgetUnit* out);
void FillDossier(const BudgetStore& store, const HistoricalDossier& dossier,
                 ::ndxp::budget::v1::CodeDossier* out);
// A dossier of the desk as it stands at desk.Now().
void FillDossier(const BudgetStore& store, const DossierDesk& desk, const LiveDossier& dossier,
                 ::ndxp::budget::v1::CodeDossier* out);

}  // namespace ndxp::connectors::budget
