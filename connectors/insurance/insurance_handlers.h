#pragma once
// The handlers of InsuranceService, as plain functions over a store.

#include <absl/status/status.h>

#include "connectors/insurance/insurance_store.h"
#include "ndxp/insurance/v1/insurance.pb.h"

namespace ndxp::connectors::insurance {

absl::Status GetParticipant(const InsuranceStore& store,
                            const ::ndxp::insurance::v1::GetParticipantRequest& request,
                            ::ndxp::insurance::v1::GetParticipantResponse& response);
absl::Status GetHealthInsuranceCard(
    const InsuranceStore& store,
    const ::ndxp::insurance::v1::GetHealthInsuranceCardRequest& request,
    ::ndxp::insurance::v1::GetHealthInsuranceCardResponse& response);
absl::Status ListHouseholdParticipants(
    const InsuranceStore& store,
    const ::ndxp::insurance::v1::ListHouseholdParticipantsRequest& request,
    ::ndxp::insurance::v1::ListHouseholdParticipantsResponse& response);

}  // namespace ndxp::connectors::insurance
