#pragma once
// Verification of what a citizen typed (id, name, date of birth) against the record, shared by
// VerifyCitizen, BatchVerifyCitizens and ReconcileCitizens.

#include <absl/status/statusor.h>

#include <memory>
#include <string_view>

#include "connectors/common/typed_handler.h"
#include "connectors/population/citizen_store.h"
#include "ndxp/population/v1/population.pb.h"

namespace ndxp::connectors::population {

// The citizen for a personal id given in request field `field`: INVALID_ARGUMENT with a field
// violation when malformed, NOT_FOUND (without the id in the message) when absent.
absl::StatusOr<const Citizen*> LookupCitizen(const CitizenStore& store,
                                             std::string_view personal_id, std::string_view field);

// Match flags for one request; field paths in errors start with `field_prefix` (e.g.
// "verification.").
absl::StatusOr<::ndxp::population::v1::VerifyCitizenResponse> Verify(
    const CitizenStore& store, const ::ndxp::population::v1::VerifyCitizenRequest& request,
    std::string_view field_prefix = "");

// BatchVerifyCitizens: one response per request, in order, each with its own status.
std::unique_ptr<core::RequestStream> MakeBatchVerifyStream(
    std::shared_ptr<const CitizenStore> store);

// ReconcileCitizens: counts per outcome, answered once at half-close.
std::unique_ptr<core::RequestStream> MakeReconcileStream(std::shared_ptr<const CitizenStore> store);

}  // namespace ndxp::connectors::population
