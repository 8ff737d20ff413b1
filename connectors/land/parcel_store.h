#pragma once
// The synthetic National Land Database in memory: parcels of the cadastral map (sorted by commune
// code, map sheet and parcel number) and the land-use right certificates issued for them (sorted
// by serial), held by citizens of the population store and enterprises of the business store.
// Geometry, names and addresses are built when a request asks for them. Immutable once generated.

#include <absl/status/statusor.h>

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "connectors/business/enterprise_store.h"
#include "connectors/common/street_address.h"
#include "connectors/population/citizen_store.h"

namespace ndxp::connectors::land {

inline constexpr std::uint32_t kNoCertificate = 0xFFFFFFFF;

// Commune code * 10^9 + map sheet * 10^5 + parcel number: sorted like parcel ids.
std::uint64_t ParcelKey(std::uint32_t commune_code, int map_sheet, int parcel_number);

struct Parcel {
  std::uint64_t key = 0;                       // ParcelKey
  std::uint32_t holder = 0;                    // citizen or enterprise index (holder_kind)
  std::uint32_t certificate = kNoCertificate;  // index into certificates()
  std::uint32_t area_dm2 = 0;                  // area in 0.1 m² units (10 = 1 m²)
  std::int32_t use_until_day = 0;              // days since 1970-01-01; 0 = long-term
  std::uint16_t commune = 0;                   // AdminUnits commune index
  StreetAddress street;
  std::uint8_t land_use = 0;     // LandUseTypes() index
  std::uint8_t holder_kind = 0;  // ndxp.land.v1.HolderKind
  std::uint8_t origin = 0;       // ndxp.land.v1.UseOrigin
  bool joint = false;            // held jointly with the holder's spouse

  int map_sheet() const { return static_cast<int>(key / 100'000 % 10'000); }
  int parcel_number() const { return static_cast<int>(key % 100'000); }
  std::uint32_t commune_code() const { return static_cast<std::uint32_t>(key / 1'000'000'000); }
};

struct Certificate {
  std::uint64_t serial_key = 0;    // CertificateSerialKey
  std::uint32_t number = 0;        // the serial's digits
  std::uint32_t first_parcel = 0;  // parcels: ParcelsOf(), a range of certificate_parcels()
  std::int32_t issue_day = 0;
  std::uint32_t register_entry = 0;  // per-commune entry number in the register of certificates
  char letters[3] = {};
  std::uint8_t digits = 6;
  std::uint8_t parcel_count = 0;
};

class ParcelStore {
 public:
  static constexpr std::uint64_t kDefaultScale = 40'000;
  static constexpr std::uint64_t kMaxScale = 2'000'000;

  // Generates `count` parcels (0: kDefaultScale) from `seed`, held by citizens of `population`
  // and enterprises of `business`. Deterministic in (seed, count, population, business).
  static absl::StatusOr<std::shared_ptr<const ParcelStore>> Generate(
      std::uint64_t seed, std::uint64_t count,
      std::shared_ptr<const population::CitizenStore> population,
      std::shared_ptr<const business::EnterpriseStore> business);

  const Parcel* FindParcel(std::uint32_t commune_code, int map_sheet, int parcel_number) const;
  const Certificate* FindCertificate(std::uint64_t serial_key) const;

  std::span<const Parcel> parcels() const { return parcels_; }
  std::span<const Certificate> certificates() const { return certificates_; }
  // Parcel indexes a certificate covers, in parcel order.
  std::span<const std::uint32_t> ParcelsOf(const Certificate& c) const {
    return std::span<const std::uint32_t>(certificate_parcels_)
        .subspan(c.first_parcel, c.parcel_count);
  }
  std::uint32_t IndexOf(const Certificate& c) const {
    return static_cast<std::uint32_t>(&c - certificates_.data());
  }
  // The parcels of a commune (an AdminUnits index), in parcel order.
  std::span<const Parcel> InCommune(std::uint16_t commune) const;

  const population::CitizenStore& population() const { return *population_; }
  const business::EnterpriseStore& business() const { return *business_; }
  std::uint64_t seed() const { return seed_; }
  std::uint64_t Fingerprint() const;

 private:
  friend class LandGenerator;
  ParcelStore() = default;

  std::uint64_t seed_ = 0;
  std::shared_ptr<const population::CitizenStore> population_;
  std::shared_ptr<const business::EnterpriseStore> business_;
  std::vector<Parcel> parcels_;            // sorted by key
  std::vector<Certificate> certificates_;  // sorted by serial_key
  std::vector<std::uint32_t> certificate_parcels_;
};

}  // namespace ndxp::connectors::land
