#include "connectors/population/population_handlers.h"

#include "connectors/common/admin_units.h"
#include "connectors/population/citizen_view.h"
#include "connectors/population/verification.h"
#include "gateway/core/status.h"

namespace ndxp::connectors::population {
namespace {

namespace pb = ::ndxp::population::v1;

struct HouseholdCode {
  std::uint32_t commune_code = 0;
  std::uint32_t sequence = 0;
};

absl::StatusOr<HouseholdCode> ParseHouseholdCode(std::string_view text) {
  constexpr std::string_view kField = "household_id";
  if (text.size() != 12 || text[0] != 'H') {
    return core::FieldViolation(kField, "must be H followed by 11 digits (commune code, sequence)");
  }
  HouseholdCode code;
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return core::FieldViolation(kField,
                                  "must be H followed by 11 digits (commune code, sequence)");
    }
    auto& part = i <= 5 ? code.commune_code : code.sequence;
    part = part * 10 + static_cast<std::uint32_t>(text[i] - '0');
  }
  if (AdminUnits::Get().FindCommune(code.commune_code) < 0) {
    return core::FieldViolation(kField, "digits 1 to 5 must be the code of a commune in force");
  }
  if (code.sequence == 0) return core::FieldViolation(kField, "the sequence must not be 000000");
  return code;
}

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
