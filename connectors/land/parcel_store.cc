#include "connectors/land/parcel_store.h"

#include <algorithm>

#include "connectors/common/admin_units.h"
#include "connectors/common/rng.h"
#include "connectors/land/land_generator.h"

namespace ndxp::connectors::land {

std::uint64_t ParcelKey(std::uint32_t commune_code, int map_sheet, int parcel_number) {
  return std::uint64_t{commune_code} * 1'000'000'000 +
         static_cast<std::uint64_t>(map_sheet) * 100'000 +
         static_cast<std::uint64_t>(parcel_number);
}

absl::StatusOr<std::shared_ptr<const ParcelStore>> ParcelStore::Generate(
    std::uint64_t seed, std::uint64_t count,
    std::shared_ptr<const population::CitizenStore> population,
    std::shared_ptr<const business::EnterpriseStore> business) {
  if (count == 0) count = kDefaultScale;
  if (count > kMaxScale)
    return absl::InvalidArgumentError("scale must be at most 2,000,000 parcels");
  if (population == nullptr || business == nullptr) {
    return absl::InvalidArgumentError("no population or business store");
  }
  std::shared_ptr<ParcelStore> store(new ParcelStore());
  store->seed_ = seed;
  store->population_ = std::move(population);
  store->business_ = std::move(business);
  if (absl::Status s = LandGenerator(seed, count, *store).Run(); !s.ok()) return s;
  return std::shared_ptr<const ParcelStore>(std::move(store));
}

const Parcel* ParcelStore::FindParcel(std::uint32_t commune_code, int map_sheet,
                                      int parcel_number) const {
  const std::uint64_t key = ParcelKey(commune_code, map_sheet, parcel_number);
  auto it = std::lower_bound(parcels_.begin(), parcels_.end(), key,
                             [](const Parcel& p, std::uint64_t k) { return p.key < k; });
  return it != parcels_.end() && it->key == key ? &*it : nullptr;
}

const Certificate* ParcelStore::FindCertificate(std::uint64_t serial_key) const {
  auto it =
      std::lower_bound(certificates_.begin(), certificates_.end(), serial_key,
                       [](const Certificate& c, std::uint64_t k) { return c.serial_key < k; });
  return it != certificates_.end() && it->serial_key == serial_key ? &*it : nullptr;
}

std::span<const Parcel> ParcelStore::InCommune(std::uint16_t commune) const {
  const std::uint64_t code = AdminUnits::Get().communes()[commune].code;
  const auto lo = std::lower_bound(parcels_.begin(), parcels_.end(), code * 1'000'000'000,
                                   [](const Parcel& p, std::uint64_t k) { return p.key < k; });
  const auto hi = std::lower_bound(lo, parcels_.end(), (code + 1) * 1'000'000'000,
                                   [](const Parcel& p, std::uint64_t k) { return p.key < k; });
  return std::span<const Parcel>(parcels_).subspan(static_cast<std::size_t>(lo - parcels_.begin()),
                                                   static_cast<std::size_t>(hi - lo));
}

std::uint64_t ParcelStore::Fingerprint() const {
  std::uint64_t h = Mix(seed_, parcels_.size());
  for (const Parcel& p : parcels_) {
    h = Mix(h, p.key);
    h = Mix(h, std::uint64_t{p.holder} << 32 | p.certificate);
    h = Mix(h, std::uint64_t{p.area_dm2} << 32 | static_cast<std::uint32_t>(p.use_until_day));
    h = Mix(h, std::uint64_t{p.commune} << 48 | std::uint64_t{p.street.street} << 40 |
                   std::uint64_t{p.street.number} << 24 | p.street.alley);
    h = Mix(h, std::uint64_t{static_cast<std::uint8_t>(p.street.form)} << 32 |
                   std::uint64_t{p.land_use} << 24 | std::uint64_t{p.holder_kind} << 16 |
                   std::uint64_t{p.origin} << 8 | (p.joint ? 1u : 0u));
  }
  for (const Certificate& c : certificates_) {
    h = Mix(h, c.serial_key);
    h = Mix(h, std::uint64_t{c.first_parcel} << 32 | static_cast<std::uint32_t>(c.issue_day));
    h = Mix(h, std::uint64_t{c.register_entry} << 8 | c.parcel_count);
  }
  for (std::uint32_t p : certificate_parcels_) h = Mix(h, p);
  return h;
}

}  // namespace ndxp::connectors::land
