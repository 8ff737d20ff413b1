#include "connectors/postcode/address_store.h"

#include <algorithm>

#include "connectors/common/admin_units.h"
#include "connectors/common/bijection.h"
#include "connectors/common/digital_address.h"
#include "connectors/common/postcodes.h"
#include "connectors/common/rng.h"
#include "connectors/common/weighted.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors::postcode {
namespace {

constexpr std::uint64_t kStream = 0x56706F7374636F64ULL;  // "Vpostcod"

// A position inside the disc of the commune's radius around its centre (integers only).
GeoPoint PlaceIn(Rng& rng, std::uint16_t commune) {
  const GeoPoint centre = CommuneCentre(commune);
  const std::int64_t r = CommuneRadius(commune);
  for (;;) {
    const std::int64_t dy = rng.Between(-r, r), dx = rng.Between(-r, r);
    if (dx * dx + dy * dy <= r * r) {
      return {centre.lat_e6 + static_cast<std::int32_t>(dy),
              centre.lon_e6 + static_cast<std::int32_t>(dx)};
    }
  }
}

// Other premises follow population: a commune's weight is its old province's population shared
// among that province's communes, wards three times a rural commune.
WeightedTable CommuneWeights() {
  const AdminUnits& units = AdminUnits::Get();
  WeightedTable table;
  for (const Commune& c : units.communes()) {
    const OldProvince& p = units.old_provinces()[c.old_province];
    const std::uint64_t share = p.population_thousands * 1000 / (p.communes.size() + 1);
    table.Add(c.kind == CommuneKind::kWard ? share * 3 : share);
  }
  return table;
}

}  // namespace

absl::StatusOr<std::shared_ptr<const AddressStore>> AddressStore::Generate(
    std::uint64_t seed, std::uint64_t scale,
    std::shared_ptr<const population::CitizenStore> population,
    std::shared_ptr<const business::EnterpriseStore> business) {
  if (scale == 0) scale = kDefaultScale;
  if (scale > kMaxScale) {
    return absl::InvalidArgumentError(
        core::ToAbsl(core::Cat("postcode scale ", scale, " exceeds the maximum ", kMaxScale)));
  }
  std::shared_ptr<AddressStore> store(new AddressStore());
  store->seed_ = seed;
  store->population_ = std::move(population);
  store->business_ = std::move(business);
  auto& out = store->addresses_;
  const auto households = store->population_->households();
  const auto enterprises = store->business_->enterprises();
  out.reserve(households.size() + enterprises.size() + scale);
  Rng rng(Mix(seed, kStream));
  for (std::uint32_t h = 0; h < households.size(); ++h) {
    out.push_back({PlaceIn(rng, households[h].commune), 0, h, households[h].commune,
                   households[h].street, Use::kResidence});
  }
  for (std::uint32_t e = 0; e < enterprises.size(); ++e) {
    out.push_back({PlaceIn(rng, enterprises[e].commune), 0, e, enterprises[e].commune,
                   enterprises[e].street, Use::kBusiness});
  }
  const WeightedTable weights = CommuneWeights();
  for (std::uint64_t i = 0; i < scale; ++i) {
    const auto commune = static_cast<std::uint16_t>(weights.Pick(rng));
    out.push_back(
        {PlaceIn(rng, commune), 0, 0, commune, PickStreetAddress(rng, commune), Use::kOther});
  }
  // Serials: a keyed permutation of the order of arrival in each commune.
  const std::size_t communes = AdminUnits::Get().communes().size();
  std::vector<std::uint32_t> arrived(communes, 0);
  for (Address& a : out) {
    if (arrived[a.commune] >= kDigitalAddressSerials) {
      return absl::InvalidArgumentError("postcode scale gives a commune over 1,048,576 addresses");
    }
    a.serial = arrived[a.commune]++;
  }
  std::vector<Bijection> serials;
  serials.reserve(communes);
  for (std::size_t c = 0; c < communes; ++c) {
    serials.emplace_back(kDigitalAddressSerials, Mix(seed, c * 2 + 1));
  }
  for (Address& a : out) a.serial = static_cast<std::uint32_t>(serials[a.commune].Apply(a.serial));
  std::sort(out.begin(), out.end(), [](const Address& a, const Address& b) {
    return a.commune != b.commune ? a.commune < b.commune : a.serial < b.serial;
  });
  store->Index();
  return std::shared_ptr<const AddressStore>(std::move(store));
}

void AddressStore::Index() {
  const std::size_t communes = AdminUnits::Get().communes().size();
  commune_first_.assign(communes + 1, 0);
  for (const Address& a : addresses_) ++commune_first_[a.commune + 1u];
  for (std::size_t c = 0; c < communes; ++c) commune_first_[c + 1] += commune_first_[c];
  by_household_.assign(population_->households().size(), 0);
  by_enterprise_.assign(business_->enterprises().size(), 0);
  std::vector<SpatialIndex::Entry> points;
  points.reserve(addresses_.size());
  for (std::uint32_t i = 0; i < addresses_.size(); ++i) {
    const Address& a = addresses_[i];
    if (a.use == Use::kResidence) by_household_[a.owner] = i;
    if (a.use == Use::kBusiness) by_enterprise_[a.owner] = i;
    points.push_back({a.location, i});
  }
  spatial_ = SpatialIndex(std::move(points));
}

std::span<const Address> AddressStore::InCommune(std::uint16_t commune) const {
  return std::span<const Address>(addresses_)
      .subspan(commune_first_[commune], commune_first_[commune + 1u] - commune_first_[commune]);
}

const Address* AddressStore::Find(std::uint16_t commune, std::uint32_t serial) const {
  const auto range = InCommune(commune);
  auto it = std::lower_bound(range.begin(), range.end(), serial,
                             [](const Address& a, std::uint32_t s) { return a.serial < s; });
  return it != range.end() && it->serial == serial ? &*it : nullptr;
}

const Address& AddressStore::OfHousehold(std::uint32_t household) const {
  return addresses_[by_household_[household]];
}

const Address& AddressStore::OfEnterprise(std::uint32_t enterprise) const {
  return addresses_[by_enterprise_[enterprise]];
}

std::string AddressStore::Code(const Address& a) const {
  return FormatDigitalAddress(CommunePostcode(a.commune), a.serial);
}

std::uint64_t AddressStore::Fingerprint() const {
  std::uint64_t h = Mix(seed_, addresses_.size());
  for (const Address& a : addresses_) {
    h = Mix(h, static_cast<std::uint64_t>(static_cast<std::uint32_t>(a.location.lat_e6)) << 32 |
                   static_cast<std::uint32_t>(a.location.lon_e6));
    h = Mix(h, static_cast<std::uint64_t>(a.serial) << 32 | a.owner);
    h = Mix(h, static_cast<std::uint64_t>(a.commune) << 48 |
                   static_cast<std::uint64_t>(a.street.form) << 40 |
                   static_cast<std::uint64_t>(a.street.street) << 32 |
                   static_cast<std::uint64_t>(a.street.number) << 16 | a.street.alley);
    h = Mix(h, static_cast<std::uint64_t>(a.use));
  }
  return h;
}

std::size_t AddressStore::MemoryBytes() const {
  return addresses_.capacity() * sizeof(Address) +
         (commune_first_.capacity() + by_household_.capacity() + by_enterprise_.capacity()) *
             sizeof(std::uint32_t) +
         spatial_.MemoryBytes();
}

}  // namespace ndxp::connectors::postcode
