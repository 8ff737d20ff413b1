#pragma once
// The unary handlers of PopulationService, as plain functions over a store.

#include <absl/status/status.h>

#include "connectors/population/citizen_store.h"
#include "ndxp/population/v1/population.pb.h"

namespace ndxp::connectors::population {

absl::Status GetCitizen(const CitizenStore& store,
                        const ::ndxp::population::v1::GetCitizenRequest& request,
                        ::ndxp::population::v1::GetCitizenResponse& response);
absl::Status VerifyCitizen(const CitizenStore& store,
                           const ::ndxp::population::v1::VerifyCitizenRequest& request,
                           ::ndxp::population::v1::VerifyCitizenResponse& response);
absl::Status GetHousehold(const CitizenStore& store,
                          const ::ndxp::population::v1::GetHouseholdRequest& request,
                          ::ndxp::population::v1::GetHouseholdResponse& response);

}  // namespace ndxp::connectors::population
