#include "connectors/insurance/insurance_handlers.h"

#include "connectors/common/admin_units.h"
#include "connectors/common/household_code.h"
#include "connectors/common/paging.h"
#include "connectors/common/personal_id.h"
#include "connectors/common/rng.h"
#include "connectors/insurance/insurance_view.h"
#include "gateway/core/status.h"

namespace ndxp::connectors::insurance {
namespace {

namespace pb = ::ndxp::insurance::v1;

constexpr int kDefaultPageSize = 20;
constexpr int kMaxPageSize = 100;

// Messages never name the number looked up (it is personal data).
absl::Status ParticipantNotFound() {
  return core::NotFound("participant", "no participant of the insurance database has this number");
}

// The citizen index of the participant a request names.
absl::StatusOr<std::uint32_t> FindParticipant(const InsuranceStore& store,
                                              const pb::GetParticipantRequest& request) {
  switch (request.subject_case()) {
    case pb::GetParticipantRequest::kSocialInsuranceNumber: {
      auto number = ParseSocialInsuranceNumber(request.social_insurance_number());
      if (!number.ok()) return number.status();
      const std::int64_t citizen = store.FindByNumber(*number);
      if (citizen < 0) return ParticipantNotFound();
      return static_cast<std::uint32_t>(citizen);
    }
    case pb::GetParticipantRequest::kPersonalId: {
      auto id = ParsePersonalId(request.personal_id(), "personal_id");
      if (!id.ok()) return id.status();
      const population::Citizen* c = store.population().FindCitizen(id->value);
      if (c == nullptr) return ParticipantNotFound();
      const std::uint32_t citizen = store.population().IndexOf(*c);
      if (store.Of(citizen).number == 0) return ParticipantNotFound();
      return citizen;
    }
    default:
      return core::FieldViolation("social_insurance_number",
                                  "one of social_insurance_number or personal_id must be set");
  }
}

}  // namespace

absl::Status GetParticipant(const InsuranceStore& store, const pb::GetParticipantRequest& request,
                            pb::GetParticipantResponse& response) {
  auto citizen = FindParticipant(store, request);
  if (!citizen.ok()) return citizen.status();
  FillParticipant(store, *citizen, response.mutable_participant());
  return absl::OkStatus();
}

absl::Status GetHealthInsuranceCard(const InsuranceStore& store,
                                    const pb::GetHealthInsuranceCardRequest& request,
                                    pb::GetHealthInsuranceCardResponse& response) {
  auto code = ParseHealthInsuranceCardCode(request.card_code(), "card_code");
  if (!code.ok()) return code.status();
  const std::int64_t citizen = store.FindByNumber(code->social_insurance_number);
  // The code must be the holder's current card: group, level and issuing province included.
  if (citizen < 0 ||
      store.CardCode(static_cast<std::uint32_t>(citizen)) !=
          FormatHealthInsuranceCardCode(code->group->code, code->benefit_level, code->province_code,
                                        code->social_insurance_number)) {
    return core::NotFound("health_insurance_card",
                          "no current health-insurance card has this code");
  }
  FillCard(store, static_cast<std::uint32_t>(citizen), response.mutable_card());
  return absl::OkStatus();
}

absl::Status ListHouseholdParticipants(const InsuranceStore& store,
                                       const pb::ListHouseholdParticipantsRequest& request,
                                       pb::ListHouseholdParticipantsResponse& response) {
  auto code = ParseHouseholdCode(request.household_id(), "household_id");
  if (!code.ok()) return code.status();
  auto page_size = EffectivePageSize(request.page_size(), kDefaultPageSize, kMaxPageSize);
  if (!page_size.ok()) return page_size.status();
  const population::Household* household =
      store.population().FindHousehold(code->commune_code, code->sequence);
  if (household == nullptr) return core::NotFound("household", "no household has this code");
  const std::uint64_t filter = Mix(code->commune_code, code->sequence);
  const PageTokenCodec codec(Mix(store.seed(), 0x4853484C44ULL));
  std::uint64_t position = 0;
  if (!request.page_token().empty()) {
    auto decoded = codec.Decode(request.page_token(), filter);
    if (!decoded.ok()) return decoded.status();
    if (*decoded >= household->size) {
      return core::FieldViolation("page_token", "is not a token returned by this method");
    }
    position = *decoded;
  }
  const std::uint64_t end =
      std::min<std::uint64_t>(household->size, position + static_cast<std::uint64_t>(*page_size));
  for (std::uint64_t i = position; i < end; ++i) {
    FillHouseholdParticipant(store, household->first_member + static_cast<std::uint32_t>(i),
                             response.add_participants());
  }
  if (end < household->size) response.set_next_page_token(codec.Encode(filter, end));
  response.set_total_size(household->size);
  return absl::OkStatus();
}

}  // namespace ndxp::connectors::insurance
