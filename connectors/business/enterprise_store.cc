#include "connectors/business/enterprise_store.h"

#include <algorithm>

#include "connectors/business/dossier_generator.h"
#include "connectors/business/enterprise_generator.h"
#include "connectors/common/rng.h"

namespace ndxp::connectors::business {

std::uint64_t DossierKey(int province_code, int year, std::uint32_t sequence) {
  return static_cast<std::uint64_t>(province_code) * 10'000'000'000ULL +
         static_cast<std::uint64_t>(year) * 1'000'000 + sequence;
}

absl::StatusOr<std::shared_ptr<const EnterpriseStore>> EnterpriseStore::Generate(
    std::uint64_t seed, std::uint64_t count,
    std::shared_ptr<const population::CitizenStore> population) {
  if (count == 0) count = kDefaultScale;
  if (count > kMaxScale) {
    return absl::InvalidArgumentError("scale must be at most 2,000,000 enterprises");
  }
  if (population == nullptr) return absl::InvalidArgumentError("no population store");
  std::shared_ptr<EnterpriseStore> store(new EnterpriseStore());
  store->seed_ = seed;
  store->population_ = std::move(population);
  if (absl::Status s = EnterpriseGenerator(seed, count, *store).Run(); !s.ok()) return s;
  if (absl::Status s = DossierGenerator(seed, *store).Run(); !s.ok()) return s;
  return std::shared_ptr<const EnterpriseStore>(std::move(store));
}

const Enterprise* EnterpriseStore::FindEnterprise(std::uint64_t code) const {
  auto it = std::lower_bound(enterprises_.begin(), enterprises_.end(), code,
                             [](const Enterprise& e, std::uint64_t c) { return e.code < c; });
  return it != enterprises_.end() && it->code == code ? &*it : nullptr;
}

const DependentUnit* EnterpriseStore::FindUnit(const Enterprise& parent, int suffix) const {
  for (const DependentUnit& u : UnitsOf(parent)) {
    if (u.suffix == suffix) return &u;
  }
  return nullptr;
}

const Dossier* EnterpriseStore::FindDossier(int province_code, int year,
                                            std::uint32_t sequence) const {
  const std::uint64_t key = DossierKey(province_code, year, sequence);
  auto it = std::lower_bound(dossiers_.begin(), dossiers_.end(), key,
                             [](const Dossier& d, std::uint64_t k) { return d.key < k; });
  return it != dossiers_.end() && it->key == key ? &*it : nullptr;
}

std::uint64_t EnterpriseStore::Fingerprint() const {
  std::uint64_t h = Mix(seed_, enterprises_.size());
  const auto street = [](const StreetAddress& s) {
    return std::uint64_t{static_cast<std::uint8_t>(s.form)} << 40 | std::uint64_t{s.street} << 32 |
           std::uint64_t{s.number} << 16 | s.alley;
  };
  for (const Enterprise& e : enterprises_) {
    h = Mix(h, e.code);
    h = Mix(h,
            std::uint64_t{e.representative} << 32 | static_cast<std::uint32_t>(e.registration_day));
    h = Mix(h, static_cast<std::uint64_t>(e.charter_capital_vnd));
    h = Mix(h, std::uint64_t{e.commune} << 48 | street(e.street));
    h = Mix(h, std::uint64_t{e.name.variant} << 56 | std::uint64_t{e.name.phrase} << 48 |
                   std::uint64_t{e.name.brand_first} << 40 |
                   std::uint64_t{e.name.brand_second} << 32 |
                   std::uint64_t{e.name.qualifier} << 16 | e.legal_form);
    h = Mix(h, std::uint64_t{e.status} << 24 | std::uint64_t{e.industry} << 16 |
                   std::uint64_t{e.unit_count} << 8 | (e.foreign_name ? 1u : 0u));
  }
  for (const DependentUnit& u : units_) {
    h = Mix(h, std::uint64_t{u.parent} << 32 | u.head);
    h = Mix(h, std::uint64_t{static_cast<std::uint32_t>(u.registration_day)} << 32 |
                   std::uint64_t{u.suffix} << 16 | u.commune);
    h = Mix(h, street(u.street) << 16 | std::uint64_t{u.kind} << 8 | u.status);
  }
  for (const Dossier& d : dossiers_) {
    h = Mix(h, d.key);
    h = Mix(h, std::uint64_t{d.enterprise} << 32 | static_cast<std::uint32_t>(d.due_day));
    h = Mix(h, std::uint64_t{d.unit_suffix} << 24 | std::uint64_t{d.procedure} << 8 |
                   (d.code_known ? 1u : 0u));
    for (const DossierEvent& ev : EventsOf(d)) {
      h = Mix(h, static_cast<std::uint64_t>(ev.local_minute) << 16 | std::uint64_t{ev.state} << 8 |
                     ev.note);
    }
  }
  return h;
}

}  // namespace ndxp::connectors::business
