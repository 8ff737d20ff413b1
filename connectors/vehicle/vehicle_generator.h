#pragma once
// Generates the vehicles and inspections of a VehicleStore. A vehicle's kind is drawn by the make-
// up of the inspected fleet (cars, trucks, pick-ups, buses, tractor units, semi-trailers), its
// model among those of the kind, its year of manufacture within the model's years (recent years
// likelier); its owner is an adult citizen (household head) or an active enterprise, likelier an
// enterprise for buses, trucks and tractor units; its plate carries a local code of the owner's
// province and the series of its kind. Inspections start at registration and follow the cycle
// table for the kind, use and age, at the owner's province's centres, with a few failures
// (re-inspected within days) and some vehicles that stopped coming.

#include <absl/status/status.h>

#include <cstdint>
#include <map>
#include <vector>

#include "connectors/common/rng.h"
#include "connectors/common/weighted.h"
#include "connectors/vehicle/vehicle_store.h"

namespace ndxp::connectors::vehicle {

class VehicleGenerator {
 public:
  VehicleGenerator(std::uint64_t seed, std::uint64_t count, VehicleStore& store);
  absl::Status Run();

 private:
  void BuildTables();
  Vehicle MakeVehicle();
  // The owner and the first day it may register a vehicle; false when none was found.
  bool PickOwner(Vehicle& v, std::uint8_t kind, std::int32_t& eligible_day, int& old_province);
  void AssignPlate(Vehicle& v, std::uint8_t kind, int old_province_code);
  void AddInspections(std::uint32_t index);
  std::uint32_t NextSerial(std::map<std::uint64_t, std::uint32_t>& counters, std::uint64_t key,
                           std::uint64_t capacity);

  std::uint64_t seed_;
  std::uint64_t count_;
  Rng rng_;
  VehicleStore& store_;
  WeightedTable kinds_;
  std::vector<std::uint8_t> kind_values_;
  std::vector<WeightedTable> models_by_kind_;  // by VehicleKind
  std::vector<std::vector<std::uint16_t>> model_ids_by_kind_;
  std::vector<std::uint32_t> active_enterprises_;
  std::vector<std::vector<std::uint16_t>> centres_by_province_;  // by old-province index
  std::map<std::uint64_t, std::uint32_t> plate_counters_, vin_counters_, certificate_counters_;
};

}  // namespace ndxp::connectors::vehicle
