#pragma once
// The store's compact records rendered as ndxp.insurance.v1 messages.

#include <cstdint>

#include "connectors/insurance/insurance_store.h"
#include "ndxp/insurance/v1/insurance.pb.h"

namespace ndxp::connectors::insurance {

// The card of an insured citizen (citizen index) with a card.
void FillCard(const InsuranceStore& store, std::uint32_t citizen,
              ::ndxp::insurance::v1::HealthInsuranceCard* out);
// The participant record of an insured citizen.
void FillParticipant(const InsuranceStore& store, std::uint32_t citizen,
                     ::ndxp::insurance::v1::Participant* out);
// One household member (insured or not).
void FillHouseholdParticipant(const InsuranceStore& store, std::uint32_t citizen,
                              ::ndxp::insurance::v1::HouseholdParticipant* out);

// Share of covered costs the fund pays at a benefit level, in percent.
int BenefitPercent(int benefit_level);

}  // namespace ndxp::connectors::insurance
