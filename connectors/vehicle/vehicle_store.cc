#include "connectors/vehicle/vehicle_store.h"

#include <algorithm>
#include <cstdio>

#include "connectors/common/rng.h"
#include "connectors/common/vin.h"
#include "connectors/vehicle/vehicle_generator.h"
#include "connectors/vehicle/vehicle_models.h"

namespace ndxp::connectors::vehicle {
namespace {

std::uint64_t VinHash(std::string_view vin) {
  std::uint64_t h = 0x56494E;
  for (char c : vin) h = Mix(h, static_cast<std::uint8_t>(c));
  return h;
}

}  // namespace

absl::StatusOr<std::shared_ptr<const VehicleStore>> VehicleStore::Generate(
    std::uint64_t seed, std::uint64_t count,
    std::shared_ptr<const population::CitizenStore> population,
    std::shared_ptr<const business::EnterpriseStore> business) {
  if (count == 0) count = kDefaultScale;
  if (count > kMaxScale) {
    return absl::InvalidArgumentError("scale must be at most 2,000,000 vehicles");
  }
  if (population == nullptr || business == nullptr) {
    return absl::InvalidArgumentError("no population or business store");
  }
  std::shared_ptr<VehicleStore> store(new VehicleStore());
  store->seed_ = seed;
  store->population_ = std::move(population);
  store->business_ = std::move(business);
  if (absl::Status s = VehicleGenerator(seed, count, *store).Run(); !s.ok()) return s;
  store->BuildIndexes();
  return std::shared_ptr<const VehicleStore>(std::move(store));
}

void VehicleStore::BuildIndexes() {
  vin_index_.reserve(vehicles_.size());
  for (const Vehicle& v : vehicles_) vin_index_.emplace_back(VinHash(Vin(v)), IndexOf(v));
  std::sort(vin_index_.begin(), vin_index_.end());
  for (std::uint32_t i = 0; i < inspections_.size(); ++i) {
    if (inspections_[i].passed()) {
      certificate_index_.emplace_back(InspectionCertificateKey(CertificateOf(inspections_[i])), i);
    }
  }
  std::sort(certificate_index_.begin(), certificate_index_.end());
}

const Vehicle* VehicleStore::FindByPlate(const LicencePlate& plate) const {
  const std::uint64_t key = LicencePlateKey(plate);
  auto it = std::lower_bound(vehicles_.begin(), vehicles_.end(), key,
                             [](const Vehicle& v, std::uint64_t k) { return v.plate_key < k; });
  return it != vehicles_.end() && it->plate_key == key ? &*it : nullptr;
}

const Vehicle* VehicleStore::FindByVin(std::string_view vin) const {
  const std::uint64_t h = VinHash(vin);
  auto it = std::lower_bound(vin_index_.begin(), vin_index_.end(),
                             std::pair<std::uint64_t, std::uint32_t>{h, 0});
  for (; it != vin_index_.end() && it->first == h; ++it) {
    if (Vin(vehicles_[it->second]) == vin) return &vehicles_[it->second];
  }
  return nullptr;
}

const InspectionRecord* VehicleStore::FindByCertificate(
    const InspectionCertificateNumber& number) const {
  const std::uint64_t key = InspectionCertificateKey(number);
  auto it = std::lower_bound(certificate_index_.begin(), certificate_index_.end(),
                             std::pair<std::uint64_t, std::uint32_t>{key, 0});
  return it != certificate_index_.end() && it->first == key ? &inspections_[it->second] : nullptr;
}

std::string VehicleStore::Vin(const Vehicle& v) const {
  const VehicleModel& m = VehicleModels()[v.model];
  std::string vin;
  vin.reserve(17);
  vin.append(m.wmi);
  vin.append(m.descriptor);
  vin.push_back('0');
  vin.push_back(VinModelYearCode(v.manufacture_year));
  vin.push_back(v.plant);
  char serial[8];
  std::snprintf(serial, sizeof serial, "%06u", v.vin_serial % 1'000'000);
  vin.append(serial);
  vin[8] = *VinCheckDigit(vin);
  return vin;
}

InspectionCertificateNumber VehicleStore::CertificateOf(const InspectionRecord& r) const {
  InspectionCertificateNumber n;
  n.centre = centres_[r.centre].code;
  n.year = FromDays(r.day).year;
  n.sequence = r.sequence;
  return n;
}

std::string VehicleStore::CertificateNumber(const InspectionRecord& r) const {
  return r.passed() ? FormatInspectionCertificateNumber(CertificateOf(r)) : std::string();
}

std::uint64_t VehicleStore::Fingerprint() const {
  std::uint64_t h = Mix(seed_, vehicles_.size());
  for (const Vehicle& v : vehicles_) {
    h = Mix(h, v.plate_key);
    h = Mix(h, std::uint64_t{v.owner} << 32 | v.first_inspection);
    h = Mix(h, std::uint64_t{v.vin_serial} << 32 | v.engine_serial);
    h = Mix(h, std::uint64_t{static_cast<std::uint32_t>(v.registration_day)} << 32 |
                   std::uint64_t{v.manufacture_year} << 16 | v.model);
    h = Mix(h, std::uint64_t{v.annual_km} << 40 | std::uint64_t{v.inspection_count} << 32 |
                   std::uint64_t{v.owner_kind} << 24 | std::uint64_t{v.colour} << 16 |
                   std::uint64_t{static_cast<std::uint8_t>(v.plant)} << 8 |
                   (v.commercial ? 1u : 0u));
  }
  for (const InspectionRecord& r : inspections_) {
    h = Mix(h, std::uint64_t{r.vehicle} << 32 | static_cast<std::uint32_t>(r.day));
    h = Mix(h, std::uint64_t{static_cast<std::uint32_t>(r.valid_until_day)} << 32 | r.sequence);
    h = Mix(h, std::uint64_t{r.centre} << 16 | std::uint64_t{r.cycle_months} << 8 | r.defect);
  }
  return h;
}

}  // namespace ndxp::connectors::vehicle
