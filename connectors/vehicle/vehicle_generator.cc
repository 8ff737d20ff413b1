#include "connectors/vehicle/vehicle_generator.h"

#include <algorithm>

#include "connectors/common/admin_units.h"
#include "connectors/common/bijection.h"
#include "connectors/common/dates.h"
#include "connectors/vehicle/inspection_rules.h"
#include "connectors/vehicle/vehicle_models.h"
#include "ndxp/business/v1/business.pb.h"
#include "ndxp/vehicle/v1/vehicle.pb.h"

namespace ndxp::connectors::vehicle {
namespace {

namespace pb = ::ndxp::vehicle::v1;

std::int32_t LastDay() { return AddWorkingDays(ToDays(kSnapshotDate), -1); }

std::int32_t AddMonths(std::int32_t day, int months) {
  CivilDate d = FromDays(day);
  const int total = d.year * 12 + (d.month - 1) + months;
  d.year = total / 12;
  d.month = total % 12 + 1;
  d.day = std::min(d.day, DaysInMonth(d.year, d.month));
  return ToDays(d);
}

// Per mille of enterprise owners, and of commercial use by owner kind, per vehicle kind.
std::uint32_t EnterpriseShare(std::uint8_t kind) {
  switch (kind) {
    case pb::VEHICLE_KIND_PASSENGER_CAR:
      return 150;
    case pb::VEHICLE_KIND_BUS:
      return 850;
    case pb::VEHICLE_KIND_TRUCK:
      return 600;
    case pb::VEHICLE_KIND_PICKUP:
      return 300;
    case pb::VEHICLE_KIND_VAN:
      return 500;
    default:
      return 950;
  }
}

std::uint32_t CommercialShare(std::uint8_t kind, bool enterprise) {
  if (kind == pb::VEHICLE_KIND_PASSENGER_CAR) return enterprise ? 600 : 50;
  if (kind == pb::VEHICLE_KIND_PICKUP || kind == pb::VEHICLE_KIND_VAN)
    return enterprise ? 500 : 100;
  return enterprise ? 850 : 300;
}

// Hundreds of kilometres a year.
std::uint16_t AnnualKm(Rng& rng, std::uint8_t kind, bool commercial) {
  if (kind == pb::VEHICLE_KIND_PASSENGER_CAR && !commercial)
    return static_cast<std::uint16_t>(rng.Between(60, 200));
  if (kind == pb::VEHICLE_KIND_BUS) return static_cast<std::uint16_t>(rng.Between(400, 1200));
  return static_cast<std::uint16_t>(rng.Between(250, 900));
}

}  // namespace

VehicleGenerator::VehicleGenerator(std::uint64_t seed, std::uint64_t count, VehicleStore& store)
    : seed_(seed), count_(count), rng_(Mix(seed, 0x56656869636C65ULL)), store_(store) {}

absl::Status VehicleGenerator::Run() {
  if (store_.population().households().empty()) {
    return absl::FailedPreconditionError("the population holds no household");
  }
  BuildTables();
  store_.vehicles_.reserve(count_);
  while (store_.vehicles_.size() < count_) store_.vehicles_.push_back(MakeVehicle());
  std::sort(store_.vehicles_.begin(), store_.vehicles_.end(),
            [](const Vehicle& a, const Vehicle& b) { return a.plate_key < b.plate_key; });
  for (std::uint32_t i = 0; i < store_.vehicles_.size(); ++i) AddInspections(i);
  return absl::OkStatus();
}

void VehicleGenerator::BuildTables() {
  // The inspected fleet: cars 60%, trucks 22%, pick-ups 5%, buses 4%, vans 3%, tractor units 3%,
  // semi-trailers 3%.
  const std::pair<std::uint8_t, std::uint32_t> kinds[] = {{pb::VEHICLE_KIND_PASSENGER_CAR, 60},
                                                          {pb::VEHICLE_KIND_TRUCK, 22},
                                                          {pb::VEHICLE_KIND_PICKUP, 5},
                                                          {pb::VEHICLE_KIND_BUS, 4},
                                                          {pb::VEHICLE_KIND_VAN, 3},
                                                          {pb::VEHICLE_KIND_TRACTOR, 3},
                                                          {pb::VEHICLE_KIND_SEMI_TRAILER, 3}};
  for (const auto& [kind, weight] : kinds) {
    kinds_.Add(weight);
    kind_values_.push_back(kind);
  }
  models_by_kind_.resize(8);
  model_ids_by_kind_.resize(8);
  const auto models = VehicleModels();
  for (std::uint16_t i = 0; i < models.size(); ++i) {
    models_by_kind_[models[i].kind].Add(models[i].weight);
    model_ids_by_kind_[models[i].kind].push_back(i);
  }
  for (const business::Enterprise& e : store_.business().enterprises()) {
    if (e.status == ::ndxp::business::v1::OPERATING_STATUS_ACTIVE) {
      active_enterprises_.push_back(store_.business().IndexOf(e));
    }
  }
  // Inspection centres: one per 600,000 inhabitants of a pre-2025 province (1 to 14), coded with
  // the province's first plate code (TP HCM's centres use 50), V for the public centres and D for
  // every third centre from the fifth on.
  const AdminUnits& units = AdminUnits::Get();
  centres_by_province_.resize(units.old_provinces().size());
  for (std::size_t p = 0; p < units.old_provinces().size(); ++p) {
    const OldProvince& op = units.old_provinces()[p];
    const auto codes = PlateCodesOf(op.code);
    if (codes.empty()) continue;
    const int local = op.code == 79 ? 50 : codes.front();
    const int n = std::clamp(static_cast<int>(op.population_thousands / 600), 1, 14);
    for (int k = 1; k <= n; ++k) {
      Centre c;
      c.code = {local, k, k >= 5 && k % 3 == 0 ? 'D' : 'V'};
      c.old_province = static_cast<std::uint8_t>(p);
      centres_by_province_[p].push_back(static_cast<std::uint16_t>(store_.centres_.size()));
      store_.centres_.push_back(c);
    }
  }
}

bool VehicleGenerator::PickOwner(Vehicle& v, std::uint8_t kind, std::int32_t& eligible_day,
                                 int& old_province) {
  const AdminUnits& units = AdminUnits::Get();
  const bool enterprise = !active_enterprises_.empty() && rng_.Chance(EnterpriseShare(kind));
  for (int attempt = 0; attempt < 20; ++attempt) {
    if (enterprise) {
      const std::uint32_t index = active_enterprises_[rng_.Uniform(active_enterprises_.size())];
      const business::Enterprise& e = store_.business().enterprises()[index];
      v.owner = index;
      v.owner_kind = pb::OWNER_KIND_ENTERPRISE;
      eligible_day = e.registration_day;
      old_province = units.communes()[e.commune].old_province;
    } else {
      const auto& population = store_.population();
      const auto households = population.households();
      const population::Household& h = households[rng_.Uniform(households.size())];
      const population::Citizen& head = population.citizens()[h.first_member];
      v.owner = h.first_member;
      v.owner_kind = pb::OWNER_KIND_INDIVIDUAL;
      eligible_day = ToDays({FromDays(head.birth_day).year + 18, 6, 1});
      old_province = units.communes()[h.commune].old_province;
    }
    if (eligible_day < LastDay() - 60 &&
        !centres_by_province_[static_cast<std::size_t>(old_province)].empty()) {
      return true;
    }
  }
  return false;
}

Vehicle VehicleGenerator::MakeVehicle() {
  for (;;) {
    Vehicle v;
    const std::uint8_t kind = kind_values_[kinds_.Pick(rng_)];
    const auto& ids = model_ids_by_kind_[kind];
    v.model = ids[models_by_kind_[kind].Pick(rng_)];
    const VehicleModel& m = VehicleModels()[v.model];
    const std::uint64_t span = static_cast<std::uint64_t>(m.last_year - m.first_year);
    const std::uint64_t r = rng_.Uniform(1000);
    v.manufacture_year = static_cast<std::uint16_t>(m.last_year - span * r * r / 1'000'000);
    std::int32_t eligible = 0;
    int old_province = 0;
    if (!PickOwner(v, kind, eligible, old_province)) continue;
    // Registered within a year of manufacture, or later to an owner who could not register it
    // before (bought second-hand).
    std::int32_t day = static_cast<std::int32_t>(rng_.Between(
        ToDays({v.manufacture_year, 1, 15}), ToDays({v.manufacture_year + 1, 12, 20})));
    if (day < eligible) day = eligible + static_cast<std::int32_t>(rng_.Between(30, 400));
    day = AddWorkingDays(std::min(day, LastDay() - 1), 0);
    if (day > LastDay()) day = AddWorkingDays(LastDay(), -1);
    v.registration_day = day;
    v.commercial = rng_.Chance(CommercialShare(kind, v.owner_kind == pb::OWNER_KIND_ENTERPRISE));
    v.annual_km = AnnualKm(rng_, kind, v.commercial);
    v.colour = static_cast<std::uint8_t>(rng_.Uniform(PaintColours().size()));
    v.plant = "ABCDEFGH"[Mix(seed_, v.model) % 8];
    v.vin_serial = NextSerial(vin_counters_, v.model, 999'999) + 1;
    v.engine_serial = static_cast<std::uint32_t>(rng_.Uniform(1'000'000));
    AssignPlate(v, kind,
                AdminUnits::Get().old_provinces()[static_cast<std::size_t>(old_province)].code);
    return v;
  }
}

void VehicleGenerator::AssignPlate(Vehicle& v, std::uint8_t kind, int old_province_code) {
  const auto codes = PlateCodesOf(old_province_code);
  LicencePlate plate;
  plate.local_code = codes[rng_.Uniform(codes.size())];
  static const std::int32_t kFiveDigitsFrom = ToDays({2010, 10, 1});  // Thông tư 36/2010/TT-BCA
  plate.five_digits = v.registration_day >= kFiveDigitsFrom;
  std::string_view series;
  switch (kind) {
    case pb::VEHICLE_KIND_PASSENGER_CAR: {
      static constexpr std::string_view kCar[] = {"A", "F", "G", "H", "K"};
      static const WeightedTable kCarWeights = {60, 15, 10, 10, 5};
      series = kCar[kCarWeights.Pick(rng_)];
      break;
    }
    case pb::VEHICLE_KIND_BUS:
      series = "B";
      break;
    case pb::VEHICLE_KIND_VAN:
      series = "D";
      break;
    case pb::VEHICLE_KIND_SEMI_TRAILER:
      series = "R";
      break;
    default:
      series = "C";
      break;
  }
  if (v.owner_kind == pb::OWNER_KIND_ENTERPRISE && kind != pb::VEHICLE_KIND_SEMI_TRAILER &&
      rng_.Chance(40)) {
    series = "LD";  // foreign-invested enterprises
  }
  series.copy(plate.series, series.size());
  const std::uint64_t capacity = plate.five_digits ? 99'999 : 9'999;
  // A full series (only at very large scales) moves on to the next series letter.
  for (std::size_t next = 0;; ++next) {
    plate.number = 0;
    const std::uint64_t key = LicencePlateKey(plate);
    if (plate_counters_[key] < capacity) {
      plate.number = NextSerial(plate_counters_, key, capacity) + 1;
      break;
    }
    plate.series[0] = kPlateSeriesLetters[next % kPlateSeriesLetters.size()];
    plate.series[1] = 0;
    if (next >= kPlateSeriesLetters.size()) {
      plate.local_code = codes[(next / kPlateSeriesLetters.size()) % codes.size()];
    }
  }
  v.plate = plate;
  v.plate_key = LicencePlateKey(plate);
}

std::uint32_t VehicleGenerator::NextSerial(std::map<std::uint64_t, std::uint32_t>& counters,
                                           std::uint64_t key, std::uint64_t capacity) {
  const std::uint32_t n = counters[key]++;
  return static_cast<std::uint32_t>(Bijection(capacity, Mix(seed_, key)).Apply(n % capacity));
}

void VehicleGenerator::AddInspections(std::uint32_t index) {
  Vehicle& v = store_.vehicles_[index];
  const VehicleModel& m = VehicleModels()[v.model];
  const AdminUnits& units = AdminUnits::Get();
  const int plate_province = PlateProvince(v.plate.local_code);
  const int old_index = units.FindOldProvince(plate_province);
  const auto& centres =
      centres_by_province_[static_cast<std::size_t>(old_index < 0 ? 0 : old_index)];
  const std::uint16_t home = centres[Mix(seed_, v.plate_key) % centres.size()];
  const int limit = LifetimeLimitYear(m.kind, v.manufacture_year);
  v.first_inspection = static_cast<std::uint32_t>(store_.inspections_.size());
  std::int32_t day = v.registration_day;
  const std::int32_t last = LastDay();
  for (bool first = true; day <= last && v.inspection_count < 200; first = false) {
    const CivilDate on = FromDays(day);
    if (limit != 0 && on.year > limit) break;
    InspectionRecord r;
    r.vehicle = index;
    r.centre = rng_.Chance(850) ? home : centres[rng_.Uniform(centres.size())];
    const int age = on.year - v.manufacture_year;
    if (!first && rng_.Chance(static_cast<std::uint32_t>(40 + 3 * age))) {
      r.day = day;
      r.defect = static_cast<std::uint8_t>(1 + rng_.Uniform(InspectionDefects().size()));
      store_.inspections_.push_back(r);
      ++v.inspection_count;
      day = AddWorkingDays(day, static_cast<int>(rng_.Between(1, 6)));
      if (day > last) break;
      r.defect = 0;
    }
    r.day = day;
    r.cycle_months = static_cast<std::uint8_t>(CycleMonths(m.kind, v.commercial, age, first));
    r.valid_until_day = AddMonths(day, r.cycle_months) - 1;
    if (limit != 0) r.valid_until_day = std::min(r.valid_until_day, ToDays({limit, 12, 31}));
    const std::uint64_t key =
        std::uint64_t{r.centre} << 16 | static_cast<std::uint64_t>(FromDays(r.day).year);
    r.sequence = NextSerial(certificate_counters_, key, 999'999) + 1;
    store_.inspections_.push_back(r);
    ++v.inspection_count;
    // Most come back in the last weeks of validity; some late; a few old vehicles stop coming.
    if (age > 10 && rng_.Chance(30)) break;
    day = rng_.Chance(60) ? r.valid_until_day + static_cast<std::int32_t>(rng_.Between(1, 60))
                          : r.valid_until_day - static_cast<std::int32_t>(rng_.Uniform(25));
    day = AddWorkingDays(day, 0);
  }
}

}  // namespace ndxp::connectors::vehicle
