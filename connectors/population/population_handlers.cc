#include "connectors/population/population_handlers.h"

#include "connectors/common/household_code.h"
#include "connectors/population/citizen_view.h"
#include "connectors/population/verification.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors::population {
namespace {

namespace pb = ::ndxp::population::v1;

}  // namespace

absl::Status GetCitizen(const CitizenStore& store, const pb::GetCitizenRequest& request,
                        pb::GetCitizenResponse& response) {
  auto citizen = LookupCitizen(store, request.personal_id(), "personal_id");
  if (!citizen.ok()) return citizen.status();
  FillCitizen(store, **citizen, response.mutable_citizen());
  return absl::OkStatus();
}

absl::Status VerifyCitizen(const CitizenStore& store, const pb::VerifyCitizenRequest& request,
                           pb::VerifyCitizenResponse& response) {
  auto result = Verify(store, request);
  if (!result.ok()) return result.status();
  response = *std::move(result);
  return absl::OkStatus();
}

absl::Status GetHousehold(const CitizenStore& store, const pb::GetHouseholdRequest& request,
                          pb::GetHouseholdResponse& response) {
  auto code = ParseHouseholdCode(request.household_id());
  if (!code.ok()) return code.status();
  const Household* household = store.FindHousehold(code->commune_code, code->sequence);
  if (household == nullptr) return core::NotFound("household", "no household has this code");
  FillHousehold(store, *household, response.mutable_household());
  return absl::OkStatus();
}

}  // namespace ndxp::connectors::population
