#pragma once
// The synthetic vehicle inspection database in memory: vehicles (sorted by plate) owned by
// citizens of the population store and enterprises of the business store, and their inspections
// (a range per vehicle, oldest first), with indexes by VIN and by certificate number. Strings are
// built on answer. Immutable once generated.

#include <absl/status/statusor.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "connectors/business/enterprise_store.h"
#include "connectors/common/inspection_certificate.h"
#include "connectors/common/licence_plate.h"
#include "connectors/population/citizen_store.h"

namespace ndxp::connectors::vehicle {

struct Vehicle {
  std::uint64_t plate_key = 0;  // LicencePlateKey(plate)
  LicencePlate plate;
  std::uint32_t owner = 0;             // citizen or enterprise index (owner_kind)
  std::uint32_t first_inspection = 0;  // inspections [first, first + count)
  std::uint32_t vin_serial = 0;        // VIN positions 12-17
  std::uint32_t engine_serial = 0;
  std::int32_t registration_day = 0;
  std::uint16_t manufacture_year = 0;
  std::uint16_t model = 0;      // VehicleModels() index
  std::uint16_t annual_km = 0;  // hundreds of kilometres a year
  std::uint8_t inspection_count = 0;
  std::uint8_t owner_kind = 0;  // ndxp.vehicle.v1.OwnerKind
  std::uint8_t colour = 0;      // PaintColours() index
  char plant = 'A';             // VIN position 11
  bool commercial = false;
};

struct InspectionRecord {
  std::uint32_t vehicle = 0;
  std::int32_t day = 0;
  std::int32_t valid_until_day = 0;  // 0 for a failed inspection
  std::uint32_t sequence = 0;        // certificate sequence (passed only)
  std::uint16_t centre = 0;          // centres() index
  std::uint8_t cycle_months = 0;
  std::uint8_t defect = 0;  // InspectionDefects() index + 1 for a failed inspection, else 0
  bool passed() const { return defect == 0; }
};

struct Centre {
  InspectionCentreCode code;
  std::uint8_t old_province = 0;  // AdminUnits old-province index
};

class VehicleStore {
 public:
  static constexpr std::uint64_t kDefaultScale = 20'000;
  static constexpr std::uint64_t kMaxScale = 2'000'000;

  // Generates `count` vehicles (0: kDefaultScale) from `seed`, owned by citizens of `population`
  // and enterprises of `business`. Deterministic in (seed, count, population, business).
  static absl::StatusOr<std::shared_ptr<const VehicleStore>> Generate(
      std::uint64_t seed, std::uint64_t count,
      std::shared_ptr<const population::CitizenStore> population,
      std::shared_ptr<const business::EnterpriseStore> business);

  const Vehicle* FindByPlate(const LicencePlate& plate) const;
  const Vehicle* FindByVin(std::string_view vin) const;
  const InspectionRecord* FindByCertificate(const InspectionCertificateNumber& number) const;

  std::span<const Vehicle> vehicles() const { return vehicles_; }
  std::span<const InspectionRecord> inspections() const { return inspections_; }
  std::span<const Centre> centres() const { return centres_; }
  std::span<const InspectionRecord> InspectionsOf(const Vehicle& v) const {
    return std::span<const InspectionRecord>(inspections_)
        .subspan(v.first_inspection, v.inspection_count);
  }
  std::uint32_t IndexOf(const Vehicle& v) const {
    return static_cast<std::uint32_t>(&v - vehicles_.data());
  }

  std::string Vin(const Vehicle& v) const;
  std::string CertificateNumber(const InspectionRecord& r) const;
  InspectionCertificateNumber CertificateOf(const InspectionRecord& r) const;

  const population::CitizenStore& population() const { return *population_; }
  const business::EnterpriseStore& business() const { return *business_; }
  std::uint64_t seed() const { return seed_; }
  std::uint64_t Fingerprint() const;

 private:
  friend class VehicleGenerator;
  VehicleStore() = default;
  void BuildIndexes();

  std::uint64_t seed_ = 0;
  std::shared_ptr<const population::CitizenStore> population_;
  std::shared_ptr<const business::EnterpriseStore> business_;
  std::vector<Vehicle> vehicles_;  // sorted by plate_key
  std::vector<InspectionRecord> inspections_;
  std::vector<Centre> centres_;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> vin_index_;          // hash, vehicle
  std::vector<std::pair<std::uint64_t, std::uint32_t>> certificate_index_;  // key, inspection
};

}  // namespace ndxp::connectors::vehicle
