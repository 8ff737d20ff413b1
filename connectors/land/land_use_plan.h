#pragma once
// Land-use plans of a commune (GetLandUsePlan): the 2021-2030 master plan and the 2025 annual
// plan, areas by land-use type. Computed on request from the seed and the commune (nothing is
// stored): the commune's natural area and its mix of land uses follow its kind (ward, rural
// commune, special zone); the plan grows residential, industrial, trade and transport land at the
// expense of rice and unused land, keeping the total equal to the natural area.

#include <cstdint>

#include "ndxp/land/v1/land.pb.h"

namespace ndxp::connectors::land {

void FillLandUsePlans(std::uint64_t seed, std::uint16_t commune,
                      ::ndxp::land::v1::GetLandUsePlanResponse* out);

}  // namespace ndxp::connectors::land
