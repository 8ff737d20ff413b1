#pragma once
// The store's compact records rendered as ndxp.population.v1 messages.

#include "connectors/population/citizen_store.h"
#include "ndxp/population/v1/population.pb.h"

namespace ndxp::connectors::population {

void FillCitizen(const CitizenStore& store, const Citizen& citizen,
                 ::ndxp::population::v1::Citizen* out);
void FillHousehold(const CitizenStore& store, const Household& household,
                   ::ndxp::population::v1::Household* out);

}  // namespace ndxp::connectors::population
