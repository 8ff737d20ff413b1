#pragma once
// Inspection cycles and lifetime limits. Cycles follow our reading of the cycle table of Thông tư
// 47/2024/TT-BGTVT (in force 1 January 2025; docs/decisions/0137): the first cycle of a new
// vehicle, then shorter cycles as it ages, shorter still for commercial transport. Lifetime
// limits (niên hạn) follow Nghị định 95/2009/NĐ-CP: 25 years for trucks and tractor units, 20
// for buses; passenger cars of at most 9 seats and semi-trailers have none.

#include <cstdint>

namespace ndxp::connectors::vehicle {

// Months of validity of a certificate issued to a vehicle of this kind and use, `age_years`
// after its year of manufacture; `first` for its first inspection.
int CycleMonths(std::uint8_t kind, bool commercial, int age_years, bool first);

// The last year the vehicle may circulate, or 0 when its kind has no limit.
int LifetimeLimitYear(std::uint8_t kind, int manufacture_year);

}  // namespace ndxp::connectors::vehicle
