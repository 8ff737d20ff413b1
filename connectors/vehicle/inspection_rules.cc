#include "connectors/vehicle/inspection_rules.h"

#include "ndxp/vehicle/v1/vehicle.pb.h"

namespace ndxp::connectors::vehicle {

namespace pb = ::ndxp::vehicle::v1;

int CycleMonths(std::uint8_t kind, bool commercial, int age_years, bool first) {
  switch (kind) {
    case pb::VEHICLE_KIND_PASSENGER_CAR:
      if (!commercial) {
        if (first) return 36;
        return age_years <= 7 ? 24 : age_years <= 20 ? 12 : 6;
      }
      if (first) return 24;
      return age_years <= 5 ? 12 : 6;
    case pb::VEHICLE_KIND_BUS:
      if (first) return 24;
      return age_years <= 5 ? 12 : age_years <= 15 ? 6 : 3;
    case pb::VEHICLE_KIND_SEMI_TRAILER:
      if (first) return 24;
      return age_years <= 12 ? 12 : 6;
    default:  // trucks, pick-ups, vans, tractor units
      if (first) return 24;
      return age_years <= 7 ? 12 : age_years <= 20 ? 6 : 3;
  }
}

int LifetimeLimitYear(std::uint8_t kind, int manufacture_year) {
  switch (kind) {
    case pb::VEHICLE_KIND_TRUCK:
    case pb::VEHICLE_KIND_PICKUP:
    case pb::VEHICLE_KIND_VAN:
    case pb::VEHICLE_KIND_TRACTOR:
      return manufacture_year + 25;
    case pb::VEHICLE_KIND_BUS:
      return manufacture_year + 20;
    default:
      return 0;
  }
}

}  // namespace ndxp::connectors::vehicle
