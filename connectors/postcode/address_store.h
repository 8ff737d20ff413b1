#pragma once
// The synthetic Vpostcode register held in memory: one digital address per population household
// (its permanent residence), per enterprise head office, and `scale` other premises, in a flat
// vector of 28-byte records sorted by (commune, serial), with a k-d tree over their positions.
// Immutable once generated.

#include <absl/status/statusor.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "connectors/business/enterprise_store.h"
#include "connectors/common/geo.h"
#include "connectors/common/street_address.h"
#include "connectors/population/citizen_store.h"
#include "connectors/postcode/spatial_index.h"

namespace ndxp::connectors::postcode {

enum class Use : std::uint8_t { kResidence = 1, kBusiness = 2, kOther = 3 };  // = AddressUse

struct Address {
  GeoPoint location;
  std::uint32_t serial = 0;  // the digital code's serial within the commune
  std::uint32_t owner = 0;   // household index (residence) or enterprise index (business)
  std::uint16_t commune = 0;
  StreetAddress street;
  Use use = Use::kOther;
};

class AddressStore {
 public:
  // Default and maximum number of other premises (besides residences and head offices).
  static constexpr std::uint64_t kDefaultScale = 100'000;
  static constexpr std::uint64_t kMaxScale = 5'000'000;

  // Deterministic in (seed, scale, population, business).
  static absl::StatusOr<std::shared_ptr<const AddressStore>> Generate(
      std::uint64_t seed, std::uint64_t scale,
      std::shared_ptr<const population::CitizenStore> population,
      std::shared_ptr<const business::EnterpriseStore> business);

  std::span<const Address> addresses() const { return addresses_; }
  // Addresses of a commune (an AdminUnits index), by serial.
  std::span<const Address> InCommune(std::uint16_t commune) const;
  // The address with this serial in a commune, or nullptr.
  const Address* Find(std::uint16_t commune, std::uint32_t serial) const;
  // The address of a household / an enterprise's head office.
  const Address& OfHousehold(std::uint32_t household) const;
  const Address& OfEnterprise(std::uint32_t enterprise) const;
  std::uint32_t IndexOf(const Address& a) const {
    return static_cast<std::uint32_t>(&a - addresses_.data());
  }

  std::string Code(const Address& a) const;
  const SpatialIndex& spatial() const { return spatial_; }
  const business::EnterpriseStore& business() const { return *business_; }
  std::uint64_t seed() const { return seed_; }

  std::uint64_t Fingerprint() const;
  std::size_t MemoryBytes() const;

 private:
  AddressStore() = default;
  void Index();

  std::uint64_t seed_ = 0;
  std::shared_ptr<const population::CitizenStore> population_;
  std::shared_ptr<const business::EnterpriseStore> business_;
  std::vector<Address> addresses_;
  std::vector<std::uint32_t> commune_first_;  // addresses of commune c: [first[c], first[c + 1])
  std::vector<std::uint32_t> by_household_;   // household index -> address index
  std::vector<std::uint32_t> by_enterprise_;  // enterprise index -> address index
  SpatialIndex spatial_;
};

}  // namespace ndxp::connectors::postcode
