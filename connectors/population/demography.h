#pragma once
// Demographic tables for synthetic citizens: ethnic groups by province of origin, religions by
// ethnic group and region, and the naming tradition of each group. Shares are approximate (2019
// census orders of magnitude), chosen so that the data looks plausible, not to be statistics.

#include <cstdint>
#include <string_view>

#include "connectors/common/rng.h"
#include "connectors/common/vietnamese_names.h"

namespace ndxp::connectors::population {

inline constexpr std::uint8_t kKinh = 0;

// An ethnic group for someone whose family comes from the pre-2025 province `old_gso_code`.
std::uint8_t PickEthnicity(Rng& rng, int old_gso_code);
std::string_view EthnicityName(std::uint8_t ethnicity);

// A religion ("Không" for none) for a family of `ethnicity` living in `old_gso_code`.
std::uint8_t PickReligion(Rng& rng, std::uint8_t ethnicity, int old_gso_code);
std::string_view ReligionName(std::uint8_t religion);

NameGroup NameGroupOf(std::uint8_t ethnicity, int old_gso_code);

// Age of a head of household on the snapshot date (20..90), from a household-head age profile.
int PickHeadAge(Rng& rng);
// Household size 1..6 (mean about 3.5, as in the 2019 census).
int PickHouseholdSize(Rng& rng);

}  // namespace ndxp::connectors::population
